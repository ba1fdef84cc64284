"""The statutory clocks, with a frozen clock (förvaltningslagen 11 and 12 §§)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from casework import services
from casework.clocks import clock_of
from casework.models import Deadline
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: str):
    return time_machine.travel(
        dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=STOCKHOLM), tick=False
    )


@pytest.fixture
def case(organisation):
    with at("2026-01-10"):
        return factories.CaseFactory(organisation=organisation)


def test_the_clock_counts_days_and_leaves_out_pauses(case, officer):
    with at("2026-02-01"):
        services.case_clock_pause(case=case, acting_user=officer, reason="Väntar på komplettering")
    with at("2026-02-11"):
        services.case_clock_resume(case=case, acting_user=officer)
    with at("2026-03-10"):
        clock = clock_of(case)
    assert (clock.days_elapsed, clock.days_paused, clock.handling_days) == (59, 10, 49)
    assert not clock.is_paused
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["registered", "clock_paused", "clock_resumed"]


def test_an_open_pause_stops_the_clock_until_today(case, officer):
    with at("2026-03-01"):
        services.case_clock_pause(case=case, acting_user=officer, reason="Väntar på underlag")
    with at("2026-03-06"):
        clock = clock_of(case)
        assert clock.is_paused and clock.pause_reason == "Väntar på underlag"
        assert clock.days_paused == 5
        with pytest.raises(ValidationError):
            services.case_clock_pause(case=case, acting_user=officer, reason="igen")


def test_the_six_month_warning_comes_thirty_days_before(case):
    with at("2026-06-09"):
        assert not clock_of(case).six_month_warning
    with at("2026-06-10"):
        clock = clock_of(case)
        assert clock.six_month_warning and not clock.past_six_months
        assert clock.six_months_on == dt.date(2026, 7, 10)
    with at("2026-07-10"):
        assert clock_of(case).past_six_months


def test_a_demand_for_a_decision_must_be_met_within_four_weeks(case, officer):
    with at("2026-07-15"):
        deadline = services.case_decision_demand_register(
            case=case, acting_user=officer, demanded_on=dt.date(2026, 7, 15)
        )
    assert (deadline.kind, deadline.due_on) == (Deadline.Kind.DECISION, dt.date(2026, 8, 12))
    case.refresh_from_db()
    assert clock_of(case).decision_due_on == dt.date(2026, 8, 12)
    with at("2026-08-01"):
        services.case_mark_decided(case=case, acting_user=officer)
    deadline.refresh_from_db()
    assert deadline.met_at is not None
    with at("2026-09-01"):
        case.refresh_from_db()
        clock = clock_of(case)
    assert clock.decided and clock.days_elapsed == 203 and not clock.six_month_warning


def test_a_delay_notice_tells_the_organisation_and_is_logged(
    case, officer, member, django_capture_on_commit_callbacks
):
    with at("2026-05-01"), django_capture_on_commit_callbacks(execute=True):
        services.case_delay_notice_send(
            case=case,
            acting_user=officer,
            reason="Nämnden sammanträder i juni",
            expected_on=dt.date(2026, 6, 20),
        )
    event = case.events.get(action="delay_notice_sent")
    assert (event.actor, event.reason) == (officer, "Nämnden sammanträder i juni")
    notice = Notification.objects.get(recipient=member)
    assert case.case_number in notice.title
    assert "2026-06-20" in notice.body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]


def test_only_staff_handle_the_clock(case, member):
    with pytest.raises(PermissionDenied):
        services.case_clock_pause(case=case, acting_user=member, reason="nej")
