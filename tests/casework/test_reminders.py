"""Reminders go out once each, on time, with a frozen clock."""

import datetime as dt

import pytest
from django.core import mail

from casework import services
from casework.models import Deadline
from casework.reminders import send_due_reminders
from notifications.models import Notification
from tests import factories
from tests.casework.test_clocks import at

pytestmark = pytest.mark.django_db


def run(day):
    with at(day):
        return send_due_reminders()


@pytest.fixture
def report_back(organisation, officer):
    with at("2026-03-01"):
        case = factories.CaseFactory(organisation=organisation)
        services.comment_add(case=case, acting_user=officer, body="Vi har tagit emot er ansökan")
        return services.deadline_set(
            case=case,
            kind=Deadline.Kind.REPORT_BACK,
            audience=Deadline.Audience.ORGANISATION,
            due_on=dt.date(2026, 6, 30),
            acting_user=officer,
        )


def test_an_organisation_is_reminded_three_weeks_and_three_days_before(report_back, member):
    assert run("2026-06-08")["deadline_reminders"] == 0
    assert run("2026-06-09")["deadline_reminders"] == 1
    assert run("2026-06-10")["deadline_reminders"] == 0
    assert run("2026-06-27")["deadline_reminders"] == 1
    titles = list(Notification.objects.filter(recipient=member).values_list("title", flat=True))
    assert len(titles) == 2 and all("2026-06-30" in title for title in titles)


def test_a_missed_day_is_caught_up(report_back, member):
    assert run("2026-06-15")["deadline_reminders"] == 1
    report_back.refresh_from_db()
    assert report_back.reminders_sent == [21]


def test_a_passed_deadline_warns_the_staff_once(report_back, officer, member):
    assert run("2026-07-01")["overdue_warnings"] == 1
    assert run("2026-07-02")["overdue_warnings"] == 0
    warning = Notification.objects.get(recipient=officer, kind="deadline_warning")
    assert report_back.case.case_number in warning.title


def test_a_met_deadline_sends_nothing_more(report_back, officer):
    services.deadline_meet(deadline=report_back, acting_user=officer)
    assert run("2026-06-09")["deadline_reminders"] == 0
    assert run("2026-07-01")["overdue_warnings"] == 0


def test_the_six_month_warning_goes_to_the_staff_on_the_case_once(organisation, officer):
    with at("2026-01-10"):
        case = factories.CaseFactory(organisation=organisation)
        services.comment_add(case=case, acting_user=officer, body="Utredning pågår", internal=True)
    assert run("2026-06-09")["six_month_warnings"] == 0
    assert run("2026-06-10")["six_month_warnings"] == 1
    assert run("2026-06-11")["six_month_warnings"] == 0
    warning = Notification.objects.get(recipient=officer)
    assert "2026-07-10" in warning.title


def test_expiring_eligibility_evidence_reminds_the_members(
    organisation, member, django_capture_on_commit_callbacks
):
    factories.EvidenceFactory(
        organisation=organisation, given_on=dt.date(2025, 8, 1), expires_on=dt.date(2026, 8, 1)
    )
    with at("2026-07-02"), django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders()["evidence_reminders"] == 1
    assert run("2026-07-03")["evidence_reminders"] == 0
    assert run("2026-07-25")["evidence_reminders"] == 1
    assert Notification.objects.filter(recipient=member, kind="reminder").count() == 2
    assert mail.outbox[0].to == [member.email]


def test_a_deadline_on_a_workflow_task_reminds_those_who_may_take_it_while_it_is_open(
    organisation, member, officer
):
    """The yearly IOP follow-up: one deadline per idea-based party's report task."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    with at("2026-03-01"):
        process = factories.iop_process(organisation, user=member)
        task = Task.objects.get(process=process, flow_task_type="HUMAN")
        services.deadline_set(
            case=process.inquiry.case,
            kind=Deadline.Kind.FOLLOW_UP,
            audience=Deadline.Audience.ORGANISATION,
            due_on=dt.date(2026, 6, 30),
            acting_user=None,
            task_id=task.pk,
        )
    assert run("2026-06-09")["deadline_reminders"] == 1
    assert Notification.objects.filter(recipient=officer, kind="reminder").count() == 1
    assert not Notification.objects.filter(recipient=member, kind="reminder").exists()
    Task.objects.filter(pk=task.pk).update(status=STATUS.CANCELED)
    run("2026-06-27")
    assert Notification.objects.filter(kind="reminder").count() == 1
