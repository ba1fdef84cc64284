"""Reads for the portal pages: programmes open today, an organisation's applications, the
parts of an application and what the applicant has answered."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import AuditEvent
from organisations import policy as org_policy
from organisations.models import Board

from . import eligibility, policy
from .actions import FundingAction
from .models import BoardMeeting, Decider, Decision, FundingApplication, FundingProgramme, Status


def open_programmes(day=None) -> QuerySet[FundingProgramme]:
    day = day or timezone.localdate()
    return (
        FundingProgramme.objects.filter(is_active=True, opens_on__lte=day, closes_on__gte=day)
        .select_related("board")
        .order_by("closes_on", "name")
    )


def applications_of(user) -> QuerySet[FundingApplication]:
    return (
        policy.visible_applications(user)
        .select_related("programme__board", "organisation", "case")
        .order_by("-updated_at")
    )


def drafts_of(user) -> QuerySet[FundingApplication]:
    """The drafts this person may go on with: those of the organisations they act for."""
    return applications_of(user).filter(status=Status.DRAFT)


@dataclass(frozen=True)
class Part:
    """One part of the application on its task list."""

    key: str
    title: str
    url_name: str
    done: bool
    started: bool

    @property
    def state(self) -> str:
        return "done" if self.done else ("started" if self.started else "todo")


def parts_of(application: FundingApplication) -> list[Part]:
    problems = eligibility.answer_problems(application)
    unfinished = {problem.section for problem in problems}
    has_attachments = application.attachments.exists()
    return [
        Part(
            "project",
            _("About the activity"),
            "funding:application_project",
            "project" not in unfinished,
            bool(application.purpose),
        ),
        Part(
            "amount",
            _("Money and other funding"),
            "funding:application_money",
            "amount" not in unfinished,
            application.amount_applied is not None,
        ),
        Part(
            "attachments",
            _("Attachments"),
            "funding:application_attachments",
            "attachments" not in unfinished,
            has_attachments,
        ),
    ]


def required_attachments(application: FundingApplication) -> list[dict]:
    attached = {}
    for attachment in application.attachments.all():
        attached.setdefault(attachment.kind, []).append(attachment)
    return [
        {"requirement": requirement, "attachments": attached.get(requirement.kind, [])}
        for requirement in application.programme.required_attachments.all()
    ]


def other_funding_total(application: FundingApplication) -> Decimal:
    return application.other_funding.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def open_supplement_request(application: FundingApplication):
    return application.supplement_requests.filter(answered_at__isnull=True).last()


@dataclass(frozen=True)
class YearTotals:
    year: int
    applied: Decimal
    granted: Decimal
    paid: Decimal


def organisation_funding(organisation) -> tuple[QuerySet[FundingApplication], list[YearTotals]]:
    """Every submitted application of an organisation across boards, and totals per year, so
    that double funding shows."""
    applications = (
        FundingApplication.objects.filter(organisation=organisation)
        .exclude(status=Status.DRAFT)
        .select_related("programme__board", "case", "decision")
        .annotate(paid=Sum("payouts__amount"))
        .order_by("-submitted_at")
    )
    years: dict[int, list[Decimal]] = {}
    for application in applications:
        year = timezone.localtime(application.submitted_at).year
        row = years.setdefault(year, [Decimal(0)] * 3)
        row[0] += application.amount_applied or 0
        decision = getattr(application, "decision", None)
        row[1] += decision.amount_granted if decision else 0
        row[2] += application.paid or 0
    totals = [YearTotals(year, *amounts) for year, amounts in sorted(years.items(), reverse=True)]
    return applications, totals


def delegated_decisions(board, *, unreported_only: bool = True):
    """Decisions taken under delegation on the board's programmes, to report to the board."""
    decisions = (
        Decision.objects.filter(application__programme__board=board)
        .exclude(authority=Decider.BOARD)
        .select_related(
            "application__case", "application__organisation", "application__programme", "decided_by"
        )
        .order_by("decided_at")
    )
    return decisions.filter(reported_to_board_on__isnull=True) if unreported_only else decisions


def reported_decisions(meeting):
    """The delegated decisions reported at ``meeting``: the list as it was put before it."""
    return (
        Decision.objects.filter(reported_at=meeting)
        .select_related(
            "application__case", "application__organisation", "application__programme", "decided_by"
        )
        .order_by("decided_at", "pk")
    )


def board_meetings(board):
    """The board's meetings, the latest first, with what was decided or reported at each."""
    return board.meetings.order_by("-held_on")


@dataclass(frozen=True)
class MeetingChange:
    """One field of a meeting changed in the administration: who, when, from what to what."""

    at: object
    actor: object
    field: str
    old: str
    new: str


def with_admin_changes(meetings) -> list:
    """The meetings, each with ``admin_changes``: what administrators changed of its date,
    protocol § and announcement, oldest first (from the audit log)."""
    meetings = list(meetings)
    events = AuditEvent.objects.filter(
        action=FundingAction.MEETING_CHANGED_IN_ADMIN,
        target_type=ContentType.objects.get_for_model(BoardMeeting),
        target_id__in=[str(meeting.pk) for meeting in meetings],
    ).select_related("actor")
    changes: dict[str, list[MeetingChange]] = {}
    for event in events.order_by("at", "pk"):
        for name, (old, new) in event.data.get("changes", {}).items():
            label = str(BoardMeeting._meta.get_field(name).verbose_name)
            change = MeetingChange(event.at, event.actor, label, old or "–", new or "–")
            changes.setdefault(event.target_id, []).append(change)
    for meeting in meetings:
        meeting.admin_changes = changes.get(str(meeting.pk), [])
    return meetings


def boards_reported_to(user):
    """The boards whose delegated decisions this person reports: their secretaries'."""
    return Board.objects.filter(pk__in=org_policy.roles_of(user).board_ids).order_by("name")
