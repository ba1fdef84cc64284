"""Business actions on cases. Each runs in one transaction and records an audit event."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.models import Kind as NotificationKind
from notifications.services import notify
from organisations import policy as org_policy

from . import clocks, events, policy, selectors, signals
from .actions import CaseAction, CaseState
from .models import Case, CaseNumberCounter, ClockPause, Comment, Deadline, DemandRejection


def _next_number(*, series: str, year: int) -> int:
    """Take the next number in a series; the row lock makes numbers unique and gap-free.

    The counter moves in the caller's transaction, so a rolled-back registration gives its
    number back and no gap is left.
    """
    counter = CaseNumberCounter.objects.select_for_update().filter(series=series, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                CaseNumberCounter.objects.create(series=series, year=year)
        except IntegrityError:
            pass  # another registration created the counter first
        counter = CaseNumberCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def format_case_number(series: str, year: int, number: int) -> str:
    return f"{series}-{year}-{number:05d}"


@transaction.atomic
def case_register(
    *,
    kind: str,
    series: str,
    title: str,
    acting_user,
    organisation=None,
    challenge_area=None,
    boards=(),
    parties=(),
    opened_by: str = Case.OpenedBy.PARTY,
) -> Case:
    """Register a case and give it its case number at once.

    ``opened_by`` says whether a private party opened the case (an application, a proposal)
    or the municipality itself (an assignment): förvaltningslagen 11–12 §§ apply to the first.

    The series' counter row stays locked from the moment the number is taken until the
    caller's transaction commits, and every other registration in the series waits for it:
    the case is checked before the number is taken, and callers register as late in their
    transaction as they can.
    """
    year = timezone.localdate().year
    case = Case(
        kind=kind,
        series=series,
        year=year,
        title=title,
        organisation=organisation,
        challenge_area=challenge_area,
        opened_by=opened_by,
        registered_by=acting_user if acting_user and acting_user.is_authenticated else None,
    )
    # The number's uniqueness is the counter's (and the table's constraints') to keep; the
    # related rows are the caller's, in hand, and the foreign keys hold them.
    case.full_clean(
        exclude=["number", "case_number", "organisation", "challenge_area", "registered_by"],
        validate_unique=False,
    )
    case.number = _next_number(series=series, year=year)
    case.case_number = format_case_number(series, year, case.number)
    case.save()
    if boards:
        case.boards.add(*boards)
    others = [party for party in parties if party != organisation]
    if others:
        case.parties.add(*others)
    events.record(
        case,
        acting_user,
        CaseAction.REGISTERED,
        to_state=CaseState.REGISTERED,
        data={"case_number": case.case_number},
    )
    return case


@transaction.atomic
def case_close(*, case: Case, acting_user, reason: str) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.closed_at is not None:
        return case
    case.closed_at = timezone.now()
    case.save(update_fields=["closed_at"])
    events.record(
        case,
        acting_user,
        CaseAction.CLOSED,
        from_state=CaseState.OPEN,
        to_state=CaseState.CLOSED,
        reason=reason,
    )
    signals.case_closed.send(sender=Case, case=case, acting_user=acting_user)
    return case


@transaction.atomic
def comment_add(*, case: Case, acting_user, body: str, internal: bool = False) -> Comment:
    """Write a comment; a working note (``internal``) is written by staff only and is not shown
    to the organisation in the portal (it is no secret: see ``Comment``)."""
    if internal and not policy.may_comment_internally(acting_user):
        raise PermissionDenied("Only staff write working notes.")
    comment = Comment(
        case=case,
        author=acting_user,
        body=body.strip(),
        visibility=Comment.Visibility.INTERNAL if internal else Comment.Visibility.SHARED,
    )
    comment.full_clean()
    comment.save()
    events.record(
        case,
        acting_user,
        CaseAction.COMMENT_ADDED,
        data={"comment_id": comment.pk, "visibility": comment.visibility},
    )
    if not internal:
        _notify_comment(case, acting_user)
    return comment


def _notify_comment(case: Case, author) -> None:
    """Tell the other side of a shared comment: the organisation, or the staff on the case."""
    readers = (
        selectors.case_members(case)
        if org_policy.is_staff_member(author)
        else selectors.case_staff(case)
    )
    notify(
        recipients=[user for user in readers if user.pk != author.pk],
        kind=NotificationKind.COMMENT,
        url=case.get_absolute_url() + "#comments",
        title=_("New comment in case %(case)s") % {"case": case.case_number},
    )


def _ensure_staff(user) -> None:
    if not policy.may_comment_internally(user):
        raise PermissionDenied("Only the city's staff handle a case's clock.")


def _ensure_handles_case(user) -> None:
    if not policy.may_run_the_clock(user):
        raise PermissionDenied("Only the officers handling the case run its clock.")


def _ensure_party_case(case: Case) -> None:
    """11–12 §§ speak of a case a private party opened; the municipality's own have no clock."""
    if not clocks.statutory_clock_applies(case):
        raise ValidationError(
            _(
                "The municipality opened this case itself: förvaltningslagen 11–12 §§ "
                "(delay notice, demand for a decision) apply only to a case a party opened."
            )
        )


@transaction.atomic
def case_clock_pause(*, case: Case, acting_user, reason: str) -> ClockPause:
    """Stop the handling clock, for example while waiting for a supplement."""
    _ensure_handles_case(acting_user)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.clock_pauses.filter(ended_at__isnull=True).exists():
        raise ValidationError(_("The clock is already paused."))
    pause = ClockPause.objects.create(case=case, reason=reason.strip())
    events.record(
        case,
        acting_user,
        CaseAction.CLOCK_PAUSED,
        from_state=CaseState.RUNNING,
        to_state=CaseState.PAUSED,
        reason=pause.reason,
    )
    return pause


@transaction.atomic
def case_clock_resume(*, case: Case, acting_user) -> ClockPause:
    _ensure_handles_case(acting_user)
    case = Case.objects.select_for_update().get(pk=case.pk)
    pause = case.clock_pauses.filter(ended_at__isnull=True).first()
    if pause is None:
        raise ValidationError(_("The clock is not paused."))
    pause.ended_at = timezone.now()
    pause.save(update_fields=["ended_at"])
    events.record(
        case,
        acting_user,
        CaseAction.CLOCK_RESUMED,
        from_state=CaseState.PAUSED,
        to_state=CaseState.RUNNING,
    )
    return pause


@transaction.atomic
def case_decision_demand_register(*, case: Case, acting_user, demanded_on: date) -> Deadline:
    """A party demanded a decision (12 §): the decision is due within four weeks."""
    _ensure_staff(acting_user)
    case = Case.objects.select_for_update().get(pk=case.pk)
    _ensure_party_case(case)
    if case.decided_at or case.decision_demanded_on:
        raise ValidationError(_("A decision demand is already registered, or the case is decided."))
    if demanded_on > timezone.localdate():
        raise ValidationError(_("The demand cannot be dated in the future."))
    case.decision_demanded_on = demanded_on
    case.save(update_fields=["decision_demanded_on"])
    deadline = Deadline.objects.create(
        case=case,
        kind=Deadline.Kind.DECISION,
        audience=Deadline.Audience.STAFF,
        due_on=demanded_on + clocks.DECISION_AFTER_DEMAND,
        description=_("Decide, or reject the demand by a special decision (12 §)."),
    )
    events.record(
        case,
        acting_user,
        CaseAction.DECISION_DEMANDED,
        data={"demanded_on": demanded_on.isoformat(), "due_on": deadline.due_on.isoformat()},
    )
    return deadline


@transaction.atomic
def case_delay_notice_send(*, case: Case, acting_user, reason: str, expected_on: date) -> None:
    """Tell the party that the decision will be substantially delayed, and why (11 §)."""
    _ensure_handles_case(acting_user)
    _ensure_party_case(case)
    if expected_on < timezone.localdate():
        raise ValidationError(_("The expected decision date cannot be in the past."))
    events.record(
        case,
        acting_user,
        CaseAction.DELAY_NOTICE_SENT,
        reason=reason,
        data={"expected_on": expected_on.isoformat()},
    )
    notify(
        recipients=selectors.case_members(case),
        kind=NotificationKind.DELAY_NOTICE,
        url=case.get_absolute_url(),
        title=_("The decision in case %(case)s is delayed") % {"case": case.case_number},
        body=_("Reason: %(reason)s\nWe expect to decide by %(date)s.")
        % {"reason": reason, "date": expected_on.isoformat()},
    )


@transaction.atomic
def case_decision_demand_reject(
    *, case: Case, acting_user, reasons: str, decider_title: str, authority: str
) -> DemandRejection:
    """Reject the party's demand for a decision by a special decision (12 §).

    The demand is answered: its deadline is met and a new demand may be made later. The
    special decision is recorded with who decided, on what authority and why; the caller
    (the app that knows the case's court) sends the letter, which states the appeal route
    12 § gives it. The caller checks that the person holds the point of the delegation order it
    rests on; an administrator never decides."""
    _ensure_staff(acting_user)
    if acting_user.is_superuser:
        raise ValidationError(
            _("An administrator administers the system and does not decide cases.")
        )
    case = Case.objects.select_for_update().get(pk=case.pk)
    _ensure_party_case(case)
    if case.decision_demanded_on is None:
        raise ValidationError(_("No demand for a decision is registered on this case."))
    if case.decided_at is not None:
        raise ValidationError(_("The case is decided: the demand is answered by the decision."))
    rejection = DemandRejection(
        case=case,
        demanded_on=case.decision_demanded_on,
        reasons=reasons.strip(),
        decided_by=acting_user,
        decider_title=decider_title.strip(),
        authority=authority.strip(),
    )
    rejection.full_clean()
    rejection.save()
    now = timezone.now()
    case.deadlines.filter(kind=Deadline.Kind.DECISION, met_at__isnull=True).update(met_at=now)
    case.decision_demanded_on = None
    case.save(update_fields=["decision_demanded_on"])
    events.record(
        case,
        acting_user,
        CaseAction.DECISION_DEMAND_REJECTED,
        reason=rejection.reasons,
        data={
            "demanded_on": rejection.demanded_on.isoformat(),
            "rejection_id": rejection.pk,
            "within_four_weeks": rejection.demanded_on + clocks.DECISION_AFTER_DEMAND
            >= timezone.localdate(),
        },
    )
    return rejection


@transaction.atomic
def case_mark_decided(*, case: Case, acting_user) -> Case:
    """Record that the case's decision is made; its clock and any 12 § deadline stop."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.decided_at is None:
        case.decided_at = timezone.now()
        case.save(update_fields=["decided_at"])
        case.deadlines.filter(kind=Deadline.Kind.DECISION, met_at__isnull=True).update(
            met_at=case.decided_at
        )
        # A demand for a decision (12 §) is answered by the decision itself.
        data = (
            {"demand_answered": case.decision_demanded_on.isoformat()}
            if case.decision_demanded_on
            else {}
        )
        events.record(case, acting_user, CaseAction.DECIDED, data=data)
    return case


@transaction.atomic
def deadline_set(
    *,
    case: Case,
    kind: str,
    audience: str,
    due_on: date,
    acting_user,
    description: str = "",
    task_id: int | None = None,
) -> Deadline:
    """A date by which the organisation or the staff must act; reminders follow from it."""
    deadline = Deadline(
        case=case,
        kind=kind,
        audience=audience,
        due_on=due_on,
        description=description,
        task_id=task_id,
    )
    deadline.full_clean()
    deadline.save()
    events.record(
        case,
        acting_user,
        CaseAction.DEADLINE_SET,
        data={"kind": kind, "due_on": due_on.isoformat(), "deadline_id": deadline.pk},
    )
    return deadline


@transaction.atomic
def deadline_meet(*, deadline: Deadline, acting_user) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.met_at is None:
        deadline.met_at = timezone.now()
        deadline.save(update_fields=["met_at"])
        events.record(
            deadline.case,
            acting_user,
            CaseAction.DEADLINE_MET,
            data={"kind": deadline.kind, "deadline_id": deadline.pk},
        )
    return deadline
