"""Förvaltningslagen 11–12 §§ apply to a case a private party opened, and a demand for a
decision is answered within four weeks by the decision or by a special decision."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from casework import reminders, services
from casework.actions import CaseAction
from casework.clocks import clock_of
from casework.models import Case, Deadline
from partnerships import services as partnerships
from partnerships.models import Party
from tests import factories

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: str):
    return time_machine.travel(
        dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=STOCKHOLM), tick=False
    )


def _assignment(officer, organisation):
    board = factories.BoardFactory()
    return partnerships.inquiry_register_assignment(
        acting_user=officer,
        assignment_reference="KS 2026-03-04 § 12",
        lead=organisation,
        title="Helamalmö",
        purpose="Mötesplatser",
        target_group="Unga",
        public_benefit_goal="Fler unga i föreningsliv",
        parties=[
            partnerships.PartyInput(board.administration, Party.Side.PUBLIC, board=board),
            partnerships.PartyInput(organisation, Party.Side.IDEA_BASED),
        ],
    )


def test_an_assignment_from_the_executive_board_is_the_municipalitys_own_case(
    officer, organisation
):
    case = _assignment(officer, organisation).case
    assert case.opened_by == Case.OpenedBy.AUTHORITY
    assert factories.iop_inquiry(organisation).case.opened_by == Case.OpenedBy.PARTY


def test_the_municipalitys_own_case_has_no_six_months_no_delay_notice_and_no_demand(officer):
    with at("2026-01-10"):
        case = factories.CaseFactory(opened_by=Case.OpenedBy.AUTHORITY)
    with at("2026-07-20"):
        clock = clock_of(case)
        assert not clock.applies and not clock.six_month_warning and not clock.past_six_months
        with pytest.raises(ValidationError, match="11–12"):
            services.case_decision_demand_register(
                case=case, acting_user=officer, demanded_on=dt.date(2026, 7, 15)
            )
        with pytest.raises(ValidationError, match="11–12"):
            services.case_delay_notice_send(
                case=case,
                acting_user=officer,
                reason="Många ärenden",
                expected_on=dt.date(2026, 9, 1),
            )
        assert reminders.send_due_reminders()["six_month_warnings"] == 0
    case.refresh_from_db()
    assert case.decision_demanded_on is None and case.six_month_warning_sent_at is None


@pytest.fixture
def demanded(organisation, officer):
    with at("2026-01-10"):
        case = factories.CaseFactory(organisation=organisation)
    with at("2026-07-20"):
        services.case_decision_demand_register(
            case=case, acting_user=officer, demanded_on=dt.date(2026, 7, 20)
        )
    case.refresh_from_db()
    return case


def test_a_demand_rejected_by_a_special_decision_is_answered_and_recorded(demanded, officer):
    with at("2026-08-10"):
        rejection = services.case_decision_demand_reject(
            case=demanded,
            acting_user=officer,
            reasons="Yttrande från stadsbyggnadsnämnden väntas den 1 september.",
            decider_title="enhetschef",
            authority="punkt 1.4",
        )
    demanded.refresh_from_db()
    assert rejection.demanded_on == dt.date(2026, 7, 20)
    assert (rejection.decided_by, rejection.decider_title) == (officer, "enhetschef")
    assert demanded.decision_demanded_on is None and demanded.decided_at is None
    deadline = demanded.deadlines.get(kind=Deadline.Kind.DECISION)
    assert deadline.met_at is not None
    event = demanded.events.get(action=CaseAction.DECISION_DEMAND_REJECTED)
    assert event.reason.startswith("Yttrande") and event.data["within_four_weeks"] is True


def test_no_special_decision_without_a_demand_or_after_the_decision(demanded, officer):
    services.case_mark_decided(case=demanded, acting_user=officer)
    with pytest.raises(ValidationError, match="avgjort"):
        services.case_decision_demand_reject(
            case=demanded, acting_user=officer, reasons="x", decider_title="t", authority=""
        )
    other = factories.CaseFactory()
    with pytest.raises(ValidationError, match="Ingen begäran"):
        services.case_decision_demand_reject(
            case=other, acting_user=officer, reasons="x", decider_title="t", authority=""
        )


def test_a_special_decision_needs_its_reasons(demanded, officer):
    with pytest.raises(ValidationError):
        services.case_decision_demand_reject(
            case=demanded, acting_user=officer, reasons=" ", decider_title="t", authority=""
        )
    demanded.refresh_from_db()
    assert demanded.decision_demanded_on == dt.date(2026, 7, 20)


def test_a_decision_answers_the_demand(demanded, officer):
    services.case_mark_decided(case=demanded, acting_user=officer)
    event = demanded.events.get(action=CaseAction.DECIDED)
    assert event.data == {"demand_answered": "2026-07-20"}
    assert demanded.deadlines.get(kind=Deadline.Kind.DECISION).met_at is not None


def test_the_case_page_offers_no_delay_notice_or_demand_on_the_municipalitys_own_case(
    client, officer
):
    case = factories.CaseFactory(opened_by=Case.OpenedBy.AUTHORITY)
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "clock/delay/" not in page and "clock/demand/" not in page
    assert "kommunen har själv inlett ärendet" in page
