"""Repayment claims (återkrav): decisions, with a letter, followed until paid or written off.

A claim is made on one of two grounds: the report-back shows the money was not used as granted
(made while reviewing the report-back), or no report-back came by its deadline although the
organisation was reminded. Each claim records who decided, on what authority, the reasons, the
amount and the day it is due; its letter (``funding.claim_letters``) is produced when the
transaction commits. It is followed until the money is received in full or the claim is
written off, with the reason; either ends the application's case.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework import services as case_services
from casework.models import Deadline

from .. import claim_letters, delegation, policy
from ..actions import FundingAction
from ..models import FundingApplication, Matter, RepaymentClaim, RepaymentReceipt, Status
from .applying import _locked

# The period a claim letter gives to pay, unless the decision-maker sets another day.
DAYS_TO_PAY = 30


def default_due_on() -> date:
    return timezone.localdate() + timedelta(days=DAYS_TO_PAY)


def unreported_deadline(application: FundingApplication) -> Deadline | None:
    """The report-back deadline that passed unmet after the organisation was reminded."""
    if application.case_id is None:
        return None
    return (
        application.case.deadlines.filter(
            kind=Deadline.Kind.REPORT_BACK,
            met_at__isnull=True,
            due_on__lt=timezone.localdate(),
        )
        .exclude(reminders_sent=[])
        .order_by("due_on")
        .first()
    )


def may_claim_unreported(application: FundingApplication) -> bool:
    return (
        application.status in (Status.PAID, Status.MORE_REPORT_REQUESTED)
        and unreported_deadline(application) is not None
    )


def claim_open(
    application: FundingApplication,
    acting_user,
    *,
    ground: str,
    amount: Decimal | None,
    reasons: str,
    due_on: date | None,
    decider_title: str = "",
) -> RepaymentClaim:
    """Check and record the claim (the caller applies the transition in the same transaction).

    Only a person who holds the point of the board's delegation order for repayment claims,
    covering the amount, decides it; the claim names that point and board as its authority."""
    paid = application.payouts.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    errors = {}
    if amount is None or not 0 < amount <= paid:
        errors["repayment_amount"] = _("Claim more than 0 kr and at most the %(paid)s kr paid.") % {
            "paid": paid
        }
    if not reasons.strip():
        errors["note"] = _("Give the reason for the repayment claim.")
    due_on = due_on or default_due_on()
    if due_on <= timezone.localdate():
        errors["repayment_due_on"] = _("The day to pay by must be after today.")
    if errors:
        raise ValidationError(errors)
    point = delegation.ensure_holds_point(acting_user, application, Matter.REPAYMENT_CLAIM, amount)
    claim = RepaymentClaim(
        application=application,
        ground=ground,
        amount=amount,
        reason=reasons.strip(),
        due_on=due_on,
        opened_by=acting_user,
        decider_title=decider_title.strip(),
        authority=delegation.authority_of(point),
    )
    claim.full_clean()
    claim.save()
    transaction.on_commit(lambda: _request_letter(claim.pk))
    return claim


def _request_letter(claim_id: int) -> None:
    claim_letters.request_claim_letter(claim_id)


@transaction.atomic
def repayment_claim_unreported(
    *,
    application: FundingApplication,
    acting_user,
    amount: Decimal,
    reasons: str,
    due_on: date | None = None,
    decider_title: str = "",
) -> RepaymentClaim:
    """Claim the grant back because no report-back came by its deadline, after a reminder.

    Refused while the deadline has not passed, or when the organisation was never reminded."""
    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    if application.status not in (Status.PAID, Status.MORE_REPORT_REQUESTED):
        raise ValidationError(_("Only a paid grant whose report-back is due can be claimed back."))
    deadline = unreported_deadline(application)
    if deadline is None:
        raise ValidationError(
            _(
                "A claim for a missing report-back can be made only after its deadline has "
                "passed and the organisation has been reminded."
            )
        )
    claim = claim_open(
        application,
        acting_user,
        ground=RepaymentClaim.Ground.NO_REPORT_BACK,
        amount=amount,
        reasons=reasons,
        due_on=due_on,
        decider_title=decider_title,
    )
    transitions.apply(
        application.claim_repayment_unreported,
        acting_user=acting_user,
        action=FundingAction.REPAYMENT_CLAIMED,
        reason=claim.reason,
        data={"claim": claim.pk, "amount": str(claim.amount), "ground": claim.ground},
    )
    return claim


def _locked_claim(claim: RepaymentClaim) -> RepaymentClaim:
    claim = (
        RepaymentClaim.objects.select_for_update().select_related("application").get(pk=claim.pk)
    )
    if claim.status != RepaymentClaim.Status.OPEN:
        raise ValidationError(_("The repayment claim is already settled."))
    return claim


def _settle(claim: RepaymentClaim, acting_user, *, status: str, action, reason: str) -> None:
    claim.status, claim.settled_at, claim.settled_by = status, timezone.now(), acting_user
    claim.save()
    application = _locked(claim.application)
    if not application.repayment_claims.filter(status=RepaymentClaim.Status.OPEN).exists():
        transitions.apply(
            application.settle_repayment,
            acting_user=acting_user,
            action=action,
            reason=reason,
            data={"claim": claim.pk},
        )
        case_services.case_close(case=application.case, acting_user=acting_user, reason=reason)
    else:
        events.record(claim, acting_user, action, reason=reason, data={"claim": claim.pk})


@transaction.atomic
def repayment_receive(
    *, claim: RepaymentClaim, acting_user, amount: Decimal, received_on: date
) -> RepaymentReceipt:
    """Record money received against the claim; paid in full, the claim and the case close."""
    policy.ensure_handles_cases(acting_user)
    claim = _locked_claim(claim)
    if amount is None or not 0 < amount <= claim.outstanding:
        raise ValidationError(
            {
                "amount": _("Record more than 0 kr and at most the %(left)s kr outstanding.")
                % {"left": claim.outstanding}
            }
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The day received cannot be in the future.")})
    receipt = RepaymentReceipt.objects.create(
        claim=claim, amount=amount, received_on=received_on, recorded_by=acting_user
    )
    claim.amount_received += amount
    claim.save(update_fields=["amount_received"])
    events.record(
        claim,
        acting_user,
        FundingAction.REPAYMENT_RECEIVED,
        data={"claim": claim.pk, "amount": str(amount), "received_on": received_on.isoformat()},
    )
    if claim.outstanding == 0:
        _settle(
            claim,
            acting_user,
            status=RepaymentClaim.Status.PAID,
            action=FundingAction.REPAYMENT_PAID,
            reason=_("The repayment claim is paid in full."),
        )
    return receipt


@transaction.atomic
def repayment_write_off(*, claim: RepaymentClaim, acting_user, reason: str) -> RepaymentClaim:
    """Write the claim off (it will not be pursued), with the reason; the case closes. Only a
    person who holds the point of the board's delegation order for write-offs, covering what is
    outstanding, decides it; the claim keeps that point as the write-off's authority."""
    policy.ensure_handles_cases(acting_user)
    claim = _locked_claim(claim)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for writing the claim off.")})
    point = delegation.ensure_holds_point(
        acting_user, claim.application, Matter.WRITE_OFF, claim.outstanding
    )
    claim.write_off_reason = reason.strip()
    claim.write_off_authority = delegation.authority_of(point)
    _settle(
        claim,
        acting_user,
        status=RepaymentClaim.Status.WRITTEN_OFF,
        action=FundingAction.REPAYMENT_WRITTEN_OFF,
        reason=claim.write_off_reason,
    )
    return claim
