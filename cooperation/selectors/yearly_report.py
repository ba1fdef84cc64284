"""The cooperation half of the joint yearly report: dialogues and their participants by sector,
matches, initiatives and what they became, each area's year with its hosts' report, training,
and the idea-based sector's own sections. Counts are aggregate queries over the year's rows."""

from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from documents import contexts as doc
from funding.models.handling import Outcome
from organisations.models import Organisation
from partnerships.models.inquiry import Status as IOPStatus

from ..models.areas import HostPair
from ..models.dialogues import Event, Initiative, Registration
from ..models.matching import Match
from ..models.training import TrainingRegistration, TrainingSession
from ..models.yearly_report import SectorCoordination, SectorReportSection

Kind = Organisation.Kind
# The sectors the report counts participants by, in the order it shows them.
SECTORS = (
    (_("Idea-based sector"), (Kind.ASSOCIATION, Kind.FOUNDATION, Kind.OTHER_IDEA_BASED)),
    (_("Public sector"), (Kind.ADMINISTRATION, Kind.PUBLIC_BODY)),
    (_("Academia"), (Kind.ACADEMIA,)),
    (_("Business"), (Kind.COMPANY,)),
)
AGREED = (IOPStatus.ACTIVE, IOPStatus.ENDED, IOPStatus.TERMINATED)
GRANTED = (Outcome.APPROVED, Outcome.PARTLY_APPROVED)


def _within(field: str, year: int) -> Q:
    start = timezone.make_aware(datetime(year, 1, 1))
    end = timezone.make_aware(datetime(year + 1, 1, 1))
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def matches_confirmed(year: int) -> int:
    """The matches of needs and offers a coordinator confirmed in the year."""
    return Match.objects.filter(_within("confirmed_at", year)).count()


def area_hosts(year: int) -> dict[int, str]:
    """For each challenge area, its host pairs whose period overlaps the year, as
    "organisation and administration"."""
    pairs = HostPair.objects.filter(
        period_start__lte=date(year, 12, 31), period_end__gte=date(year, 1, 1)
    ).select_related("organisation", "administration")
    hosts: dict[int, list[str]] = {}
    for pair in pairs.order_by("period_start", "pk"):
        hosts.setdefault(pair.area_id, []).append(
            _("%(organisation)s and %(administration)s")
            % {"organisation": pair.organisation.name, "administration": pair.administration.name}
        )
    return {area: "; ".join(names) for area, names in hosts.items()}


def cooperation_figures(year: int) -> doc.CooperationContext:
    held = Event.objects.filter(_within("starts_at", year), status=Event.Status.HELD)
    present = Registration.objects.filter(event__in=held, attended=True)
    by_kind = dict(held.values_list("kind").annotate(n=Count("pk")))
    by_org_kind = dict(present.values_list("organisation__kind").annotate(n=Count("pk")))
    initiatives = Initiative.objects.filter(_within("created_at", year))
    agreed = Q(iop_inquiry__status__in=AGREED)
    granted = Q(funding_application__decision__outcome__in=GRANTED)
    counts = initiatives.aggregate(
        started=Count("pk"),
        agreements=Count("pk", filter=agreed),
        grants=Count("pk", filter=granted),
    )
    sessions = TrainingSession.objects.filter(held_on__year=year)
    coordination = SectorCoordination.objects.filter(year=year).select_related("organisation")
    sections = SectorReportSection.objects.filter(year=year)
    return doc.CooperationContext(
        dialogues_held=sum(by_kind.values()),
        dialogues_by_kind=[
            doc.Tally(str(label), by_kind[kind])
            for kind, label in Event.Kind.choices
            if kind in by_kind
        ],
        participants=sum(by_org_kind.values()),
        participants_by_sector=[
            doc.Tally(str(label), sum(by_org_kind.get(kind, 0) for kind in kinds))
            for label, kinds in SECTORS
        ],
        matches_confirmed=matches_confirmed(year),
        initiatives_started=counts["started"],
        initiatives_to_agreements=counts["agreements"],
        initiatives_to_grants=counts["grants"],
        initiatives=_initiative_lines(initiatives),
        areas=_area_reports(year, held, present, initiatives, sections),
        training_sessions=sessions.count(),
        training_organisations=TrainingRegistration.objects.filter(
            session__in=sessions, attended=True
        )
        .values("organisation")
        .distinct()
        .count(),
        sector_author=str(coordination[0].organisation) if coordination else "",
        sector_sections=[
            doc.TextSection(heading=heading, text=text)
            for heading, text in sections.filter(challenge_area=None).values_list("heading", "text")
        ],
    )


def _initiative_lines(initiatives) -> list[doc.InitiativeLine]:
    rows = initiatives.select_related(
        "challenge_area",
        "origin_event",
        "iop_inquiry__case",
        "funding_application__case",
        "funding_application__decision",
    ).order_by("created_at", "pk")
    lines = []
    for initiative in rows:
        inquiry, application = initiative.iop_inquiry, initiative.funding_application
        if inquiry is not None:
            became, case, agreed = "iop", inquiry.case, inquiry.status in AGREED
        elif application is not None:
            decision = getattr(application, "decision", None)
            became, case = "grant", application.case
            agreed = bool(decision and decision.outcome in GRANTED)
        else:
            became, case, agreed = "", None, False
        lines.append(
            doc.InitiativeLine(
                title=initiative.title,
                challenge_area=str(initiative.challenge_area),
                came_from=initiative.origin_event.title if initiative.origin_event else "",
                became=became,
                reference=case.case_number if case else "",
                agreed=agreed,
            )
        )
    return lines


def _area_reports(year, held, present, initiatives, sections) -> list[doc.AreaReport]:
    dialogues = dict(held.values_list("challenge_area").annotate(n=Count("pk")))
    people = dict(present.values_list("event__challenge_area").annotate(n=Count("pk")))
    started = dict(initiatives.values_list("challenge_area").annotate(n=Count("pk")))
    written: dict[int, list[doc.TextSection]] = {}
    for area_id, heading, text in sections.exclude(challenge_area=None).values_list(
        "challenge_area", "heading", "text"
    ):
        written.setdefault(area_id, []).append(doc.TextSection(heading=heading, text=text))
    hosts = area_hosts(year)
    return [
        doc.AreaReport(
            challenge_area=area.name,
            hosts=hosts.get(area.pk, ""),
            dialogues=dialogues.get(area.pk, 0),
            participants=people.get(area.pk, 0),
            initiatives=started.get(area.pk, 0),
            reports=written.get(area.pk, []),
        )
        for area in ChallengeArea.objects.all()
        if area.is_active or area.pk in dialogues or area.pk in started or area.pk in written
    ]
