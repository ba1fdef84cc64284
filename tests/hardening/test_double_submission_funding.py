"""Funding forms sent twice (double click, back button, retry) create what they create once.

The portal's forms carry ``common.once``'s one-time token: a repeat goes where the first
sending went. The flow's task forms need none: the first sending completes the task, and
viewflow refuses a second one (we tell the person so, 409), so nothing is saved twice.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from casework.models import AuditEvent, Case
from funding.models import (
    Attachment,
    Decision,
    FundingApplication,
    FundingSource,
    Payout,
    ReportBack,
    SupplementRequest,
)
from organisations.models import Role
from tests import driver, factories
from tests.funding.conftest import pdf
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="form_token" value="([^"]+)"', page)


def _token(client, url: str) -> str:
    (token,) = _tokens(client.get(url).content.decode())
    return token


def _twice(client, url, data):
    """The same form sent twice; both answers."""
    return client.post(url, data), client.post(url, data)


@pytest.fixture
def draft(organisation, programme, member):
    return factories.funding_draft(factories.eligible(organisation), programme, member)


# The association's portal ---------------------------------------------------------------------


def test_a_draft_started_twice_is_one_draft(client, member, organisation, programme):
    client.force_login(member)
    (token,) = _tokens(client.get(reverse("funding:overview")).content.decode())
    data = {
        "programme": programme.pk,
        "organisation": organisation.pk,
        "title": "Sommarfotboll",
        "form_token": token,
    }

    first, again = _twice(client, reverse("funding:application_create"), data)

    application = FundingApplication.objects.get()
    assert first.status_code == again.status_code == 302
    assert (
        first["Location"]
        == again["Location"]
        == reverse("funding:application_detail", args=[application.pk])
    )
    assert AuditEvent.objects.filter(action="application_started").count() == 1


def test_each_programme_on_the_overview_has_its_own_token(client, member, programme):
    factories.FundingProgrammeFactory()
    client.force_login(member)
    tokens = _tokens(client.get(reverse("funding:overview")).content.decode())
    assert len(tokens) == len(set(tokens)) == 2


def test_the_same_title_from_a_new_form_starts_a_second_draft(
    client, member, organisation, programme
):
    client.force_login(member)
    for _ in range(2):
        (token,) = _tokens(client.get(reverse("funding:overview")).content.decode())
        client.post(
            reverse("funding:application_create"),
            {
                "programme": programme.pk,
                "organisation": organisation.pk,
                "title": "Sommarfotboll",
                "form_token": token,
            },
        )
    assert FundingApplication.objects.count() == 2


def test_a_refused_start_does_not_spend_the_token(client, member, organisation, programme):
    client.force_login(member)
    (token,) = _tokens(client.get(reverse("funding:overview")).content.decode())
    data = {"programme": programme.pk, "organisation": organisation.pk, "form_token": token}
    url = reverse("funding:application_create")
    assert client.post(url, {**data, "title": ""}).status_code == 400
    assert client.post(url, {**data, "title": "Sommarfotboll"}).status_code == 302
    assert FundingApplication.objects.count() == 1


def test_an_attachment_uploaded_twice_is_attached_once(client, member, draft):
    client.force_login(member)
    url = reverse("funding:application_attachments", args=[draft.pk])
    token = _token(client, url)

    first = client.post(url, {"kind": "budget", "file": pdf(), "form_token": token})
    again = client.post(url, {"kind": "budget", "file": pdf(), "form_token": token})

    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == url
    assert Attachment.objects.filter(application=draft).count() == 1


def test_the_same_file_from_a_new_form_is_a_second_attachment(client, member, draft):
    client.force_login(member)
    url = reverse("funding:application_attachments", args=[draft.pk])
    for _ in range(2):
        client.post(url, {"kind": "budget", "file": pdf(), "form_token": _token(client, url)})
    assert Attachment.objects.filter(application=draft).count() == 2


def test_a_refused_upload_does_not_spend_the_token(client, member, draft):
    client.force_login(member)
    url = reverse("funding:application_attachments", args=[draft.pk])
    token = _token(client, url)
    assert (
        client.post(
            url, {"kind": "budget", "file": pdf("budget.docx"), "form_token": token}
        ).status_code
        == 400
    )
    assert (
        client.post(url, {"kind": "budget", "file": pdf(), "form_token": token}).status_code == 302
    )
    assert Attachment.objects.filter(application=draft).count() == 1


def test_an_application_sent_twice_is_registered_once(client, member, draft):
    client.force_login(member)
    token = _token(client, reverse("funding:application_check", args=[draft.pk]))
    url = reverse("funding:application_submit", args=[draft.pk])

    first, again = _twice(client, url, {"form_token": token})

    assert first.status_code == again.status_code == 302
    assert (
        again["Location"]
        == first["Location"]
        == reverse("funding:application_detail", args=[draft.pk])
    )
    draft.refresh_from_db()
    assert Case.objects.count() == 1 and draft.case is not None
    assert FundingProcess.objects.filter(artifact_object_id=draft.pk).count() == 1
    assert Task.objects.filter(flow_task=FundingApplicationFlow.check_complete).count() == 1
    assert draft.case.case_number in client.get(again["Location"]).content.decode()


def test_a_second_tab_sending_the_sent_application_is_shown_it(client, member, draft):
    client.force_login(member)
    check = reverse("funding:application_check", args=[draft.pk])
    tabs = [_token(client, check), _token(client, check)]
    url = reverse("funding:application_submit", args=[draft.pk])

    first, second = (client.post(url, {"form_token": token}) for token in tabs)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Case.objects.count() == 1


def test_a_refused_submission_does_not_spend_the_token(client, member, organisation, draft):
    client.force_login(member)
    token = _token(client, reverse("funding:application_check", args=[draft.pk]))
    url = reverse("funding:application_submit", args=[draft.pk])
    evidence = list(organisation.evidence.all())
    organisation.evidence.all().delete()
    assert client.post(url, {"form_token": token}).status_code == 400
    for item in evidence:
        item.pk = None
        item.save()
    assert client.post(url, {"form_token": token}).status_code == 302
    assert FundingProcess.objects.filter(artifact_object_id=draft.pk).count() == 1


# The flow's tasks: done once, a second sending is refused by viewflow -----------------------


@pytest.fixture
def people(programme):
    return {"officer": factories.staff(), "delegate": factories.delegate(programme)}


def _take(client, user, process, name) -> str:
    """Take the open task ``name`` as ``user``; its form's URL."""
    (task,) = driver.open_tasks(process, name)
    driver.take(client, user, task)
    return task_url(task, "execute")


def _granted(client, people, organisation, programme) -> FundingProcess:
    process = factories.funding_process(organisation, programme=programme)
    driver.do_one(client, people["officer"], process, "check_complete", {"result": "complete"})
    criterion = programme.criteria.get()
    driver.do_one(
        client,
        people["officer"],
        process,
        "assess",
        {
            "no_conflict_of_interest": "on",
            "summary": "Bra.",
            "proposed_outcome": "approved",
            "proposed_amount": "30000",
            f"score_{criterion.pk}": "4",
        },
    )
    driver.do_one(
        client,
        people["delegate"],
        process,
        "decide_as_delegate",
        {
            "no_conflict_of_interest": "on",
            "outcome": "approved",
            "amount_granted": "30000",
            "reasons": "Bra.",
        },
    )
    return process


def _refused_as_done(response) -> bool:
    return response.status_code == 409


def test_a_completeness_check_sent_twice_is_done_once(client, people, organisation, programme):
    process = factories.funding_process(organisation, programme=programme)
    url = _take(client, people["officer"], process, "check_complete")
    first, again = _twice(client, url, {"result": "complete"})
    assert first.status_code == 302 and _refused_as_done(again)
    assert AuditEvent.objects.filter(action="application_complete").count() == 1
    assert (
        Task.objects.filter(process=process, flow_task=FundingApplicationFlow.assess).count() == 1
    )


def test_a_supplement_answer_sent_twice_is_answered_once(client, people, organisation, programme):
    process = factories.funding_process(organisation, programme=programme)
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    driver.do_one(
        client,
        people["officer"],
        process,
        "check_complete",
        {"result": "supplement", "message": "Bifoga en budget.", "due_on": due},
    )
    member = factories.member(organisation)
    url = _take(client, member, process, "answer_supplement")

    first, again = _twice(client, url, {"answer": "Nu bifogad."})

    assert first.status_code == 302 and _refused_as_done(again)
    assert SupplementRequest.objects.get().answer == "Nu bifogad."
    assert AuditEvent.objects.filter(action="supplement_answered").count() == 1
    checks = Task.objects.filter(process=process, flow_task=FundingApplicationFlow.check_complete)
    assert checks.count() == 2  # the first check, and the one after the answer


def test_a_payout_sent_twice_is_paid_once(client, people, organisation, programme):
    process = _granted(client, people, organisation, programme)
    url = _take(client, people["officer"], process, "pay")

    first, again = _twice(client, url, {"amount": "10000", "paid_on": TODAY()})

    assert first.status_code == 302 and _refused_as_done(again)
    assert Payout.objects.count() == 1
    # The rest of the grant is a new task of its own, with its own address.
    (rest,) = driver.open_tasks(process, "pay")
    assert rest.pk != int(url.rstrip("/").split("/")[-2])


def test_a_report_back_sent_twice_is_reported_once(client, people, organisation, programme):
    process = _granted(client, people, organisation, programme)
    driver.do_one(
        client, people["officer"], process, "pay", {"amount": "30000", "paid_on": TODAY()}
    )
    url = _take(client, factories.member(organisation), process, "report_back")
    data = {"description": "Fyra veckor fotboll.", "amount_used": "30000"}

    first = client.post(url, {**data, "attachments": [pdf("kvitto.pdf")]})
    again = client.post(url, {**data, "attachments": [pdf("kvitto.pdf")]})

    assert first.status_code == 302 and _refused_as_done(again)
    assert ReportBack.objects.count() == 1
    assert Attachment.objects.filter(report_back__isnull=False).count() == 1


# Staff pages of the portal --------------------------------------------------------------------


def _source(token: str) -> dict:
    return {
        "name": "Ungdomsfonden",
        "provider": "Stiftelsen Ungdom",
        "provider_kind": "foundation",
        "purpose": "Fritid för unga.",
        "is_active": "on",
        "form_token": token,
    }


def test_a_funding_source_added_twice_is_in_the_catalogue_once(client):
    client.force_login(factories.staff(Role.COORDINATOR))
    url = reverse("funding:source_create")
    first, again = _twice(client, url, _source(_token(client, url)))
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == reverse("funding:source_list")
    assert FundingSource.objects.count() == 1


def test_a_second_source_of_the_same_name_from_a_new_form_is_added(client):
    client.force_login(factories.staff(Role.COORDINATOR))
    url = reverse("funding:source_create")
    for _ in range(2):
        client.post(url, _source(_token(client, url)))
    assert FundingSource.objects.count() == 2


def test_a_board_report_sent_again_later_does_not_report_newer_decisions(
    client, people, organisation, programme
):
    first_process = _granted(client, people, organisation, programme)
    secretary = factories.staff(Role.BOARD_SECRETARY, board=programme.board)
    client.force_login(secretary)
    url = reverse("funding:delegated_decisions", args=[programme.board.code])
    data = {"meeting_date": "2030-01-15", "form_token": _token(client, url)}
    assert client.post(url, data).status_code == 302
    later = _granted(client, people, factories.OrganisationFactory(), programme)
    client.force_login(secretary)

    again = client.post(url, data)  # the back button, and "send" again

    assert again.status_code == 302 and again["Location"] == url
    reported = Decision.objects.get(application=first_process.application)
    assert str(reported.reported_to_board_on) == "2030-01-15"
    assert Decision.objects.get(application=later.application).reported_to_board_on is None


# Two sendings at the same instant, on PostgreSQL ---------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_form", [True, False], ids=["same form", "two tabs"])
def test_an_application_sent_twice_at_once_registers_one_case(
    requires_postgresql, organisation, programme, same_form
):
    from tests.hardening.test_faults import _at_once

    member = factories.member(organisation)
    draft = factories.funding_draft(factories.eligible(organisation), programme, member)
    tabs = [Client(), Client()]
    tokens = []
    for tab in tabs:
        tab.force_login(member)
        tokens.append(_token(tab, reverse("funding:application_check", args=[draft.pk])))
    if same_form:
        tokens = [tokens[0]] * 2
    url = reverse("funding:application_submit", args=[draft.pk])
    detail = reverse("funding:application_detail", args=[draft.pk])

    responses = _at_once(2, lambda i: tabs[i].post(url, {"form_token": tokens[i]}))

    assert [r for r in responses if isinstance(r, Exception)] == []
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {detail}
    assert Case.objects.count() == 1
    assert FundingProcess.objects.filter(artifact_object_id=draft.pk).count() == 1
    assert AuditEvent.objects.filter(action="application_submitted").count() == 1
