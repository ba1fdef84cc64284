"""Business actions on an active agreement: the yearly follow-up, the decision before the end
date (renew, amend or let it end), the end of the period, and a termination by a party.

The system acts (``acting_user=None``) where the calendar does: a follow-up opens, a report is
asked for, the period ends. Each action runs in one transaction and is in the audit log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events
from casework.models import Deadline
from casework.services import case_close, deadline_meet, deadline_set

from .. import policy, selectors
from ..actions import PartnershipAction
from ..models import FollowUp, FollowUpReport, IOPInquiry, RenewalDecision, Status, Termination
from .inquiries import change_status, lock, notify_organisation

REPORT_FIELDS = ("goals_reached", "contributions_delivered", "budget_against_actual", "reflection")


@transaction.atomic
def follow_up_open(*, inquiry: IOPInquiry, acting_user=None) -> FollowUp:
    """Open the follow-up of the next agreement year; the idea-based parties report next."""
    inquiry = lock(inquiry)
    if inquiry.status != Status.ACTIVE:
        raise ValidationError(_("Only an active agreement is followed up."))
    year = selectors.next_follow_up_year(inquiry)
    if year is None:
        raise ValidationError(_("Every year of the agreement is followed up already."))
    follow_up = FollowUp.objects.create(
        inquiry=inquiry,
        version=selectors.signed_version(inquiry),
        year_start=year.start,
        year_end=year.end,
        due_on=year.due_on,
    )
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.FOLLOW_UP_OPENED,
        data={"year_end": year.end.isoformat(), "due_on": year.due_on.isoformat()},
    )
    return follow_up


@transaction.atomic
def follow_up_report_request(
    *, follow_up: FollowUp, organisation, task_id: int | None, acting_user=None
) -> FollowUpReport:
    """Ask one party for its part, with a deadline those who report for it are reminded of:
    an idea-based party's members, the officers for a party of the city."""
    is_public = organisation.is_public
    deadline = deadline_set(
        case=follow_up.inquiry.case,
        kind=Deadline.Kind.FOLLOW_UP,
        audience=Deadline.Audience.STAFF if is_public else Deadline.Audience.ORGANISATION,
        due_on=follow_up.due_on,
        acting_user=acting_user,
        description=_("%(organisation)s: the follow-up of %(start)s – %(end)s")
        % {
            "organisation": organisation,
            "start": follow_up.year_start.isoformat(),
            "end": follow_up.year_end.isoformat(),
        },
        task_id=task_id,
    )
    return FollowUpReport.objects.create(
        follow_up=follow_up, organisation=organisation, deadline=deadline
    )


@transaction.atomic
def follow_up_report_submit(*, report: FollowUpReport, acting_user, data: dict) -> FollowUpReport:
    """A party reports on its year: goals and indicators, contributions, budget against
    actual, and its reflection. The report goes to the officer. An idea-based party reports
    through its members; a party of the city through an officer."""
    policy.ensure_reports_for(acting_user, report.organisation)
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if report.submitted_at is not None:
        raise ValidationError(_("This report is already sent."))
    for name in REPORT_FIELDS:
        if not str(data.get(name, "")).strip():
            raise ValidationError(_("Answer every part of the follow-up."))
        setattr(report, name, data[name].strip())
    report.submitted_by, report.submitted_at = acting_user, timezone.now()
    report.save()
    if report.deadline_id:
        deadline_meet(deadline=report.deadline, acting_user=acting_user)
    events.record(
        report.follow_up.inquiry,
        acting_user,
        PartnershipAction.FOLLOW_UP_REPORTED,
        data={"organisation": report.organisation_id, "follow_up": report.follow_up_id},
    )
    return report


@transaction.atomic
def follow_up_approve(
    *,
    follow_up: FollowUp,
    acting_user,
    summary: str,
    steering_group_conclusions: str,
    minutes_date,
    minutes_reference: str,
) -> FollowUp:
    """The officer records the partnership steering group's conclusions and its approval of
    the year's follow-up, from its minutes (date and reference), with an assessment the parties
    see. Every party, public and idea-based, has reported first."""
    policy.ensure_officer(acting_user)
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.approved_at is not None:
        raise ValidationError(_("This follow-up is already approved."))
    if follow_up.reports.filter(submitted_at__isnull=True).exists():
        raise ValidationError(_("Every party must report first."))
    errors = {}
    if not summary.strip():
        errors["summary"] = _("Give your assessment of the year.")
    if not steering_group_conclusions.strip():
        errors["steering_group_conclusions"] = _("Give the steering group's conclusions.")
    if minutes_date is None or minutes_date > timezone.localdate():
        errors["minutes_date"] = _("Give the date of the minutes, not a day still to come.")
    if not minutes_reference.strip():
        errors["minutes_reference"] = _("Give the reference to the minutes.")
    if errors:
        raise ValidationError(errors)
    follow_up.officer_summary = summary.strip()
    follow_up.steering_group_conclusions = steering_group_conclusions.strip()
    follow_up.minutes_date, follow_up.minutes_reference = minutes_date, minutes_reference.strip()
    follow_up.approved_by, follow_up.approved_at = acting_user, timezone.now()
    follow_up.save()
    events.record(
        follow_up.inquiry,
        acting_user,
        PartnershipAction.FOLLOW_UP_APPROVED,
        reason=follow_up.steering_group_conclusions,
        data={
            "year_end": follow_up.year_end.isoformat(),
            "minutes_date": minutes_date.isoformat(),
            "minutes_reference": follow_up.minutes_reference,
        },
    )
    return follow_up


@transaction.atomic
def agreement_renewal_decide(
    *, inquiry: IOPInquiry, acting_user, choice: str, reason: str
) -> RenewalDecision:
    """Before the end date: renew or amend (a new version goes through co-creation, the memo,
    the boards and the signatures again, while the signed one stays in force), or let it end."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    if inquiry.status != Status.ACTIVE:
        raise ValidationError(_("Only an active agreement is renewed, amended or ended."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the decision."))
    decision = RenewalDecision.objects.create(
        inquiry=inquiry,
        version=selectors.signed_version(inquiry),
        choice=choice,
        reason=reason.strip(),
        decided_by=acting_user,
    )
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.RENEWAL_DECIDED,
        reason=decision.reason,
        data={"choice": choice, "version": decision.version.number},
    )
    if choice != RenewalDecision.Choice.END:
        change_status(inquiry.amend, acting_user, reason=decision.reason)
    notify_organisation(
        inquiry,
        _("Case %(case)s: %(decision)s")
        % {"case": inquiry.case.case_number, "decision": decision.get_choice_display()},
        decision.reason,
    )
    return decision


@transaction.atomic
def agreement_end(*, inquiry: IOPInquiry, acting_user=None) -> IOPInquiry:
    """The agreement's period is over: the partnership ends and its case closes."""
    inquiry = lock(inquiry)
    version = selectors.signed_version(inquiry)
    if timezone.localdate() <= version.period_end:
        raise ValidationError(
            _("The agreement runs until %(date)s.") % {"date": version.period_end.isoformat()}
        )
    reason = _("The agreement ended on %(date)s.") % {"date": version.period_end.isoformat()}
    _finish(inquiry, acting_user, inquiry.end, reason)
    return inquiry


@transaction.atomic
def agreement_terminate(
    *, inquiry: IOPInquiry, party, acting_user, reason: str, decision_reference: str
) -> Termination:
    """A person with the right to sign for ``party`` terminates the agreement, citing the
    party's decision to do so and its reason; the notice of the agreement runs from today. The
    partnership ends, its case closes and the organisation is told."""
    if party not in policy.terminable_parties(acting_user, inquiry):
        raise PermissionDenied(
            _("Only a person with the right to sign for %(party)s terminates the agreement for it.")
            % {"party": party}
        )
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": _("Give the party's decision to terminate (date and §).")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the termination.")})
    inquiry = lock(inquiry)
    version = selectors.signed_version(inquiry)
    termination = Termination.objects.create(
        inquiry=inquiry,
        party=party,
        decision_reference=decision_reference.strip(),
        reason=reason.strip(),
        given_on=timezone.localdate(),
        notice_months=version.notice_months,
        terminated_by=acting_user,
    )
    text = _("%(party)s terminated the agreement; it ends on %(date)s. Reason: %(reason)s") % {
        "party": party,
        "date": min(termination.ends_on, version.period_end).isoformat(),
        "reason": termination.reason,
    }
    basis = {"party": party.pk, "basis": policy.signing_basis(acting_user, party)}
    _finish(inquiry, acting_user, inquiry.terminate, text, data=basis)
    return termination


def _finish(inquiry: IOPInquiry, acting_user, transition, reason: str, data=None) -> None:
    change_status(transition, acting_user, reason=reason, data=data)
    for deadline in inquiry.case.deadlines.filter(met_at__isnull=True):
        deadline_meet(deadline=deadline, acting_user=acting_user)
    case_close(case=inquiry.case, acting_user=acting_user, reason=reason)
    notify_organisation(
        inquiry, _("Case %(case)s is closed") % {"case": inquiry.case.case_number}, reason
    )
