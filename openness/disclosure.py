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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events
from casework.models import Case, Comment
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
    return request


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


def _content(item: DisclosureItem) -> tuple[str, bytes] | None:
    kind = item.record_kind
    if kind.startswith("document:"):
        document = Document.objects.get(pk=item.record_id)
        with document.file.open("rb") as handle:
            return document.download_name, handle.read()
    if kind.startswith("attachment:"):
        attachment = Attachment.objects.get(pk=item.record_id)
        with attachment.file.open("rb") as handle:
            return attachment.original_name, handle.read()
    return None  # comments are written out in the listing's companion file


@transaction.atomic
def disclosure_copy(*, request: DisclosureRequest, acting_user) -> bytes:
    """The copy handed out: a ZIP of the released records, the released comments as text and
    a listing (``forteckning.csv``) of every record with its outcome and provision."""
    if not may_handle(acting_user):
        raise PermissionDenied
    items = list(request.items.all())
    buffer = io.BytesIO()
    listing = io.StringIO()
    writer = csv.writer(listing, lineterminator="\r\n")
    writer.writerow([_("No."), _("Record"), _("Dated"), _("Outcome"), _("Secrecy provision")])
    comments = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, item in enumerate(items, start=1):
            released = item.outcome == DisclosureItem.Outcome.RELEASED
            writer.writerow(
                [
                    number,
                    item.label,
                    timezone.localtime(item.dated).strftime("%Y-%m-%d"),
                    item.get_outcome_display(),
                    "" if released else item.provision,
                ]
            )
            if not released:
                continue
            content = _content(item)
            if content is not None:
                name, data = content
                archive.writestr(f"handlingar/{number:03d}-{name}", data)
            else:
                body = Comment.objects.get(pk=item.record_id).body
                dated = timezone.localtime(item.dated).strftime("%Y-%m-%d %H:%M")
                comments.append(f"{number}. {dated}\n{body}\n")
        if comments:
            archive.writestr("handlingar/kommentarer.txt", "\n".join(comments))
        archive.writestr("forteckning.csv", "\ufeff" + listing.getvalue())
    events.record(
        request.case, acting_user, DisclosureAction.EXPORTED, data={"request": request.pk}
    )
    return buffer.getvalue()
