"""A year of collaboration (2025) written down as plain data, then built in the database.

The tests count their expectations from these lists, never through the code under test.
"""

from dataclasses import dataclass, field
from datetime import date

import pytest

from casework.models import PriorityTheme
from followup.models import NarrativeSection
from funding.models.handling import Outcome
from partnerships.models.inquiry import Status as IOP
from tests import factories
from tests.followup import access  # noqa: F401  (registers the follow-up URLs)
from tests.followup import builders as b
from tests.followup.builders import at

YEAR = 2025

# name, status, registered, decided, closed, area, agreement (board, organisation, period, signed)
INQUIRIES = [
    ("screened_out", IOP.NOT_IOP, at(2025, 2, 1), at(2025, 3, 1), at(2025, 3, 1), None, None),
    ("investigating", IOP.INVESTIGATION, at(2025, 3, 1), None, None, None, None),
    ("co_creating", IOP.CO_CREATION, at(2024, 6, 1), None, None, None, None),
    (
        "old_active",
        IOP.ACTIVE,
        at(2024, 1, 10),
        at(2024, 2, 15),
        None,
        None,
        ("A", "X", (date(2024, 3, 1), date(2026, 12, 31)), at(2024, 2, 20)),
    ),
    (
        "signed_and_ended",
        IOP.ACTIVE,
        at(2025, 1, 5),
        at(2025, 4, 1),
        None,
        "children",
        ("B", "Y", (date(2025, 5, 1), date(2025, 10, 31)), at(2025, 4, 15)),
    ),
    (
        "ended_before",
        IOP.ACTIVE,
        at(2023, 1, 1),
        at(2023, 12, 1),
        None,
        None,
        ("A", "Z", (date(2023, 1, 1), date(2024, 12, 31)), at(2023, 12, 20)),
    ),
    ("next_year", IOP.INVESTIGATION, at(2026, 1, 10), None, None, None, None),
]

# name, programme, organisation, submitted, applied, area, decision (outcome, granted, decided),
# payouts
APPLICATIONS = [
    (
        "a1",
        "P1",
        "X",
        at(2025, 2, 1),
        10_000,
        "children",
        (Outcome.APPROVED, 10_000, at(2025, 3, 3)),
        [6_000, 4_000],
    ),
    (
        "a2",
        "P1",
        "Y",
        at(2025, 4, 1),
        20_000,
        None,
        (Outcome.PARTLY_APPROVED, 5_000, at(2025, 6, 30)),
        [5_000],
    ),
    (
        "a3",
        "P1",
        "Z",
        at(2025, 5, 1),
        30_000,
        "children",
        (Outcome.REJECTED, 0, at(2025, 5, 11)),
        [],
    ),
    ("a4", "P2", "X", at(2025, 11, 1), 40_000, None, None, []),
    (
        "a5",
        "P2",
        "Y",
        at(2024, 12, 1),
        50_000,
        None,
        (Outcome.APPROVED, 50_000, at(2025, 1, 20)),
        [50_000],
    ),
    ("a6", "P2", "Z", at(2024, 3, 1), 60_000, None, (Outcome.APPROVED, 1_000, at(2025, 2, 1)), []),
]

# application, due on, met at
REPORT_BACKS = [
    ("a1", date(2025, 3, 1), at(2025, 2, 20)),
    ("a2", date(2025, 6, 1), at(2025, 6, 10)),
    ("a5", date(2025, 9, 1), None),
    ("a6", date(2024, 12, 1), None),
]

# application, amount, opened
REPAYMENT_CLAIMS = [("a2", 3_000, at(2025, 8, 1)), ("a5", 9_000, at(2024, 12, 20))]


@dataclass
class World:
    officer: object
    boards: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)
    inquiries: dict = field(default_factory=dict)
    applications: dict = field(default_factory=dict)


@pytest.fixture
def world(db) -> World:
    officer = factories.staff()
    world = World(officer=officer)
    world.areas["children"] = factories.ChallengeAreaFactory(name="Barn och unga")
    for name in ("A", "B"):
        world.boards[name] = factories.BoardFactory(name=f"Nämnd {name}")
    for name in ("X", "Y", "Z"):
        world.organisations[name] = factories.OrganisationFactory(name=f"Förening {name}")
    world.programmes["P1"] = factories.FundingProgrammeFactory(
        name="Program 1", board=world.boards["A"], budget=100_000
    )
    world.programmes["P2"] = factories.FundingProgrammeFactory(
        name="Program 2", board=world.boards["B"], budget=200_000
    )
    for name, status, registered, decided, closed, area, deal in INQUIRIES:
        inquiry = b.inquiry(
            status,
            registered=registered,
            decided=decided,
            closed=closed,
            area=world.areas.get(area),
        )
        if deal:
            board, organisation, period, signed = deal
            b.agreement(
                inquiry,
                board=world.boards[board],
                organisation=world.organisations[organisation],
                period=period,
                signed=signed,
                user=officer,
            )
        world.inquiries[name] = inquiry
    for name, programme, organisation, submitted, applied, area, ruling, paid in APPLICATIONS:
        application = b.application(
            world.programmes[programme],
            world.organisations[organisation],
            submitted=submitted,
            applied=applied,
            status="granted" if ruling else "awaiting_decision",
            area=world.areas.get(area),
            decided=ruling[2] if ruling else None,
            user=officer,
        )
        if ruling:
            outcome, granted, decided = ruling
            b.decision(application, outcome=outcome, granted=granted, decided=decided, user=officer)
        for amount in paid:
            b.payout(application, amount, user=officer)
        world.applications[name] = application
    for name, due_on, met in REPORT_BACKS:
        b.report_back_due(world.applications[name].case, due_on, met)
    for name, amount, opened in REPAYMENT_CLAIMS:
        b.repayment_claim(world.applications[name], amount, opened=opened, user=officer)
    PriorityTheme.objects.create(year=YEAR, title="Återstart", description="Efter pandemin.")
    NarrativeSection.objects.create(
        year=YEAR,
        topic="events",
        heading="Dialogforum i november",
        text="Sextio deltagare.",
        updated_by=officer,
    )
    return world
