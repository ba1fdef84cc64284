"""Requests for public records (utlämnande av allmän handling): what a case holds, which of it
a person must review for secrecy first, and the copy that is handed out.

A request lists every record of the case when it is registered. Records of a kind an
administrator has marked as possibly secret (``SecrecyMarking``) wait for a person's review,
which is recorded (who, when, the outcome and the provision); the others are released. The copy
handed out holds the released records and a listing of every record with its outcome, so the
requester sees what was withheld and under which provision (offentlighets- och
sekretesslagen 6 kap. 3 §, tryckfrihetsförordningen 2 kap.)."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import events
from casework.models import Case, Comment
from casework.signals import public_records_request_settled, public_records_requested
from documents.models import Document
from funding.models import Attachment
from organisations import policy as org_policy

from .actions import DisclosureAction
from .models import DisclosureItem, DisclosureRequest, SecrecyMarking


def may_handle(user) -> bool:
    """Requests for public records are registered and reviewed by those who handle cases (and
    administrators)."""
    return user.has_perm(org_policy.HANDLE_CASE) or user.has_perm(org_policy.COORDINATE)


@dataclass(frozen=True)
class Record:
    kind: str
    pk: int
    label: str
    dated: object


INTERNAL = Comment.Visibility.INTERNAL
# The listing's outcome for a record disposed of (gallrad) since the request was registered.
DISPOSED = gettext_lazy("Disposed of under a disposal decision")


def records_of(case: Case) -> list[Record]:
    """Every record of the case a request covers: final documents, attachments and comments."""
    documents = Document.objects.filter(
        case=case, status=Document.Status.FINAL, rendered_at__isnull=False
    )
    attachments = Attachment.objects.filter(application__case=case)
    comments = Comment.objects.filter(case=case)
    return sorted(
        [
            *(
                Record(
                    f"document:{document.kind}",
                    document.pk,
                    f"{document.get_kind_display()}, {_('version')} {document.version}",
                    document.rendered_at,
                )
                for document in documents
            ),
            *(
                Record(
                    f"attachment:{attachment.kind}",
                    attachment.pk,
                    f"{attachment.get_kind_display()}: {attachment.original_name}",
                    attachment.uploaded_at,
                )
                for attachment in attachments
            ),
            *(
                Record(
                    "working_note"
                    if comment.visibility == Comment.Visibility.INTERNAL
                    else "comment",
                    comment.pk,
                    comment.body[:80],
                    comment.created_at,
                )
                for comment in comments
            ),
        ],
        key=lambda record: (record.dated, record.kind, record.pk),
    )


@transaction.atomic
def disclosure_request_register(
    *, case: Case, received_on, description: str, acting_user
) -> DisclosureRequest:
    if not may_handle(acting_user):
        raise PermissionDenied
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("A request cannot be received in the future.")})
    request = DisclosureRequest.objects.create(
        case=case, received_on=received_on, description=description, registered_by=acting_user
    )
    marked = dict(SecrecyMarking.objects.values_list("record_kind", "provision"))
    DisclosureItem.objects.bulk_create(
        DisclosureItem(
            request=request,
            record_kind=record.kind,
            record_id=record.pk,
            label=record.label,
            dated=record.dated,
            provision=marked.get(record.kind, ""),
            outcome=DisclosureItem.Outcome.TO_REVIEW
            if record.kind in marked
            else DisclosureItem.Outcome.RELEASED,
        )
        for record in records_of(case)
    )
    events.record(case, acting_user, DisclosureAction.REQUESTED, data={"request": request.pk})
    public_records_requested.send(
        sender=DisclosureRequest,
        case=case,
        reference=hold_reference(request),
        acting_user=acting_user,
    )
    return request


def hold_reference(request: DisclosureRequest) -> str:
    """The request as the records' legal hold names it, in the site's language whoever asks (the
    hold is found again by it when the request is settled)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Request for public records %(number)s, received %(date)s") % {
            "number": request.pk,
            "date": f"{request.received_on:%Y-%m-%d}",
        }


@transaction.atomic
def disclosure_item_review(
    *, item: DisclosureItem, outcome: str, provision: str, note: str, acting_user
) -> DisclosureItem:
    """Record a person's secrecy review of one record. Withholding, wholly or in part, names
    the provision and the reasons (a refusal can be appealed: the requester is told why)."""
    if not may_handle(acting_user):
        raise PermissionDenied
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if not item.provision:
        raise ValidationError(_("This record is not marked for secrecy review."))
    if outcome not in (
        DisclosureItem.Outcome.RELEASED,
        DisclosureItem.Outcome.PARTLY,
        DisclosureItem.Outcome.WITHHELD,
    ):
        raise ValidationError({"outcome": _("Choose the outcome of the review.")})
    if outcome != DisclosureItem.Outcome.RELEASED and not (provision.strip() and note.strip()):
        raise ValidationError(
            _("Name the secrecy provision and the reasons when a record is withheld.")
        )
    item.outcome = outcome
    item.provision = provision.strip() or item.provision
    item.review_note = note.strip()
    item.reviewed_by = acting_user
    item.reviewed_at = timezone.now()
    item.save()
    events.record(
        item.request.case,
        acting_user,
        DisclosureAction.REVIEWED,
        to_state=outcome,
        reason=item.review_note,
        data={"request": item.request_id, "record": item.label, "provision": item.provision},
    )
    return item


class _Stored:
    """The records a copy holds, fetched once per kind rather than once per record. A record
    disposed of under a disposal decision since the request was registered is missing here."""

    def __init__(self, items: list[DisclosureItem]):
        def ids(prefix):
            return [item.record_id for item in items if item.record_kind.startswith(prefix)]

        self.documents = Document.objects.select_related("case").in_bulk(ids("document:"))
        self.attachments = Attachment.objects.in_bulk(ids("attachment:"))
        self.comments = Comment.objects.in_bulk(
            [item.record_id for item in items if ":" not in item.record_kind]
        )

    def get(self, item: DisclosureItem):
        kind = item.record_kind
        if kind.startswith("document:"):
            return self.documents.get(item.record_id)
        if kind.startswith("attachment:"):
            return self.attachments.get(item.record_id)
        return self.comments.get(item.record_id)


def _content(record) -> tuple[str, bytes] | None:
    if isinstance(record, Comment):
        return None  # comments are written out in the listing's companion file
    name = record.download_name if isinstance(record, Document) else record.original_name
    with record.file.open("rb") as handle:
        return name, handle.read()


@transaction.atomic
def disclosure_copy(*, request: DisclosureRequest, acting_user) -> bytes:
    """The copy handed out: a ZIP of the released records, the released comments as text and
    a listing (``forteckning.csv``) of every record with its outcome and provision."""
    if not may_handle(acting_user):
        raise PermissionDenied
    items = list(request.items.all())
    stored = _Stored(items)
    buffer = io.BytesIO()
    listing = io.StringIO()
    writer = csv.writer(listing, lineterminator="\r\n")
    writer.writerow([_("No."), _("Record"), _("Dated"), _("Outcome"), _("Secrecy provision")])
    comments = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, item in enumerate(items, start=1):
            released = item.outcome == DisclosureItem.Outcome.RELEASED
            record = stored.get(item)
            writer.writerow(
                [
                    number,
                    item.label,
                    timezone.localtime(item.dated).strftime("%Y-%m-%d"),
                    item.get_outcome_display() if record is not None else DISPOSED,
                    "" if released else item.provision,
                ]
            )
            if not released or record is None:
                continue
            content = _content(record)
            if content is not None:
                name, data = content
                archive.writestr(f"handlingar/{number:03d}-{name}", data)
            else:
                body = record.body
                dated = timezone.localtime(item.dated).strftime("%Y-%m-%d %H:%M")
                comments.append(f"{number}. {dated}\n{body}\n")
        if comments:
            archive.writestr("handlingar/kommentarer.txt", "\n".join(comments))
        archive.writestr("forteckning.csv", "\ufeff" + listing.getvalue())
    events.record(
        request.case, acting_user, DisclosureAction.EXPORTED, data={"request": request.pk}
    )
    if all(item.outcome == DisclosureItem.Outcome.RELEASED for item in items):
        # Everything released: nothing to appeal, the request is settled and its hold goes.
        # Anything withheld can be appealed; the hold stays until a records manager lifts it.
        public_records_request_settled.send(
            sender=DisclosureRequest,
            case=request.case,
            reference=hold_reference(request),
            acting_user=acting_user,
        )
    return buffer.getvalue()
