"""Reminders and warnings, sent by a daily job. Each is recorded, so none is sent twice and a
missed day catches up the next time the job runs.

- a deadline for the organisation (report-back, supplement, follow-up): its members,
  21 and 3 days before; a deadline on a workflow task (the yearly IOP follow-up, one task per
  idea-based party) goes to the people who may take that task, while it is open;
- a deadline for the staff (a decision demanded under 12 §): staff on the case, 7 and 1 days
  before;
- any deadline passed unmet: staff on the case, once, the day after;
- six months since registration near without a decision: staff on the case, 30 days before;
- eligibility evidence about to expire: the organisation's members, 30 and 7 days before.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notifications.models import Kind
from notifications.services import notify
from organisations import policy as org_policy
from organisations.models import EligibilityEvidence, User

from . import clocks, selectors
from .models import Case, Deadline

ORGANISATION_OFFSETS = (21, 3)
STAFF_OFFSETS = (7, 1)
EVIDENCE_OFFSETS = (30, 7)


def _due_offsets(due_on: date, today: date, offsets, sent) -> list[int]:
    days_left = (due_on - today).days
    return [offset for offset in offsets if 0 <= days_left <= offset and offset not in sent]


def _remind_deadline(deadline: Deadline, today: date) -> int:
    staff = deadline.audience == Deadline.Audience.STAFF
    offsets = _due_offsets(
        deadline.due_on,
        today,
        STAFF_OFFSETS if staff else ORGANISATION_OFFSETS,
        deadline.reminders_sent,
    )
    if not offsets:
        return 0
    case = deadline.case
    if staff:
        recipients = selectors.case_staff(case)
    elif deadline.task_id:
        recipients = _task_holders(deadline.task_id)
    else:
        recipients = selectors.case_members(case)
    notify(
        recipients=recipients,
        kind=Kind.REMINDER,
        url=case.get_absolute_url(),
        title=_("%(what)s in case %(case)s is due on %(date)s")
        % {
            "what": deadline.get_kind_display(),
            "case": case.case_number,
            "date": deadline.due_on.isoformat(),
        },
        body=deadline.description,
    )
    deadline.reminders_sent = sorted(set(deadline.reminders_sent) | set(offsets))
    deadline.save(update_fields=["reminders_sent"])
    return 1


def _task_holders(task_id: int):
    """Who may act on an open workflow task: its owner, else whoever may take it."""
    task = Task.objects.filter(pk=task_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]).first()
    if task is None:
        return User.objects.none()
    if task.owner_id:
        return User.objects.filter(pk=task.owner_id)
    return org_policy.holders_of(task.owner_permission, task.owner_permission_obj)


def _warn_overdue(deadline: Deadline, today: date) -> int:
    if deadline.due_on >= today or deadline.overdue_notified_at:
        return 0
    case = deadline.case
    notify(
        recipients=selectors.case_staff(case),
        kind=Kind.DEADLINE_WARNING,
        url=case.get_absolute_url(),
        title=_("The deadline for %(what)s in case %(case)s has passed")
        % {"what": deadline.get_kind_display(), "case": case.case_number},
        body=_("You may decide on the material the case holds."),
    )
    deadline.overdue_notified_at = timezone.now()
    deadline.save(update_fields=["overdue_notified_at"])
    return 1


def _warn_six_months(case: Case) -> int:
    clock = clocks.clock_of(case)
    if not clock.six_month_warning:
        return 0
    notify(
        recipients=selectors.case_staff(case),
        kind=Kind.DEADLINE_WARNING,
        url=case.get_absolute_url(),
        title=_("Case %(case)s reaches six months on %(date)s without a decision")
        % {"case": case.case_number, "date": clock.six_months_on.isoformat()},
        body=_(
            "After six months the party may demand a decision (förvaltningslagen 12 §). "
            "Consider a delay notice (11 §)."
        ),
    )
    case.six_month_warning_sent_at = timezone.now()
    case.save(update_fields=["six_month_warning_sent_at"])
    return 1


def _remind_evidence(evidence: EligibilityEvidence, today: date) -> int:
    offsets = _due_offsets(evidence.expires_on, today, EVIDENCE_OFFSETS, evidence.reminders_sent)
    if not offsets:
        return 0
    notify(
        recipients=org_policy.holders_of(org_policy.ACT_FOR_ORGANISATION, evidence.organisation),
        kind=Kind.REMINDER,
        url=f"/organisations/{evidence.organisation_id}/",
        title=_("%(what)s expires on %(date)s")
        % {"what": evidence.get_kind_display(), "date": evidence.expires_on.isoformat()},
        body=_("Send new evidence so that you can keep applying for grants."),
    )
    evidence.reminders_sent = sorted(set(evidence.reminders_sent) | set(offsets))
    evidence.save(update_fields=["reminders_sent"])
    return 1


def send_due_reminders() -> dict[str, int]:
    """Send every reminder and warning that is due today; returns how many of each."""
    today = timezone.localdate()
    counts = {
        "deadline_reminders": 0,
        "overdue_warnings": 0,
        "six_month_warnings": 0,
        "evidence_reminders": 0,
    }
    open_deadlines = Deadline.objects.filter(met_at__isnull=True).select_related("case")
    for deadline in open_deadlines.filter(due_on__lte=today + timezone.timedelta(days=21)):
        with transaction.atomic():
            counts["deadline_reminders"] += _remind_deadline(deadline, today)
            counts["overdue_warnings"] += _warn_overdue(deadline, today)
    cutoff = today + clocks.WARN_BEFORE_SIX_MONTHS - clocks.SIX_MONTHS
    for case in Case.objects.filter(
        decided_at__isnull=True,
        closed_at__isnull=True,
        six_month_warning_sent_at__isnull=True,
        registered_at__date__lte=cutoff,
        opened_by=Case.OpenedBy.PARTY,  # 12 § does not apply to the municipality's own cases
    ):
        with transaction.atomic():
            counts["six_month_warnings"] += _warn_six_months(case)
    expiring = EligibilityEvidence.objects.filter(
        expires_on__gte=today, expires_on__lte=today + timezone.timedelta(days=30)
    ).select_related("organisation")
    for evidence in expiring:
        with transaction.atomic():
            counts["evidence_reminders"] += _remind_evidence(evidence, today)
    return counts
