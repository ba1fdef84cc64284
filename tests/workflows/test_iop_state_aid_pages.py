"""The state-aid pages of an IOP inquiry: the investigation refuses a procurement in Swedish and
keeps what was typed, a decision-maker overrides with reasons, and an idea-based party's member
declares its own de minimis aid without ever seeing a ledger."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from partnerships import services
from partnerships.models import DeMinimisDeclaration, Party, Status
from tests import factories
from tests.driver import do_one, open_tasks, take
from tests.partnerships.helpers import ASSESSMENT
from workflows.models.base import task_url

from . import iop_steps as steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(organisation):
    """An inquiry screened as an IOP, its investigation open (screened from a client of its
    own, so the test's client starts logged out)."""
    process = factories.iop_process(organisation)
    do_one(Client(), factories.staff(), process, "screen", steps.screening())
    return process


def _procurement(action="conclude") -> dict:
    data = steps.assessment(action=action)
    data.update(counter_performance="on", direct_economic_interest="on")
    data["procurement_reasoning"] = "Staden köper platser i verksamheten."
    return data


def test_the_investigation_refuses_a_procurement_in_swedish_and_keeps_what_was_typed(
    client, process
):
    officer = factories.staff()
    (task,) = open_tasks(process, "investigate")
    take(client, officer, task)
    response = client.post(task_url(task, "execute"), _procurement())
    page = response.content.decode()
    assert response.status_code == 200
    assert "det är en upphandling (LOU), inte ett IOP" in page
    assert "Staden köper platser i verksamheten." in page
    process.refresh_from_db()
    assert process.inquiry.status == Status.INVESTIGATION
    assert open_tasks(process, "investigate")


def test_a_decision_maker_overrides_with_reasons_once_and_the_officer_goes_on(client, process):
    officer = factories.staff()
    (task,) = open_tasks(process, "investigate")
    take(client, officer, task)
    client.post(task_url(task, "execute"), _procurement(action="save"))
    url = reverse("partnerships:procurement_override", args=[process.inquiry.case.case_number])
    assert client.get(url).status_code == 404  # the investigating officer may not
    decision_maker = factories.staff(Role.DELEGATE)
    client.force_login(decision_maker)
    shown = client.get(url)
    assert "Kammarrätten i Göteborg" in shown.content.decode()
    refused = client.post(url, {"reasons": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["reasons"]
    token = shown.context["form"]["form_token"].value()
    data = {"reasons": "Ersättningen täcker bara kostnader.", "form_token": token}
    first, again = client.post(url, data), client.post(url, data)
    assert first.status_code == again.status_code == 302
    assert process.inquiry.case.events.filter(action="procurement_overridden").count() == 1
    client.force_login(officer)
    response = client.post(task_url(task, "execute"), _procurement())
    assert response.status_code == 302
    assert process.inquiry.status == Status.CO_CREATION
    client.force_login(decision_maker)
    assert client.get(url).status_code == 404  # the investigation is over


def test_the_override_page_is_not_there_while_the_answers_do_not_say_procurement(client, process):
    officer = factories.staff()
    (task,) = open_tasks(process, "investigate")
    take(client, officer, task)
    url = reverse("partnerships:procurement_override", args=[process.inquiry.case.case_number])
    client.force_login(factories.staff(Role.DELEGATE))
    assert client.get(url).status_code == 404  # no assessment yet
    client.force_login(officer)
    client.post(task_url(task, "execute"), steps.assessment(action="save"))
    client.force_login(factories.staff(Role.DELEGATE))
    assert client.get(url).status_code == 404  # the answers say IOP


def _declaration_data(token: str, **aid) -> dict:
    data = {
        "organisation": "",
        "complete": "on",
        "form_token": token,
        "aid-TOTAL_FORMS": "1",
        "aid-INITIAL_FORMS": "0",
        "aid-MIN_NUM_FORMS": "0",
        "aid-MAX_NUM_FORMS": "30",
        "aid-0-granted_by": "Region Skåne",
        "aid-0-granted_on": "2025-04-01",
        "aid-0-amount": "50000",
        "aid-0-currency": "SEK",
    }
    data.update({f"aid-0-{name}": value for name, value in aid.items()})
    return data


def test_a_member_declares_the_organisations_aid_once_and_bad_input_is_kept(
    client, organisation, member
):
    inquiry = factories.iop_inquiry(organisation, user=member)
    url = reverse("partnerships:de_minimis_declaration", args=[inquiry.case.case_number])
    client.force_login(member)
    form = client.get(url).context["form"]
    token = form["form_token"].value()
    data = _declaration_data(token, amount="mycket")
    data["organisation"] = str(organisation.pk)
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Region Skåne" in refused.content.decode()
    assert not DeMinimisDeclaration.objects.exists()
    data["aid-0-amount"] = "50000"
    first, again = client.post(url, data), client.post(url, data)
    assert first.status_code == again.status_code == 302
    (declaration,) = DeMinimisDeclaration.objects.all()
    (aid,) = declaration.aids.all()
    assert (declaration.organisation, declaration.declared_by) == (organisation, member)
    assert (aid.granted_by, aid.amount) == ("Region Skåne", 50_000)


def test_no_party_sees_another_partys_declaration_or_any_ledger(client, organisation, member):
    """Issue 21: a member read another party's de minimis ledger. A member sees their own
    organisation's declaration only; the ledger is on the officer's task page alone."""
    other = factories.OrganisationFactory(name="Föreningen Grannen")
    inquiry = factories.iop_inquiry(organisation, user=member)
    Party.objects.create(inquiry=inquiry, organisation=other, side=Party.Side.IDEA_BASED)
    neighbour = factories.member(other)
    services.aid_entry_record(
        organisation=other,
        acting_user=factories.staff(),
        granted_on="2025-01-10",
        amount_sek=123_456,
        granted_by="Hemlig givare",
    )
    services.de_minimis_declaration_submit(
        inquiry=inquiry,
        organisation=other,
        acting_user=neighbour,
        aids=[services.DeclaredAidInput("Grannens givare", "2025-02-01", 77_000)],
    )
    url = reverse("partnerships:de_minimis_declaration", args=[inquiry.case.case_number])
    client.force_login(member)
    for page in (client.get(url), client.get(inquiry.case.get_absolute_url())):
        text = page.content.decode()
        assert page.status_code == 200
        assert "Grannens givare" not in text and "Hemlig givare" not in text
        # The amount in any spelling (123456, 123 456, 123\xa0456), not any "123" that
        # a sequence-named organisation elsewhere on the page may carry.
        assert not re.search(r"123\W?456", text)
    # A member of an organisation outside the inquiry gets 404; so does the board's secretary.
    for user in (
        factories.member(factories.OrganisationFactory()),
        factories.staff(Role.BOARD_SECRETARY, board=factories.BoardFactory()),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_member_cannot_declare_for_an_organisation_they_do_not_act_for(
    client, organisation, member
):
    other = factories.OrganisationFactory()
    inquiry = factories.iop_inquiry(organisation, user=member)
    Party.objects.create(inquiry=inquiry, organisation=other, side=Party.Side.IDEA_BASED)
    url = reverse("partnerships:de_minimis_declaration", args=[inquiry.case.case_number])
    client.force_login(member)
    token = client.get(url).context["form"]["form_token"].value()
    data = _declaration_data(token)
    data["organisation"] = str(other.pk)
    assert client.post(url, data).status_code == 200
    assert not DeMinimisDeclaration.objects.exists()


def test_the_officer_reads_the_declarations_and_the_ledger_on_the_investigation(
    client, process, member
):
    inquiry = process.inquiry
    services.de_minimis_declaration_submit(
        inquiry=inquiry,
        organisation=inquiry.case.organisation,
        acting_user=factories.member(inquiry.case.organisation),
        aids=[services.DeclaredAidInput("Region Skåne", "2025-02-01", 77_000)],
    )
    services.legal_assessment_save(inquiry=inquiry, acting_user=factories.staff(), data=ASSESSMENT)
    officer = factories.staff()
    (task,) = open_tasks(process, "investigate")
    take(client, officer, task)
    page = client.get(task_url(task, "execute")).content.decode()
    assert "Region Skåne" in page and "Växelkurs saknas" in page
