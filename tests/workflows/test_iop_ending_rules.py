"""Withdraw, end and leave (docs/iop.md): the organisation whose proposal began an inquiry
withdraws it; a case the executive board commissioned is ended only by the city's officers,
with a reason; another party leaves an inquiry, it does not end it. Each is one rule, asked by
the service and by every page that offers it."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import Case
from organisations.models import Role
from partnerships import policy
from partnerships.models import Party, Status
from tests import factories
from workflows.iop import services
from workflows.models import IOPProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissioned(organisation, officer):
    """A case the executive board commissioned, led by ``organisation``, with a partner."""
    return services.inquiry_register_assignment(
        acting_user=officer,
        assignment_reference="KS 2026-01-20 § 14",
        lead=organisation,
        boards=[factories.BoardFactory()],
        partners=[factories.OrganisationFactory()],
        title="Kraftsamling",
        purpose="Aktiviteter för unga.",
        target_group="Unga",
        public_benefit_goal="Fler unga i föreningslivet.",
    )


def _page(client, inquiry) -> str:
    url = reverse("partnerships:inquiry", args=[inquiry.case.case_number])
    return client.get(url).content.decode()


def test_one_member_of_a_party_cannot_withdraw_a_commissioned_case(
    client, organisation, commissioned
):
    assert commissioned.case.opened_by == Case.OpenedBy.AUTHORITY
    for role in (Role.MEMBER, Role.SIGNATORY):
        person = factories.member(organisation, role=role)
        client.force_login(person)
        end = reverse("partnerships:end", args=[commissioned.case.case_number])
        assert end not in _page(client, commissioned)
        assert client.get(end).status_code == 404
        assert client.post(end, {"reason": "Vi vill inte.", "form_token": "t"}).status_code == 404
        with pytest.raises(PermissionDenied) as refusal:
            services.inquiry_end(inquiry=commissioned, acting_user=person, reason="Vi vill inte.")
        assert "handläggare" in str(refusal.value)
    commissioned.refresh_from_db()
    assert commissioned.status == Status.REGISTERED and commissioned.case.closed_at is None


def test_the_officers_end_a_commissioned_case_and_give_the_reason(client, officer, commissioned):
    client.force_login(officer)
    end = reverse("partnerships:end", args=[commissioned.case.case_number])
    assert end in _page(client, commissioned)
    assert client.post(end, {"reason": " ", "form_token": "t-1"}).status_code == 200
    response = client.post(end, {"reason": "Uppdraget återkallat.", "form_token": "t-2"})
    assert response.status_code == 302
    commissioned.refresh_from_db()
    assert commissioned.status == Status.CLOSED


def test_the_organisation_whose_proposal_began_it_withdraws_it(client, organisation):
    member = factories.member(organisation)
    inquiry = factories.iop_process(organisation, user=member).inquiry
    assert policy.may_withdraw(member, inquiry)
    client.force_login(member)
    end = reverse("partnerships:end", args=[inquiry.case.case_number])
    assert end in _page(client, inquiry)
    assert client.post(end, {"reason": "", "form_token": "t"}).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Status.WITHDRAWN


def test_another_party_leaves_and_the_inquiry_goes_on_without_it(commissioned):
    partner = commissioned.parties.exclude(organisation=commissioned.case.organisation).get(
        side=Party.Side.IDEA_BASED
    )
    signatory = factories.member(partner.organisation, role=Role.SIGNATORY)
    member = factories.member(partner.organisation)
    lead_signatory = factories.member(commissioned.case.organisation, role=Role.SIGNATORY)
    for someone in (member, lead_signatory):
        with pytest.raises(PermissionDenied):
            services.inquiry_leave(
                inquiry=commissioned, party=partner, acting_user=someone, reason="Inga resurser."
            )
    lead = commissioned.parties.get(organisation=commissioned.case.organisation)
    assert policy.leavable_parties(lead_signatory, commissioned) == []  # the lead never leaves
    with pytest.raises(ValidationError):
        services.inquiry_leave(
            inquiry=commissioned, party=partner, acting_user=signatory, reason=""
        )

    services.inquiry_leave(
        inquiry=commissioned, party=partner, acting_user=signatory, reason="Inga resurser."
    )

    partner.refresh_from_db()
    commissioned.refresh_from_db()
    assert partner.has_left and partner.left_by == signatory
    assert commissioned.status == Status.REGISTERED and commissioned.is_open
    assert commissioned.case.events.filter(action="party_left").exists()
    assert partner.pk not in [task["party"] for task in _process(commissioned).signing_tasks]
    assert lead.pk in [task["party"] for task in _process(commissioned).signing_tasks]


def test_no_party_leaves_once_the_memo_names_the_parties_to_the_boards(commissioned):
    partner = commissioned.parties.exclude(organisation=commissioned.case.organisation).get(
        side=Party.Side.IDEA_BASED
    )
    signatory = factories.member(partner.organisation, role=Role.SIGNATORY)
    assert policy.leavable_parties(signatory, commissioned) == [partner]
    for status in (Status.MEMO, Status.BOARD_DECISION, Status.SIGNING, Status.ACTIVE):
        # Reaching each stage through the services is walked in test_iop_flow.py; here only
        # the rule's answer for the stage is asked.
        commissioned.__dict__["status"] = status
        assert policy.leavable_parties(signatory, commissioned) == []


def _process(inquiry) -> IOPProcess:
    return IOPProcess.objects.get(artifact_object_id=inquiry.pk)


def test_the_leave_page_keeps_what_was_typed_on_a_refusal_and_acts_once_when_sent_twice(
    client, commissioned
):
    partner = commissioned.parties.exclude(organisation=commissioned.case.organisation).get(
        side=Party.Side.IDEA_BASED
    )
    # One who signs for the partner and is a member of the lead sees the case today.
    signatory = factories.member(partner.organisation, role=Role.SIGNATORY)
    factories.MembershipFactory(user=signatory, organisation=commissioned.case.organisation)
    client.force_login(signatory)
    url = reverse("partnerships:leave", args=[commissioned.case.case_number])
    assert url in _page(client, commissioned)
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)

    refused = client.post(url, {"party": partner.pk, "reason": " ", "form_token": token})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    data = {"party": partner.pk, "reason": "Inga resurser i år.", "form_token": token}
    first, again = client.post(url, data), client.post(url, data)

    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert commissioned.case.events.filter(action="party_left").count() == 1
