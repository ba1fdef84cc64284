"""Money out and accounts back: payouts in tranches, report-back, review and repayment."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework import services as case_services
from casework.models import Deadline
from common import limits, uploads
from organisations.models import EligibilityEvidence

from .. import policy
from ..actions import FundingAction
from ..models import (
    AttachmentKind,
    FundingApplication,
    Payout,
    RepaymentClaim,
    ReportBack,
    Status,
)
from . import repayment
from .applying import _locked, store_attachment


def paid_so_far(application: FundingApplication) -> Decimal:
    return application.payouts.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _verified_giro(organisation) -> None:
    """Money goes only to a bankgiro or plusgiro verified as the organisation's own."""
    today = timezone.localdate()
    verified = any(
        e.is_valid_on(today)
        for e in organisation.evidence.filter(kind=EligibilityEvidence.Kind.BANK_ACCOUNT)
    )
    if not (organisation.giro_number and verified):
        raise ValidationError(_("The organisation has no verified bankgiro or plusgiro."))


@transaction.atomic
def payout_record(
    *, application: FundingApplication, acting_user, amount: Decimal, paid_on
) -> Payout:
    """Record one tranche; when the grant is paid in full the report-back falls due."""
    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    if application.status != Status.GRANTED:
        raise ValidationError(_("Only a granted application is paid out."))
    _verified_giro(application.organisation)
    left = application.decision.amount_granted - paid_so_far(application)
    if not 0 < amount <= left:
        raise ValidationError(
            {
                "amount": _("Pay more than 0 kr and at most the %(left)s kr left of the grant.")
                % {"left": left}
            }
        )
    payout = Payout.objects.create(
        application=application,
        amount=amount,
        paid_on=paid_on,
        recorded_by=acting_user,
        giro_kind=application.organisation.giro_kind,
        giro_number=application.organisation.giro_number,
    )
    events.record(
        application,
        acting_user,
        FundingAction.PAYOUT_RECORDED,
        data={"amount": str(amount), "paid_on": paid_on.isoformat()},
    )
    if amount == left:
        transitions.apply(
            application.complete_payout, acting_user=acting_user, action=FundingAction.PAID_IN_FULL
        )
        _report_back_deadline(application, acting_user)
    return payout


def _report_back_deadline(application: FundingApplication, acting_user) -> None:
    end = application.activity_end or timezone.localdate()
    due_on = max(end, timezone.localdate()) + timedelta(days=application.programme.report_back_days)
    case_services.deadline_set(
        case=application.case,
        kind=Deadline.Kind.REPORT_BACK,
        audience=Deadline.Audience.ORGANISATION,
        due_on=due_on,
        acting_user=acting_user,
        description=_("Report what was done and how the grant was used."),
    )


@transaction.atomic
def report_back_submit(
    *,
    application: FundingApplication,
    acting_user,
    description: str,
    amount_used: Decimal,
    attachments: Sequence = (),
) -> ReportBack:
    """What was done and the money used, with attachments (receipts, photos, minutes). Every
    file is checked before anything is stored: one refused file stores none."""
    if not policy.acts_for_applicant(acting_user, application):
        raise PermissionDenied("Only the applicant's members report back.")
    application = _locked(application)
    file_types = _checked(attachments)
    report = ReportBack(
        application=application,
        description=description.strip(),
        amount_used=amount_used,
        submitted_by=acting_user,
    )
    report.full_clean()
    report.save()
    for upload, file_type in zip(attachments, file_types, strict=True):
        store_attachment(
            application=application,
            acting_user=acting_user,
            kind=AttachmentKind.OTHER,
            upload=upload,
            file_type=file_type,
            report_back=report,
        )
    transitions.apply(
        application.submit_report,
        acting_user=acting_user,
        action=FundingAction.REPORT_BACK_SUBMITTED,
        data={"amount_used": str(amount_used)},
    )
    for deadline in application.case.deadlines.filter(
        kind=Deadline.Kind.REPORT_BACK, met_at__isnull=True
    ):
        case_services.deadline_meet(deadline=deadline, acting_user=acting_user)
    return report


def _checked(uploads_: Sequence) -> list:
    try:
        limits.check_room_for_files(
            uploads_,
            max_files=limits.FILES_PER_REPORT_BACK,
            max_bytes=limits.BYTES_PER_REPORT_BACK,
        )
        return [uploads.check_upload(upload) for upload in uploads_]
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error


def _review_step(application: FundingApplication, review: str):
    """The transition a review applies, and the action it is recorded as."""
    return {
        ReportBack.Review.APPROVED: (
            application.approve_report,
            FundingAction.REPORT_BACK_APPROVED,
        ),
        ReportBack.Review.MORE_REQUESTED: (
            application.ask_for_more_report,
            FundingAction.REPORT_BACK_MORE_REQUESTED,
        ),
        ReportBack.Review.REPAYMENT: (
            application.claim_repayment,
            FundingAction.REPAYMENT_CLAIMED,
        ),
    }[review]


@transaction.atomic
def report_back_review(
    *,
    application: FundingApplication,
    acting_user,
    review: str,
    note: str = "",
    repayment_amount: Decimal | None = None,
    repayment_due_on: date | None = None,
) -> ReportBack:
    """Approve the report-back, ask for more, or claim back money not used as granted.

    A claim is a decision (``repayment.claim_open``): the note is its reasons, and it is due
    on ``repayment_due_on`` (30 days on when not given); its letter follows the commit."""
    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    report = application.report_backs.filter(review="").last()
    if report is None:
        raise ValidationError(_("There is no report-back to review."))
    if review == ReportBack.Review.REPAYMENT:
        repayment.claim_open(
            application,
            acting_user,
            ground=RepaymentClaim.Ground.NOT_USED_AS_GRANTED,
            amount=repayment_amount,
            reasons=note,
            due_on=repayment_due_on,
        )
    report.review, report.review_note = review, note.strip()
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    report.save()
    transition, action = _review_step(application, review)
    transitions.apply(transition, acting_user=acting_user, action=action, reason=report.review_note)
    if review == ReportBack.Review.MORE_REQUESTED:
        _report_back_deadline(application, acting_user)
    elif review == ReportBack.Review.APPROVED:
        case_services.case_close(
            case=application.case, acting_user=acting_user, reason=_("Report-back approved.")
        )
    return report
