"""Fields a role may not set, forged into the POSTs of the forms it does send, are ignored or
refused: the stored rows hold what the role may set and nothing else.

Each POST carries the form's own fields plus ``forged(...)``: a status, a granted amount, a
decision, another organisation, another case, owners and authors, budget and payout figures,
and for members the marks of an internal comment. The forged values point at a second
association's objects, so that an accepted one would show.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Comment
from funding.models import FundingApplication, Payout, ReportBack, Status
from organisations.models import Absence, Role
from partnerships.models import IOPInquiry, Party
from tests import driver, factories
from workflows import queues
from workflows.models import FundingProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation, other_organisation):
    factories.eligible(organisation)
    board = factories.BoardFactory()
    programme = factories.FundingProgrammeFactory(board=board)
    return {
        "member": factories.member(organisation),
        "officer": factories.staff(Role.OFFICER),
        "delegate": factories.delegate(programme),
        "stranger": factories.member(other_organisation),
        "programme": programme,
        "board": board,
    }


@pytest.fixture
def theirs(other_organisation):
    """The other association's submitted application: what a forged id points at."""
    return factories.funding_process(other_organisation).application


def forged(theirs, people) -> dict:
    """Fields no form of a member or an officer has, with values that would matter."""
    return {
        "status": Status.GRANTED,
        "granted_amount": "999999",
        "amount_granted": "999999",
        "decision": "approved",
        "outcome": "approved",
        "organisation": theirs.organisation_id,
        "organisation_id": theirs.organisation_id,
        "programme": theirs.programme_id,
        "case": theirs.case_id,
        "case_id": theirs.case_id,
        "owner": people["stranger"].pk,
        "created_by": people["stranger"].pk,
        "submitted_by": people["stranger"].pk,
        "submitted_at": "2020-01-01T00:00",
        "recorded_by": people["stranger"].pk,
        "decided_by": people["stranger"].pk,
        "authority": "board",
        "budget": "999999",
        "amount_paid": "999999",
        "giro_kind": "plusgiro",
        "giro_number": "1234-5678",
        "review": "approved",
        "reviewed_by": people["stranger"].pk,
        "user": people["stranger"].pk,
        "author": people["stranger"].pk,
        "visibility": Comment.Visibility.INTERNAL,
        "is_internal": "on",
        "internal": "on",
    }


# The association's portal ---------------------------------------------------------------------


def test_a_new_draft_is_the_members_own_whatever_is_forged(client, people, theirs, organisation):
    member = people["member"]
    client.force_login(member)
    data = {
        **forged(theirs, people),
        "programme": people["programme"].pk,
        "organisation": organisation.pk,
        "title": "Läger",
        "form_token": "t-1",
    }
    response = client.post(reverse("funding:application_create"), data)
    assert response.status_code == 302
    draft = FundingApplication.objects.get(title="Läger")
    assert (draft.organisation, draft.status, draft.case) == (organisation, Status.DRAFT, None)
    assert (draft.created_by, draft.submitted_at) == (member, None)


def test_a_draft_cannot_be_started_for_another_organisation(client, people, theirs):
    client.force_login(people["member"])
    data = {
        "programme": people["programme"].pk,
        "organisation": theirs.organisation_id,
        "title": "Läger",
        "form_token": "t-2",
    }
    response = client.post(reverse("funding:application_create"), data)
    assert response.status_code == 400
    assert not FundingApplication.objects.filter(title="Läger").exists()


@pytest.mark.parametrize("part", ["project", "money"])
def test_a_draft_part_stores_only_the_applicants_answers(client, people, theirs, part):
    member = people["member"]
    draft = factories.funding_draft(
        member.memberships.get().organisation, people["programme"], member
    )
    before = FundingApplication.objects.values().get(pk=draft.pk)
    answers = {
        "project": {
            "title": "Nytt namn",
            "purpose": "Fotboll.",
            "activity_start": draft.activity_start.isoformat(),
            "activity_end": draft.activity_end.isoformat(),
        },
        "money": {
            "amount_applied": "12345",
            "other-TOTAL_FORMS": "0",
            "other-INITIAL_FORMS": "0",
        },
    }[part]
    client.force_login(member)
    url = reverse(f"funding:application_{part}", args=[draft.pk])
    response = client.post(url, {**forged(theirs, people), **answers})
    assert response.status_code == 302
    after = FundingApplication.objects.values().get(pk=draft.pk)
    changed = {key for key in after if after[key] != before[key]} - {"updated_at"}
    assert (
        changed
        == {
            "project": {"title", "purpose"},
            "money": {"amount_applied"},
        }[part]
    )
    assert after["status"] == Status.DRAFT
    assert after["organisation_id"] == draft.organisation_id


def test_a_member_cannot_make_a_comment_internal(client, people, theirs):
    member = people["member"]
    case = factories.CaseFactory(organisation=member.memberships.get().organisation)
    client.force_login(member)
    data = {**forged(theirs, people), "body": "Vi har frågor.", "form_token": "t-3"}
    response = client.post(reverse("casework:comment_create", args=[case.case_number]), data)
    assert response.status_code == 302
    comment = Comment.objects.get(body="Vi har frågor.")
    assert (comment.case, comment.author) == (case, member)
    assert comment.visibility == Comment.Visibility.SHARED


def test_a_proposal_is_the_members_own_organisations(client, people, theirs, organisation):
    member = people["member"]
    client.force_login(member)
    data = {
        **forged(theirs, people),
        "status": "active",
        "initiator": IOPInquiry.Initiator.ASSIGNMENT,
        "form_token": "t-4",
        "title": "Läxhjälp",
        "purpose": "Läxhjälp för unga.",
        "target_group": "Unga",
        "public_benefit_goal": "Fler klarar skolan.",
        "boards": [people["board"].pk],
        "contributions": "Lokaler och tid.",
    }
    response = client.post(reverse("partnerships:propose"), data)
    assert response.status_code == 302
    inquiry = IOPInquiry.objects.get(case__title="Läxhjälp")
    assert inquiry.case.organisation == organisation
    assert inquiry.initiator == IOPInquiry.Initiator.PROPOSAL
    assert inquiry.status != "active"
    idea_based = inquiry.parties.filter(side=Party.Side.IDEA_BASED)
    assert [party.organisation for party in idea_based] == [organisation]


def test_an_absence_is_always_the_posters_own(client, people, theirs):
    member = people["member"]
    client.force_login(member)
    today = timezone.localdate()
    data = {
        **forged(theirs, people),
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=3)).isoformat(),
        "form_token": "t-5",
    }
    response = client.post(reverse("organisations:absences"), data)
    assert response.status_code == 302
    assert list(Absence.objects.values_list("user", flat=True)) == [member.pk]


# The funding workflow's tasks -----------------------------------------------------------------


def _do(client, user, process, name, data, expect=302):
    """Take the open task ``name`` from ``user``'s queue and post ``data`` to it; the response."""
    (task,) = driver.open_tasks(process, name)
    assert task in queues.queue(user), f"{name} is not in {user}'s queue"
    return driver.take_and_do(client, user, task, data, expect)


def _submitted(client, people) -> FundingProcess:
    member = people["member"]
    draft = factories.funding_draft(
        member.memberships.get().organisation, people["programme"], member
    )
    client.force_login(member)
    assert client.post(reverse("funding:application_submit", args=[draft.pk])).status_code == 302
    return FundingProcess.objects.get(artifact_object_id=draft.pk)


def _status(process) -> str:
    return FundingApplication.objects.get(pk=process.artifact_object_id).status


def _decided(client, people, process, theirs, amount="30000"):
    officer = people["officer"]
    _do(client, officer, process, "check_complete", {"result": "complete"})
    criterion = people["programme"].criteria.get()
    _do(
        client,
        officer,
        process,
        "assess",
        {
            "no_conflict_of_interest": "on",
            "summary": "Bra.",
            "proposed_outcome": "approved",
            "proposed_amount": amount,
            f"score_{criterion.pk}": "4",
        },
    )
    return _do(
        client,
        people["delegate"],
        process,
        "decide_as_delegate",
        {
            **forged(theirs, people),
            "no_conflict_of_interest": "on",
            "outcome": "approved",
            "amount_granted": amount,
            "reasons": "Uppfyller villkoren.",
        },
    )


def test_a_completeness_check_cannot_forge_a_grant(client, people, theirs):
    process = _submitted(client, people)
    response = _do(
        client,
        people["officer"],
        process,
        "check_complete",
        {
            **forged(theirs, people),
            "result": "complete",
        },
    )
    assert response.status_code == 302
    assert _status(process) == Status.IN_ASSESSMENT
    assert FundingApplication.objects.get(pk=theirs.pk).status == Status.SUBMITTED


def test_a_supplement_answer_cannot_forge_a_status(client, people, theirs):
    process = _submitted(client, people)
    _do(
        client,
        people["officer"],
        process,
        "check_complete",
        {
            "result": "supplement",
            "message": "Bifoga budget.",
            "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    response = _do(
        client,
        people["member"],
        process,
        "answer_supplement",
        {
            **forged(theirs, people),
            "answer": "Bifogad.",
        },
    )
    assert response.status_code == 302
    assert _status(process) == Status.SUBMITTED


def test_a_decision_is_the_deciders_own_under_the_delegation(client, people, theirs):
    process = _submitted(client, people)
    response = _decided(client, people, process, theirs)
    assert response.status_code == 302
    decision = FundingApplication.objects.get(pk=process.artifact_object_id).decision
    assert decision.decided_by == people["delegate"]
    assert decision.authority == "delegate"
    assert decision.amount_granted == Decimal(30_000)
    assert not hasattr(FundingApplication.objects.get(pk=theirs.pk), "decision")


def test_a_delegate_cannot_grant_more_than_the_delegation_allows(client, people, theirs):
    """A forged amount over the delegate's limit (50,000 kr) is refused; nothing is decided."""
    process = _submitted(client, people)
    officer = people["officer"]
    _do(client, officer, process, "check_complete", {"result": "complete"})
    criterion = people["programme"].criteria.get()
    _do(
        client,
        officer,
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
    response = _do(
        client,
        people["delegate"],
        process,
        "decide_as_delegate",
        {
            "no_conflict_of_interest": "on",
            "outcome": "approved",
            "amount_granted": "90000",
            "reasons": "Uppfyller villkoren.",
        },
        expect=200,  # the form again, the refusal on the amount
    )
    assert response.context["form"].errors["amount_granted"]
    assert _status(process) == Status.AWAITING_DECISION
    assert not hasattr(FundingApplication.objects.get(pk=process.artifact_object_id), "decision")


def test_a_payout_goes_to_the_verified_account_whatever_is_forged(client, people, theirs):
    process = _submitted(client, people)
    _decided(client, people, process, theirs)
    response = _do(
        client,
        people["officer"],
        process,
        "pay",
        {
            **forged(theirs, people),
            "amount": "30000",
            "paid_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    payout = Payout.objects.get(application_id=process.artifact_object_id)
    organisation = people["member"].memberships.get().organisation
    assert (payout.giro_kind, payout.giro_number) == (
        organisation.giro_kind,
        organisation.giro_number,
    )
    assert (payout.amount, payout.recorded_by) == (Decimal(30_000), people["officer"])


def test_a_report_back_cannot_review_itself(client, people, theirs):
    process = _submitted(client, people)
    _decided(client, people, process, theirs)
    _do(
        client,
        people["officer"],
        process,
        "pay",
        {
            "amount": "30000",
            "paid_on": timezone.localdate().isoformat(),
        },
    )
    response = _do(
        client,
        people["member"],
        process,
        "report_back",
        {
            **forged(theirs, people),
            "description": "Fyra veckor fotboll.",
            "amount_used": "30000",
        },
    )
    assert response.status_code == 302
    report = ReportBack.objects.get(application_id=process.artifact_object_id)
    assert (report.review, report.reviewed_by, report.submitted_by) == (
        "",
        None,
        people["member"],
    )
    assert _status(process) == Status.REPORTED
