"""The applicant's actions: drafting, attaching, declaring other funding, submitting."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework import services as case_services
from casework.models import Case, Deadline
from common import limits, uploads
from notifications.models import Kind
from notifications.services import notify
from organisations import policy as org_policy

from .. import eligibility, policy, receipts, tasks
from ..actions import FundingAction
from ..models import Attachment, FundingApplication, FundingProgramme, OtherFunding, Status
from .errors import SubmissionRefused

DRAFT_FIELDS = (
    "title",
    "purpose",
    "target_group",
    "challenge_area",
    "activity_start",
    "activity_end",
    "participants",
    "amount_applied",
    "total_cost",
)


@transaction.atomic
def application_create(
    *, programme: FundingProgramme, organisation, acting_user, title: str
) -> FundingApplication:
    """Start a draft for ``organisation``; any of its members may go on with it."""
    if not policy.can_apply_for(acting_user, organisation):
        raise PermissionDenied("Only members of an organisation apply for it.")
    if not programme.is_active or programme.closes_on < timezone.localdate():
        raise ValidationError(_("The programme is closed for applications."))
    application = FundingApplication(
        programme=programme,
        organisation=organisation,
        title=title.strip(),
        created_by=acting_user,
    )
    application.full_clean()
    application.save()
    events.record(
        application,
        acting_user,
        FundingAction.APPLICATION_STARTED,
        to_state=Status.DRAFT,
        data={"programme": programme.slug},
    )
    return application


@transaction.atomic
def application_update(
    *, application: FundingApplication, acting_user, **values
) -> FundingApplication:
    """Save answers of a draft (or of an application waiting for a supplement)."""
    application = _locked(application)
    policy.ensure_can_edit(acting_user, application)
    unknown = set(values) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Not an answer of the application: {sorted(unknown)}")
    for name, value in values.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    events.record(
        application, acting_user, FundingAction.APPLICATION_SAVED, data={"fields": sorted(values)}
    )
    return application


@transaction.atomic
def other_funding_set(
    *, application: FundingApplication, acting_user, rows: list[dict]
) -> list[OtherFunding]:
    """Replace the declaration of other funding applied for or received."""
    application = _locked(application)
    policy.ensure_can_edit(acting_user, application)
    if len(rows) > limits.OTHER_FUNDING_ROWS:
        raise ValidationError(
            _("Declare at most %(limit)s rows of other funding.")
            % {"limit": limits.OTHER_FUNDING_ROWS}
        )
    application.other_funding.all().delete()
    saved = []
    for row in rows:
        item = OtherFunding(application=application, **row)
        item.full_clean()
        item.save()
        saved.append(item)
    events.record(
        application,
        acting_user,
        FundingAction.OTHER_FUNDING_DECLARED,
        data={"rows": len(saved), "total": str(sum(r.amount for r in saved))},
    )
    return saved


@transaction.atomic
def attachment_add(
    *, application: FundingApplication, acting_user, kind: str, upload
) -> Attachment:
    """Store an attachment after its content proved to be an allowed type; nothing otherwise."""
    application = _locked(application)
    policy.ensure_can_edit(acting_user, application)
    kept = application.attachments.filter(report_back=None).aggregate(
        files=Count("pk"), size=Sum("size")
    )
    limits.check_room_for_files(
        [upload],
        kept_files=kept["files"],
        kept_bytes=kept["size"] or 0,
        max_files=limits.FILES_PER_APPLICATION,
        max_bytes=limits.BYTES_PER_APPLICATION,
    )
    return store_attachment(
        application=application,
        acting_user=acting_user,
        kind=kind,
        upload=upload,
        file_type=uploads.check_upload(upload),
    )


def store_attachment(
    *, application, acting_user, kind: str, upload, file_type, report_back=None
) -> Attachment:
    """Store a file whose type the caller has checked, under its checksum, and record it."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        application=application,
        report_back=report_back,
        kind=kind,
        original_name=upload.name[-255:],
        content_type=file_type.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=acting_user,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    events.record(
        application,
        acting_user,
        FundingAction.ATTACHMENT_ADDED,
        data={
            "attachment_id": attachment.pk,
            "kind": kind,
            "sha256": attachment.sha256,
            "size": attachment.size,
            "report_back_id": report_back.pk if report_back else None,
        },
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, acting_user) -> None:
    """Remove an attachment that is not yet part of what was submitted."""
    application = _locked(attachment.application)
    policy.ensure_can_edit(acting_user, application)
    if application.submitted_at and attachment.uploaded_at <= _last_sent(application):
        raise PermissionDenied("A submitted attachment is part of the case's record.")
    name, storage = attachment.file.name, attachment.file.storage
    events.record(
        application,
        acting_user,
        FundingAction.ATTACHMENT_REMOVED,
        data={"attachment_id": attachment.pk, "sha256": attachment.sha256},
    )
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _last_sent(application: FundingApplication):
    latest = application.supplement_requests.order_by("-requested_at").first()
    return latest.requested_at if latest else application.submitted_at


def _locked(application: FundingApplication) -> FundingApplication:
    return (
        FundingApplication.objects.select_for_update(of=("self",))
        .select_related("programme__board", "organisation", "case")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_submit(*, application: FundingApplication, acting_user) -> FundingApplication:
    """Send the application: it is checked, registered as a case and its receipt is made.

    The case is registered last: from then on every other submission in the programme's
    series waits for this transaction (the number is gap-free), so nothing that can be done
    before is done after. The receipt's content is fixed here, with its checksum; its PDF is
    made in the background from that record.
    """
    application = _locked(application)
    policy.ensure_can_edit(acting_user, application)
    problems = eligibility.submission_problems(application)
    if problems:
        raise SubmissionRefused(problems)
    transitions.check(application.submit, acting_user)
    prefetch_related_objects([application], "attachments", "other_funding__board")
    application.submitted_at, application.submitted_by = timezone.now(), acting_user
    application.case = case_services.case_register(
        kind=Case.Kind.FUNDING_APPLICATION,
        series=application.programme.series,
        title=application.title,
        acting_user=acting_user,
        organisation=application.organisation,
        challenge_area=application.challenge_area,
        boards=[application.programme.board],
    )
    application.receipt = receipts.receipt_data(application)
    transitions.apply(
        application.submit,
        acting_user=acting_user,
        action=FundingAction.APPLICATION_SUBMITTED,
        data={
            "sha256": application.receipt["sha256"],
            "basis": org_policy.representation_basis(
                acting_user, application.organisation_id, role=None
            ),
        },
    )
    application_id = application.pk
    transaction.on_commit(lambda: tasks.request_receipt.delay(application_id))
    _confirm_submission(application, acting_user)
    return application


def _confirm_submission(application: FundingApplication, acting_user) -> None:
    """Tell the person who sent the application, in the portal and by e-mail, that it is
    registered and what happens next."""
    number = application.case.case_number
    notify(
        recipients=[acting_user],
        kind=Kind.CONFIRMATION,
        title=_("Your application %(case)s is received") % {"case": number},
        url=reverse("funding:application_detail", kwargs={"pk": application.pk}),
        body=_(
            "The application “%(title)s” to %(programme)s is registered as case %(case)s. "
            "A receipt of exactly what was sent is among the case's documents. An officer "
            "checks that the application is complete; you are told if anything is missing."
        )
        % {"title": application.title, "programme": application.programme, "case": number},
    )


@transaction.atomic
def application_resubmit(
    *, application: FundingApplication, acting_user, answer: str
) -> FundingApplication:
    """Answer a supplement request: the application goes back to the officer. The
    programme's rules are checked again (what was changed while completing it must still
    keep them: the maximum, the answers, the attachments, eligibility)."""
    application = _locked(application)
    policy.ensure_can_edit(acting_user, application)
    request = application.supplement_requests.filter(answered_at__isnull=True).last()
    if request is None or application.status != Status.SUPPLEMENT_REQUESTED:
        raise ValidationError(_("No supplement has been requested."))
    problems = eligibility.standing_problems(application)
    if problems:
        raise SubmissionRefused(problems)
    request.answer, request.answered_by = answer.strip(), acting_user
    request.answered_at = timezone.now()
    request.full_clean()
    request.save()
    transitions.apply(
        application.resubmit,
        acting_user=acting_user,
        action=FundingAction.SUPPLEMENT_ANSWERED,
        data={"supplement_request_id": request.pk},
    )
    _meet_deadline(request, acting_user)
    return application


def _meet_deadline(request, acting_user) -> None:
    deadline = Deadline.objects.filter(pk=request.deadline_id).first()
    if deadline is not None:
        case_services.deadline_meet(deadline=deadline, acting_user=acting_user)
