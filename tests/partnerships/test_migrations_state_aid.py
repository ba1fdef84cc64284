"""Inquiries in flight survive the state-aid migration: assessments, screenings and follow-ups
made before it keep their answers, gain empty routes, overrides and minutes, and go on."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partnerships import services
from partnerships.models import FollowUp, LegalAssessment, Screening, Status
from tests import factories
from tests.casework.test_clocks import at

from .helpers import ASSESSMENT, SCREENING, signed_inquiry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("partnerships", "0004_assignments_opened_by_the_municipality")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def latest():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_inquiries_in_flight_keep_their_assessment_and_follow_up_and_go_on(latest, organisation):
    officer = factories.staff()
    investigating = factories.iop_inquiry(organisation)
    services.screening_record(inquiry=investigating, acting_user=officer, answers=SCREENING)
    services.legal_assessment_save(inquiry=investigating, acting_user=officer, data=ASSESSMENT)
    with at("2026-01-05"):
        active = signed_inquiry(factories.OrganisationFactory())
    with at("2026-12-20"):
        services.follow_up_open(inquiry=active)

    _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assessment = LegalAssessment.objects.get(inquiry=investigating)
    assert assessment.state_aid_route == "" and assessment.procurement_reasoning
    assert not assessment.procurement_overridden
    assert Screening.objects.get(inquiry=investigating).suggestions == ""
    follow_up = FollowUp.objects.get(inquiry=active)
    assert (follow_up.minutes_date, follow_up.minutes_reference) == (None, "")
    # The investigation goes on as before: its answers found neither procurement nor aid.
    services.investigation_conclude(inquiry=investigating, acting_user=officer)
    investigating.refresh_from_db()
    assert investigating.status == Status.CO_CREATION
    assert follow_up.year_end == date(2026, 12, 31)
