"""What the records schedule names: the kinds of record a case holds, and the events a
retention period is counted from. This module imports no models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.kinds import Kind as DocumentKind

# A generated document is named by its document kind (``documents.kinds.Kind``); the records
# people bring or write themselves have kinds of their own.
ATTACHMENT = "attachment"
REPORT_BACK_ATTACHMENT = "report_back_attachment"
COMMENT = "comment"

RECORD_KINDS = [
    *DocumentKind.choices,
    (ATTACHMENT, _("Attachment to an application")),
    (REPORT_BACK_ATTACHMENT, _("Attachment to a report-back")),
    (COMMENT, _("Comment on a case")),
]


def record_kind_label(kind: str) -> str:
    return str(dict(RECORD_KINDS).get(kind, kind))


class CountedFrom(models.TextChoices):
    """The event a retention period runs from."""

    CASE_CLOSED = "case_closed", _("The case was closed")
    AGREEMENT_ENDED = "agreement_ended", _("The agreement ended")
    PAYOUT_SETTLED = "payout_settled", _("The last payout was made")


class Outcome(models.TextChoices):
    KEEP = "keep", _("Keep permanently (bevaras)")
    DISPOSE = "dispose", _("Dispose of after the period (gallras)")


class HoldReason(models.TextChoices):
    LITIGATION = "litigation", _("Litigation")
    PUBLIC_RECORDS_REQUEST = "public_records_request", _("An open request for public records")
    AUDIT = "audit", _("An audit")
