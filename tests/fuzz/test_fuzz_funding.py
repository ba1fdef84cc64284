"""Fuzzing every form of funding: the association's application steps, the catalogue, and each
task of the funding workflow, through the real views as the role that does it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from viewflow.workflow.models import Task

from casework.models import AuditEvent
from funding.models import FundingApplication, FundingSource, OtherFunding
from organisations.models import Role
from tests import driver, factories
from tests.fuzz.checks import fuzz_form, fuzz_settings, post_and_check
from tests.fuzz.strategies import BY_KIND, form_data
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def people(organisation, programme):
    factories.eligible(organisation)
    return {
        "member": factories.member(organisation),
        "officer": factories.staff(Role.OFFICER),
        "other_officer": factories.staff(Role.OFFICER),
        "delegate": factories.delegate(programme),
        "secretary": factories.staff(Role.BOARD_SECRETARY, board=programme.board),
    }


def _application_rows(application):
    def rows():
        fresh = FundingApplication.objects.get(pk=application.pk)
        return (
            [getattr(fresh, f.attname) for f in FundingApplication._meta.concrete_fields],
            list(
                OtherFunding.objects.filter(application=application).values_list(
                    "funder", "amount", "state"
                )
            ),
            AuditEvent.objects.count(),
        )

    return rows


@fuzz_settings
@given(
    data=form_data(
        {"title": "Sommarfotboll", "organisation": "ORG", "programme": "PROG"},
        {"title": "text", "organisation": "id", "programme": "id"},
    )
)
def test_starting_an_application_with_hostile_values(client, people, organisation, programme, data):
    data = {
        k: {"ORG": str(organisation.pk), "PROG": str(programme.pk)}.get(v, v)
        for k, v in data.items()
    }
    client.force_login(people["member"])
    post_and_check(
        client,
        reverse("funding:application_create"),
        data,
        rows=lambda: (FundingApplication.objects.count(), AuditEvent.objects.count()),
        name="funding.StartApplicationForm",
    )


PROJECT = (
    {
        "title": "Sommarfotboll",
        "purpose": "Fotboll i juli.",
        "target_group": "Unga",
        "activity_start": (TODAY + timedelta(days=40)).isoformat(),
        "activity_end": (TODAY + timedelta(days=70)).isoformat(),
        "participants": "40",
    },
    {
        "title": "text",
        "purpose": "text",
        "target_group": "text",
        "challenge_area": "id",
        "activity_start": "date",
        "activity_end": "date",
        "participants": "integer",
    },
)


@fuzz_settings
@given(data=form_data(*PROJECT))
def test_the_project_step_refuses_or_saves_hostile_answers_whole(
    client, people, organisation, programme, data
):
    draft = factories.funding_draft(organisation, programme, people["member"])
    client.force_login(people["member"])
    post_and_check(
        client,
        reverse("funding:application_project", args=[draft.pk]),
        data,
        rows=_application_rows(draft),
        noop_allowed=True,
        name="funding.ProjectForm",
    )


MONEY = (
    {
        "amount_applied": "30000",
        "total_cost": "50000",
        "other-TOTAL_FORMS": "1",
        "other-INITIAL_FORMS": "0",
        "other-0-funder": "Allmänna arvsfonden",
        "other-0-amount": "10000",
        "other-0-state": "applied",
    },
    {
        "amount_applied": "amount",
        "total_cost": "amount",
        "other-TOTAL_FORMS": "integer",
        "other-INITIAL_FORMS": "integer",
        "other-0-funder": "text",
        "other-0-board": "id",
        "other-0-amount": "amount",
        "other-0-state": "choice",
        "other-0-DELETE": "bool",
    },
)


@fuzz_settings
@given(data=form_data(*MONEY))
def test_the_money_step_refuses_hostile_amounts_and_saves_nothing(
    client, people, organisation, programme, data
):
    draft = factories.funding_draft(organisation, programme, people["member"])
    client.force_login(people["member"])
    post_and_check(
        client,
        reverse("funding:application_money", args=[draft.pk]),
        data,
        rows=_application_rows(draft),
        noop_allowed=True,
        name="funding.MoneyForm + OtherFundingFormSet",
    )


SOURCE = (
    {
        "name": "Ungdomsfonden",
        "provider": "Stiftelsen",
        "provider_kind": "foundation",
        "purpose": "Unga.",
        "url": "https://example.org",
        "eligible_kinds": "association",
    },
    {
        "name": "text",
        "provider": "text",
        "provider_kind": "choice",
        "purpose": "text",
        "url": "text",
        "eligible_kinds": "choice",
        "board": "id",
        "programme": "id",
        "min_amount": "amount",
        "max_amount": "amount",
        "deadline": "date",
    },
)


@fuzz_settings
@given(data=form_data(*SOURCE))
def test_the_funding_catalogue_refuses_or_saves_hostile_sources_whole(client, data):
    client.force_login(factories.staff(Role.COORDINATOR))
    post_and_check(
        client,
        reverse("funding:source_create"),
        data,
        name="funding.FundingSourceForm",
        rows=lambda: (FundingSource.objects.count(), AuditEvent.objects.count()),
    )


# The workflow's tasks: walk a process to the task, take it, then fuzz its form. ------------


def _take(client, user, process, name) -> str:
    """Take the open task ``name`` as ``user``; its form's URL."""
    (task,) = driver.open_tasks(process, name)
    driver.take(client, user, task)
    return task_url(task, "execute")


def _process(client, people, organisation, programme, amount="30000") -> FundingProcess:
    application = factories.funding_draft(
        organisation, programme, people["member"], amount_applied=amount
    )
    client.force_login(people["member"])
    client.post(reverse("funding:application_submit", args=[application.pk]))
    return FundingProcess.objects.get(artifact_object_id=application.pk)


def _assessed(client, people, process, amount):
    driver.do_one(client, people["officer"], process, "check_complete", {"result": "complete"})
    criterion = process.application.programme.criteria.get()
    driver.do_one(
        client,
        people["officer"],
        process,
        "assess",
        {
            "no_conflict_of_interest": "on",
            "summary": "Väl förankrat.",
            "proposed_outcome": "approved",
            "proposed_amount": amount,
            f"score_{criterion.pk}": "4",
            f"comment_{criterion.pk}": "Bra",
        },
    )


def _granted(client, people, process):
    _assessed(client, people, process, "30000")
    driver.do_one(
        client,
        people["delegate"],
        process,
        "decide_as_delegate",
        {
            "no_conflict_of_interest": "on",
            "outcome": "approved",
            "amount_granted": "30000",
            "reasons": "Uppfyller villkoren.",
        },
    )


def _paid(client, people, process):
    _granted(client, people, process)
    driver.do_one(
        client, people["officer"], process, "pay", {"amount": "30000", "paid_on": TODAY.isoformat()}
    )


def _reported(client, people, process):
    _paid(client, people, process)
    driver.do_one(
        client,
        people["member"],
        process,
        "report_back",
        {"description": "Fyra veckor fotboll.", "amount_used": "30000"},
    )


def _supplement_asked(client, people, process):
    driver.do_one(
        client,
        people["officer"],
        process,
        "check_complete",
        {
            "result": "supplement",
            "message": "Bifoga en budget.",
            "due_on": (TODAY + timedelta(days=10)).isoformat(),
        },
    )


def _memo_written(client, people, process):
    _assessed(client, people, process, "80000")
    driver.do_one(
        client,
        people["officer"],
        process,
        "write_board_memo",
        {
            "summary": "Föreningen söker 80 000 kr.",
            "proposal": "Nämnden beviljar 60 000 kr.",
            "meeting_date": TODAY.isoformat(),
        },
    )


DECISION = {
    "no_conflict_of_interest": "bool",
    "outcome": "choice",
    "amount_granted": "amount",
    "reasons": "text",
}

# task: (who, how to get there, amount applied, a valid answer, the kind of each field)
TASKS = {
    "check_complete": (
        "officer",
        None,
        "30000",
        {
            "result": "supplement",
            "message": "Bifoga budget.",
            "due_on": (TODAY + timedelta(days=10)).isoformat(),
        },
        {"result": "choice", "message": "text", "due_on": "date"},
    ),
    "answer_supplement": (
        "member",
        _supplement_asked,
        "30000",
        {"answer": "Nu bifogad."},
        {"answer": "text"},
    ),
    "assess": (
        "officer",
        lambda c, p, pr: driver.do_one(
            c, p["officer"], pr, "check_complete", {"result": "complete"}
        ),
        "30000",
        {
            "no_conflict_of_interest": "on",
            "summary": "Bra.",
            "proposed_outcome": "approved",
            "proposed_amount": "30000",
            "score_CRIT": "4",
            "comment_CRIT": "Bra",
        },
        {
            "no_conflict_of_interest": "bool",
            "summary": "text",
            "proposed_outcome": "choice",
            "proposed_amount": "amount",
            "score_CRIT": "choice",
            "comment_CRIT": "text",
        },
    ),
    "decide_as_delegate": (
        "delegate",
        lambda c, p, pr: _assessed(c, p, pr, "30000"),
        "30000",
        {
            "no_conflict_of_interest": "on",
            "outcome": "approved",
            "amount_granted": "30000",
            "reasons": "Bra.",
        },
        DECISION,
    ),
    "write_board_memo": (
        "officer",
        lambda c, p, pr: _assessed(c, p, pr, "80000"),
        "80000",
        {
            "summary": "Söker 80 000 kr.",
            "proposal": "Bevilja 60 000 kr.",
            "meeting_date": TODAY.isoformat(),
        },
        {"summary": "text", "proposal": "text", "meeting_date": "date"},
    ),
    "record_board_decision": (
        "secretary",
        _memo_written,
        "80000",
        {
            "no_conflict_of_interest": "on",
            "outcome": "partly_approved",
            "amount_granted": "60000",
            "reasons": "Delvis.",
            "meeting_date": TODAY.isoformat(),
            "protocol_paragraph": "§ 12",
        },
        {**DECISION, "meeting_date": "date", "protocol_paragraph": "text"},
    ),
    "pay": (
        "officer",
        _granted,
        "30000",
        {"amount": "10000", "paid_on": TODAY.isoformat()},
        {"amount": "amount", "paid_on": "date"},
    ),
    "report_back": (
        "member",
        _paid,
        "30000",
        {"description": "Fyra veckor fotboll.", "amount_used": "30000"},
        {"description": "text", "amount_used": "amount"},
    ),
    "review_report": (
        "officer",
        _reported,
        "30000",
        {"review": "approved", "note": "Tack.", "repayment_amount": ""},
        {"review": "choice", "note": "text", "repayment_amount": "amount"},
    ),
}


def _task_rows(process):
    def rows():
        application = FundingApplication.objects.get(pk=process.application.pk)
        tasks = list(Task.objects.filter(process=process).values_list("pk", "status"))
        return application.status, tasks, AuditEvent.objects.count()

    return rows


@pytest.mark.parametrize("node", sorted(TASKS))
def test_every_funding_task_refuses_hostile_values_and_saves_nothing(
    client, people, organisation, programme, node
):
    who, reach, amount, valid, kinds = TASKS[node]
    process = _process(client, people, organisation, programme, amount)
    if reach:
        reach(client, people, process)
    criterion = programme.criteria.get()
    valid = {k.replace("CRIT", str(criterion.pk)): v for k, v in valid.items()}
    kinds = {k.replace("CRIT", str(criterion.pk)): v for k, v in kinds.items()}
    url = _take(client, people[who], process, node)
    fuzz_form(client, url, valid, kinds, rows=_task_rows(process), name=f"funding flow: {node}")


def test_the_fuzz_tasks_cover_every_human_task_of_the_funding_flow():
    human = {
        node.name
        for node in FundingApplicationFlow.instance.nodes()
        if getattr(node, "task_type", "") == "HUMAN"
    }
    assert human - set(TASKS) <= {"decide_as_officer"}  # the same form as decide_as_delegate


def test_a_supplement_deadline_in_the_year_9999_is_refused_with_a_message(
    client, people, organisation, programme
):
    """Found by fuzzing: the day after 9999-12-31 overflowed the flow's timer (a server error)."""
    process = _process(client, people, organisation, programme)
    url = _take(client, people["officer"], process, "check_complete")
    data = {"result": "supplement", "message": "Bifoga budget.", "due_on": "9999-12-31"}
    response = post_and_check(
        client, url, data, rows=_task_rows(process), name="regression: supplement due 9999-12-31"
    )
    assert response.status_code == 200  # the form again, with the refusal on the date
    assert response.context["form"].errors["due_on"]
    assert "Ange ett datum inom ett år." in response.content.decode()  # the Swedish UI


@fuzz_settings
@given(
    data=form_data({"meeting_date": TODAY.isoformat()}, {"meeting_date": "date"}),
    pdf_date=BY_KIND["date"],
)
def test_reporting_delegated_decisions_to_a_board_takes_any_meeting_date(
    client, people, programme, data, pdf_date
):
    client.force_login(people["secretary"])
    url = reverse("funding:delegated_decisions", args=[programme.board.code])
    post_and_check(
        client,
        url,
        data,
        rows=lambda: AuditEvent.objects.count(),
        noop_allowed=True,
        name="funding.BoardMeetingForm",
    )
    pdf = client.get(
        reverse("funding:delegated_decisions_pdf", args=[programme.board.code]),
        {"pdf-meeting_date": pdf_date},
    )
    assert pdf.status_code == 200


@pytest.mark.parametrize("amount", ["sNaN", "NaN", "Infinity", "-Infinity"])
def test_a_not_a_number_amount_of_other_funding_is_refused_with_a_message(
    client, people, organisation, programme, amount
):
    """Found by fuzzing: with a saved row of other funding, "sNaN" raised InvalidOperation while
    the formset compared the row with its initial value (a server error)."""
    from funding import services

    draft = factories.funding_draft(organisation, programme, people["member"])
    services.other_funding_set(
        application=draft,
        acting_user=people["member"],
        rows=[{"funder": "Arvsfonden", "board": None, "amount": 1000, "state": "applied"}],
    )
    client.force_login(people["member"])
    data = {**MONEY[0], "other-0-amount": amount}
    response = post_and_check(
        client,
        reverse("funding:application_money", args=[draft.pk]),
        data,
        rows=_application_rows(draft),
        name="regression: other funding amount sNaN",
    )
    assert response.status_code == 400
