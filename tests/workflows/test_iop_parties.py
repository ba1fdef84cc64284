"""Every party's journey in a three-party IOP, over HTTP: the organisations named as parties
accept being parties in their own inboxes before the agreement is co-created; then the members
of every party see the case, its shared comments and their own tasks, the start page lists it
for each, and every party's signatory signs. Another organisation, no party, still gets 404."""

import pytest
from django.urls import reverse

from casework.services import comment_add
from organisations.models import Organisation, Role
from partnerships.models import Status
from tests import factories
from tests.driver import open_tasks, take, take_and_do
from workflows.models.base import task_url

from . import iop_steps as steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(organisation):
    """Föreningen (the proposer), a second association and a university, with Fritidsnämnden."""
    partner = factories.OrganisationFactory(name="Idrottsföreningen")
    university = factories.OrganisationFactory(
        name="Malmö universitet", kind=Organisation.Kind.ACADEMIA
    )
    people = steps.one_board_cast(organisation)
    for name, party in (("partner", partner), ("university", university)):
        people[name] = factories.member(party)
        factories.MembershipFactory(user=people[name], organisation=party, role=Role.SIGNATORY)
    people["outsider"] = factories.member(factories.OrganisationFactory())
    process = factories.iop_process(
        organisation,
        boards=[people["board"]],
        user=people["member"],
        partners=[partner, university],
    )
    people["orgs"] = {organisation: "member", partner: "partner", university: "university"}
    return process, people


def _accept_all(client, process, people):
    for task in open_tasks(process, "accept"):
        take_and_do(
            client, people[people["orgs"][task.owner_permission_obj]], task, {"confirm": "on"}
        )


def test_each_named_party_accepts_in_its_own_inbox_before_the_co_creation(client, three):
    process, people = three
    steps_to = steps.screening(), steps.assessment()
    take_and_do(client, people["officer"], open_tasks(process, "screen")[0], steps_to[0])
    take_and_do(client, people["officer"], open_tasks(process, "investigate")[0], steps_to[1])
    accept = open_tasks(process, "accept")
    # The proposer accepted by proposing: the other two are asked, each in its own inbox.
    assert {task.owner_permission_obj.name for task in accept} == {
        "Idrottsföreningen",
        "Malmö universitet",
    }
    assert open_tasks(process, "co_create") == []
    theirs = next(t for t in accept if t.owner_permission_obj.name == "Malmö universitet")
    client.force_login(people["partner"])
    assert client.post(task_url(theirs, "assign")).status_code == 403
    client.force_login(people["outsider"])
    assert client.post(task_url(theirs, "assign")).status_code == 404
    take(client, people["university"], theirs)
    page = client.get(task_url(theirs, "execute"))
    assert "Acceptera att vara part i partnerskapet" in page.content.decode()
    # Sent without the confirmation, nothing is accepted.
    assert client.post(task_url(theirs, "execute"), {}).status_code == 200
    assert open_tasks(process, "co_create") == []
    assert client.post(task_url(theirs, "execute"), {"confirm": "on"}).status_code == 302
    assert open_tasks(process, "co_create") == []
    _accept_all(client, process, people)
    assert len(open_tasks(process, "co_create")) == 1
    events = process.inquiry.case.events.filter(action="party_accepted")
    assert {event.actor for event in events} == {people["partner"], people["university"]}


def test_every_party_sees_the_case_and_its_signatory_signs(client, three):
    process, people = three
    inquiry = process.inquiry
    steps.do_one(client, people["officer"], process, "screen", steps.screening())
    steps.do_one(client, people["officer"], process, "investigate", steps.assessment())
    _accept_all(client, process, people)
    steps.do_one(client, people["officer"], process, "co_create", steps.draft(process))
    steps.do_one(client, people["officer"], process, "write_memo", steps.MEMO)
    take_and_do(
        client,
        people["secretary"],
        open_tasks(process, "decide")[0],
        steps.decision(signatory=people["secretary"]),
    )
    comment_add(case=inquiry.case, acting_user=people["officer"], body="Välkomna alla parter.")
    case_number = inquiry.case.case_number
    pages = (
        reverse("casework:case_detail", args=[case_number]),
        reverse("partnerships:inquiry", args=[case_number]),
    )
    for who in ("member", "partner", "university"):
        client.force_login(people[who])
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (who, url)
        assert "Välkomna alla parter." in response.content.decode()
        assert case_number in client.get(reverse("home")).content.decode(), who
    client.force_login(people["outsider"])
    for url in pages:
        assert client.get(url).status_code == 404
    assert case_number not in client.get(reverse("home")).content.decode()

    def signer(task):
        # A board signs through the person its decision authorised (the task names them).
        if task.owner_permission_obj in (people["board"], people["secretary"]):
            return people["secretary"]
        return people[people["orgs"][task.owner_permission_obj]]

    assert len(open_tasks(process, "sign")) == 4
    steps.sign_all(client, process, signer)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ACTIVE
    assert inquiry.signatures.count() == 4
