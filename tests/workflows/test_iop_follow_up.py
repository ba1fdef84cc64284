"""The active partnership, walked as each role through the real URLs with a frozen clock: a
follow-up every agreement year in the idea-based party's inbox, the officer's approval, the
question before the end date, the end of the period, and a termination by either party."""

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework.models import Deadline
from casework.reminders import send_due_reminders
from notifications.models import Notification
from partnerships.models import FollowUp, Status
from tests import factories
from tests.casework.test_clocks import at
from tests.driver import do_one, open_tasks, take_and_do
from workflows import queues
from workflows.tasks import fire_workflow_timers

from . import iop_steps as steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    return {
        **steps.one_board_cast(organisation),
        "outsider": factories.member(factories.OrganisationFactory()),
    }


def _signer(people):
    def signer_of(task):
        return (
            people["member"]
            if task.owner_permission == "organisations.sign_for"
            else (people["secretary"])
        )

    return signer_of


@pytest.fixture
def active(client, people, organisation):
    """A partnership for 2026–2028 (notice six months), signed on 10 January 2026."""
    with at("2026-01-10"):
        process = factories.iop_process(
            organisation, boards=[people["board"]], user=people["member"]
        )
        steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
        steps.sign_all(client, process, _signer(people))
    process.refresh_from_db()
    assert process.inquiry.status == Status.ACTIVE
    return process


def fire(day: str) -> int:
    with at(day):
        return fire_workflow_timers()


def _follow_up_year(client, people, process, day: str) -> None:
    """On ``day`` the year's follow-up opens; the member reports for the association, an
    officer for the city, and the officer records the steering group's approval."""
    assert fire(day) == 1
    with at(day):
        task = steps.party_report_task(process)
        assert task in queues.queue(people["member"]) and task not in queues.queue(
            people["outsider"]
        )
        take_and_do(client, people["member"], task, steps.REPORT)
        for city_task in steps.city_report_tasks(process):
            take_and_do(client, people["officer"], city_task, steps.REPORT)
        do_one(client, people["officer"], process, "approve_follow_up", steps.approval(day))


def test_the_first_follow_up_opens_six_weeks_before_it_is_due(client, people, active):
    assert fire("2026-12-19") == 0
    assert open_tasks(active, "report") == []
    assert fire("2026-12-20") == 1
    task = steps.party_report_task(active)
    assert task.owner_permission_obj == active.inquiry.case.organisation
    # The follow-up is joint: the city's party reports too, through the officers' queue.
    (city_task,) = steps.city_report_tasks(active)
    assert city_task.owner_permission == "casework.handle_case"
    assert city_task in queues.queue(people["officer"])
    assert city_task not in queues.queue(people["member"])
    follow_up = FollowUp.objects.get()
    assert (follow_up.year_start.isoformat(), follow_up.year_end.isoformat()) == (
        "2026-01-01",
        "2026-12-31",
    )
    deadline = Deadline.objects.get(kind=Deadline.Kind.FOLLOW_UP, audience="organisation")
    assert deadline.due_on.isoformat() == "2027-01-31" and deadline.task_id == task.pk
    city = Deadline.objects.get(kind=Deadline.Kind.FOLLOW_UP, audience="staff")
    assert city.task_id == city_task.pk


def test_the_party_reports_and_the_officer_approves_the_year(client, people, active):
    _follow_up_year(client, people, active, "2026-12-20")
    follow_up = FollowUp.objects.get()
    assert (
        follow_up.approved_by == people["officer"] and follow_up.officer_summary == "Målen nåddes."
    )
    assert follow_up.minutes_date.isoformat() == "2026-12-20"
    assert follow_up.minutes_reference == "Styrgruppens protokoll § 4"
    city, report = sorted(follow_up.reports.all(), key=lambda r: r.organisation.is_idea_based)
    assert city.organisation.is_public and city.submitted_by == people["officer"]
    assert (
        report.submitted_by == people["member"] and report.reflection == steps.REPORT["reflection"]
    )
    assert report.deadline.met_at is not None
    actions = set(active.inquiry.case.events.values_list("action", flat=True))
    assert {"follow_up_opened", "follow_up_reported", "follow_up_approved"} <= actions
    (timer,) = Task.objects.filter(process=active, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    assert timezone.localtime(timer.scheduled).date().isoformat() == "2027-12-20"
    client.force_login(people["member"])
    page = client.get(reverse("partnerships:inquiry", args=[active.inquiry.case.case_number]))
    assert "Sommarlovet behöver fler ledare." in page.content.decode()
    assert "Styrgruppens slutsatser (protokoll 2026-12-20, Styrgruppens protokoll § 4)" in (
        page.content.decode()
    )


def test_the_officer_cannot_approve_before_the_party_has_reported(client, people, active):
    fire("2026-12-20")
    assert open_tasks(active, "approve_follow_up") == []


def test_the_organisation_is_reminded_three_weeks_and_three_days_before_the_follow_up_is_due(
    client, people, active
):
    fire("2026-12-20")
    for day, expected in [
        ("2027-01-09", 0),
        ("2027-01-10", 1),
        ("2027-01-11", 0),
        ("2027-01-28", 2),  # the member's three days, and the officers' week for the city
    ]:
        with at(day):
            assert send_due_reminders()["deadline_reminders"] == expected, day
    reminders = Notification.objects.filter(recipient=people["member"], kind="reminder")
    assert reminders.count() == 2 and all("2027-01-31" in n.title for n in reminders)
    # The city's report is the officers' to send: they are reminded of it (a week before).
    officers = Notification.objects.filter(recipient=people["officer"], kind="reminder")
    assert officers.count() == 1
    assert not Notification.objects.filter(recipient=people["outsider"]).exists()


def test_a_reported_follow_up_sends_no_more_reminders(client, people, active):
    fire("2026-12-20")
    with at("2027-01-05"):
        take_and_do(client, people["member"], steps.party_report_task(active), steps.REPORT)
        for city_task in steps.city_report_tasks(active):
            take_and_do(client, people["officer"], city_task, steps.REPORT)
    with at("2027-01-10"):
        assert send_due_reminders()["deadline_reminders"] == 0


def test_a_year_let_end_runs_to_its_end_date_and_closes_the_case(client, people, active):
    _follow_up_year(client, people, active, "2026-12-20")
    _follow_up_year(client, people, active, "2027-12-20")
    # Notice six months before 31 December, and three months before that: 30 March.
    assert fire("2028-03-29") == 0
    assert fire("2028-03-30") == 1
    with at("2028-03-30"):
        do_one(
            client,
            people["officer"],
            active,
            "decide_renewal",
            {"choice": "end", "reason": "Verksamheten tas över av föreningen."},
        )
    assert active.inquiry.status == Status.ACTIVE
    _follow_up_year(client, people, active, "2028-12-20")
    assert fire("2028-12-31") == 0
    assert fire("2029-01-01") == 1
    active.refresh_from_db()
    inquiry = active.inquiry
    assert inquiry.status == Status.ENDED and inquiry.case.closed_at is not None
    assert active.status == PROCESS.DONE and inquiry.follow_ups.count() == 3


def test_amending_sends_a_new_version_through_the_boards_and_signatures_again(
    client, people, active
):
    _follow_up_year(client, people, active, "2026-12-20")
    _follow_up_year(client, people, active, "2027-12-20")
    fire("2028-03-30")
    with at("2028-04-02"):
        do_one(
            client,
            people["officer"],
            active,
            "decide_renewal",
            {"choice": "renew", "reason": "Parterna vill fortsätta i tre år till."},
        )
        assert active.inquiry.status == Status.CO_CREATION
        data = steps.draft(active, action="finish")
        data.update({"draft-period_start": "2029-01-01", "draft-period_end": "2031-12-31"})
        do_one(client, people["officer"], active, "co_create", data)
        do_one(client, people["officer"], active, "write_memo", steps.MEMO)
        decision = steps.decision(signatory=people["secretary"])
        do_one(client, people["secretary"], active, "decide", decision)
        steps.sign_all(client, active, _signer(people))
    inquiry = active.inquiry
    assert inquiry.status == Status.ACTIVE and inquiry.board_round == 2
    (timer,) = Task.objects.filter(process=active, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    # The new version's first year (2029) is followed up; the old version still has its last.
    assert timezone.localtime(timer.scheduled).date().isoformat() == "2029-12-20"


DECIDED = {"decision_reference": "Styrelsens protokoll 2027-01-03 § 4"}


def test_a_signatory_terminates_with_a_reason_and_the_process_stops(client, people, active):
    fire("2026-12-20")
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    party = active.inquiry.parties.get(side="idea_based")
    with at("2027-01-05"):
        client.force_login(people["member"])
        data = {"party": party.pk, "reason": "Föreningen läggs ned.", **DECIDED}
        response = client.post(url, data)
    assert response.status_code == 302
    active.refresh_from_db()
    inquiry = active.inquiry
    assert inquiry.status == Status.TERMINATED and inquiry.case.closed_at is not None
    assert inquiry.termination.ends_on.isoformat() == "2027-07-05"
    assert active.status == PROCESS.CANCELED
    assert open_tasks(active) == []
    assert not inquiry.case.deadlines.filter(met_at__isnull=True).exists()


def test_the_person_the_board_authorised_terminates_for_the_city_citing_its_decision(
    client, people, active
):
    client.force_login(people["secretary"])  # the board authorised its secretary to sign
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    party = active.inquiry.parties.get(side="public")
    response = client.post(url, {"party": party.pk, "reason": "Budgeten dras in."})
    assert response.status_code == 200 and active.inquiry.status == Status.ACTIVE
    assert "decision_reference" in response.context["form"].errors
    data = {"party": party.pk, "reason": "Budgeten dras in.", **DECIDED}
    assert client.post(url, data).status_code == 302
    assert active.inquiry.status == Status.TERMINATED
    assert active.inquiry.termination.decision_reference == DECIDED["decision_reference"]


def test_an_officer_without_the_authorised_person_cannot_terminate(client, people, active):
    client.force_login(people["officer"])
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    page = client.get(reverse("partnerships:inquiry", args=[active.inquiry.case.case_number]))
    assert url not in page.content.decode()
    public = active.inquiry.parties.get(side="public")
    data = {"party": public.pk, "reason": "Budgeten dras in.", **DECIDED}
    assert client.post(url, data).status_code == 404
    assert active.inquiry.status == Status.ACTIVE


def test_a_member_without_the_right_to_sign_cannot_terminate(client, people, active, organisation):
    client.force_login(factories.member(organisation))
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    page = client.get(reverse("partnerships:inquiry", args=[active.inquiry.case.case_number]))
    assert page.status_code == 200 and url not in page.content.decode()
    party = active.inquiry.parties.get(side="idea_based")
    data = {"party": party.pk, "reason": "Vi vill inte längre.", **DECIDED}
    assert client.post(url, data).status_code == 404
    assert active.inquiry.status == Status.ACTIVE


def test_a_member_cannot_terminate_for_the_city(client, people, active):
    client.force_login(people["member"])
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    public = active.inquiry.parties.get(side="public")
    response = client.post(url, {"party": public.pk, "reason": "Vi vill inte längre.", **DECIDED})
    assert response.status_code == 200 and active.inquiry.status == Status.ACTIVE


def test_nobody_else_may_terminate(client, people, active):
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    for user in (people["outsider"], people["officer"]):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_an_inquiry_that_is_not_active_cannot_be_terminated(client, people, organisation):
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    client.force_login(people["officer"])
    url = reverse("partnerships:terminate", args=[process.inquiry.case.case_number])
    assert client.get(url).status_code == 404


def test_an_administrator_reads_the_years_follow_up_in_the_admin_but_cannot_change_it(
    client, people, active, admin_client
):
    _follow_up_year(client, people, active, "2026-12-20")
    follow_up = FollowUp.objects.get()

    page = admin_client.get(reverse("admin:partnerships_followup_change", args=[follow_up.pk]))

    assert page.status_code == 200
    assert "Sommarlovet behöver fler ledare." in page.content.decode()  # the party's report
    assert (
        admin_client.post(
            reverse("admin:partnerships_followup_change", args=[follow_up.pk]),
            {"officer_summary": "Ändrad."},
        ).status_code
        == 403
    )
    follow_up.refresh_from_db()
    assert follow_up.officer_summary == "Målen nåddes."
