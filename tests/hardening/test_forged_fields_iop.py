"""Fields a role may not set, forged into the POSTs of the IOP tasks and pages, of the funding
board memo and assessment, and of the coordinators' funding-source form, are ignored or refused:
the stored rows hold what the role may set and nothing else.

Each POST carries the form's own fields plus ``forged(...)`` (the same names again under the
form's prefix where it has one): a status, another organisation, another inquiry and case, its
parties and board, authors and signers, rounds and version numbers, dates of signing, amounts,
and for members the marks of an internal comment. The forged values point at a second
organisation's inquiry, so that an accepted one would show; it must stay as it was.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Comment
from documents.kinds import Kind
from documents.models import Document
from funding.models import FundingApplication, FundingSource
from funding.models import Status as FundingStatus
from organisations.models import Role
from partnerships.models import (
    BoardDecision,
    DraftReview,
    FollowUp,
    IOPInquiry,
    LegalAssessment,
    Memo,
    Party,
    RenewalDecision,
    Screening,
    Signature,
    Status,
    Termination,
)
from tests import factories
from tests.casework.test_clocks import at
from tests.driver import do_one, open_tasks, take_and_do
from tests.hardening.test_forged_fields import _do, _status
from tests.hardening.test_forged_fields import forged as funding_forged
from tests.workflows import iop_steps as steps
from workflows.models import FundingProcess
from workflows.tasks import fire_workflow_timers

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation, other_organisation):
    factories.eligible(organisation)
    board, other_board = factories.BoardFactory(), factories.BoardFactory()
    member = factories.member(organisation)
    factories.MembershipFactory(user=member, organisation=organisation, role=Role.SIGNATORY)
    return {
        "member": member,
        "officer": factories.staff(Role.OFFICER),
        "delegate": factories.staff(Role.DELEGATE),
        "coordinator": factories.staff(Role.COORDINATOR),
        "board": board,
        "secretary": factories.staff(Role.BOARD_SECRETARY, board=board),
        "other_board": other_board,
        "stranger": factories.member(other_organisation),
        "programme": factories.FundingProgrammeFactory(board=board),
    }


@pytest.fixture
def process(organisation, people):
    return factories.iop_process(organisation, boards=[people["board"]], user=people["member"])


@pytest.fixture
def theirs(other_organisation, people):
    """The other organisation's registered inquiry: what a forged id points at."""
    return factories.iop_process(other_organisation, boards=[people["other_board"]]).inquiry


def forged(theirs, people) -> dict:
    """Fields no IOP form of any role has, with values that would matter."""
    stranger = people["stranger"].pk
    their_party = theirs.parties.get(side=Party.Side.IDEA_BASED).pk
    return {
        "status": Status.ACTIVE,
        "organisation": theirs.case.organisation_id,
        "organisation_id": theirs.case.organisation_id,
        "inquiry": theirs.pk,
        "inquiry_id": theirs.pk,
        "case": theirs.case_id,
        "case_id": theirs.case_id,
        "board": people["other_board"].pk,
        "boards": [people["other_board"].pk],
        "party": their_party,
        "parties": [their_party],
        "version": "99",
        "number": "99",
        "round": "9",
        "board_round": "9",
        "draft_awaits_review": "on",
        "owner": stranger,
        "created_by": stranger,
        "saved_by": stranger,
        "screened_by": stranger,
        "assessed_by": stranger,
        "answered_by": stranger,
        "written_by": stranger,
        "recorded_by": stranger,
        "decided_by": stranger,
        "signed_by": stranger,
        "submitted_by": stranger,
        "approved_by": stranger,
        "terminated_by": stranger,
        "signed_at": "2020-01-01T00:00",
        "submitted_at": "2020-01-01T00:00",
        "approved_at": "2020-01-01T00:00",
        "given_on": "2020-01-01",
        "notice_months": "1",
        "document_sha256": "0" * 64,
        "officer_summary": "Godkänt utan rapport.",
        "amount_sek": "999999",
        "amount_granted": "999999",
        "granted_amount": "999999",
        "visibility": Comment.Visibility.INTERNAL,
        "is_internal": "on",
        "internal": "on",
    }


def prefixed(data: dict, prefix: str) -> dict:
    return {f"{prefix}-{name}": value for name, value in data.items()}


def assert_untouched(theirs) -> None:
    """The other organisation's inquiry is as registered: nothing was written to it."""
    theirs.refresh_from_db()
    assert (theirs.status, theirs.board_round, theirs.draft_awaits_review) == (
        Status.REGISTERED,
        0,
        False,
    )
    related = ("agreement_versions", "draft_reviews", "memos", "board_decisions", "signatures")
    assert [name for name in related if getattr(theirs, name).exists()] == []
    assert not Screening.objects.filter(inquiry=theirs).exists()
    assert not LegalAssessment.objects.filter(inquiry=theirs).exists()
    assert not FollowUp.objects.filter(inquiry=theirs).exists()
    assert not Termination.objects.filter(inquiry=theirs).exists()


# The proposal ----------------------------------------------------------------------------


def _proposal(people, title: str) -> dict:
    return {
        "title": title,
        "purpose": "Läxhjälp för unga.",
        "target_group": "Unga",
        "public_benefit_goal": "Fler klarar skolan.",
        "boards": [people["board"].pk],
        "contributions": "Lokaler och tid.",
    }


def test_a_member_of_two_organisations_proposes_for_the_one_they_choose_and_no_other(
    client, people, organisation, theirs
):
    """The organisation is the member's choice among those they act for: a forged one (the
    other organisation's) is refused and nothing is registered; their own choice holds."""
    member = people["member"]
    second = factories.OrganisationFactory()
    factories.MembershipFactory(user=member, organisation=second, role=Role.MEMBER)
    client.force_login(member)
    url = reverse("partnerships:propose")

    forged_choice = {**_proposal(people, "Förfalskat"), "organisation": theirs.case.organisation_id}
    refused = client.post(url, forged_choice)
    chosen = client.post(url, {**_proposal(people, "Valt"), "organisation": second.pk})

    assert refused.status_code == 200 and "organisation" in refused.context["form"].errors
    assert not IOPInquiry.objects.filter(case__title="Förfalskat").exists()
    assert chosen.status_code == 302
    inquiry = IOPInquiry.objects.get(case__title="Valt")
    assert inquiry.case.organisation == second
    assert inquiry.parties.get(side=Party.Side.IDEA_BASED).organisation == second
    assert_untouched(theirs)


def _inquiry(process):
    process.refresh_from_db()
    inquiry = process.inquiry
    inquiry.refresh_from_db()
    return inquiry


def _co_creating(client, people, process):
    do_one(client, people["officer"], process, "screen", steps.screening())
    do_one(client, people["officer"], process, "investigate", steps.assessment())


def _draft(process, theirs, people, action) -> dict:
    data = forged(theirs, people)
    return {
        **prefixed(data, "draft"),
        **prefixed(data, "contributions-0"),
        **data,
        **steps.draft(process, action=action),
    }


# The officer's tasks before the boards ---------------------------------------------------------


def test_a_screening_is_the_officers_own_and_moves_only_this_inquiry(
    client, people, process, theirs
):
    data = {**forged(theirs, people), **steps.screening()}
    do_one(client, people["officer"], process, "screen", data)
    inquiry = _inquiry(process)
    assert inquiry.status == Status.INVESTIGATION
    assert inquiry.screening.screened_by == people["officer"]
    assert_untouched(theirs)


@pytest.mark.parametrize("action", ["save", "conclude"])
def test_a_legal_assessment_is_the_officers_own(client, people, process, theirs, action):
    do_one(client, people["officer"], process, "screen", steps.screening())
    (task,) = open_tasks(process, "investigate")
    data = {**forged(theirs, people), **steps.assessment(action=action)}
    take_and_do(client, people["officer"], task, data)
    inquiry = _inquiry(process)
    assessment = LegalAssessment.objects.get()
    assert (assessment.inquiry, assessment.assessed_by) == (inquiry, people["officer"])
    assert inquiry.status == {"save": Status.INVESTIGATION, "conclude": Status.CO_CREATION}[action]
    assert_untouched(theirs)


@pytest.mark.parametrize("action", ["save", "send"])
def test_a_draft_version_is_numbered_and_signed_by_the_system(
    client, people, process, theirs, action
):
    _co_creating(client, people, process)
    (task,) = open_tasks(process, "co_create")
    take_and_do(client, people["officer"], task, _draft(process, theirs, people, action))
    inquiry = _inquiry(process)
    (version,) = inquiry.agreement_versions.all()
    assert (version.number, version.saved_by) == (1, people["officer"])
    assert {c.party.inquiry_id for c in version.contributions.all()} == {inquiry.pk}
    assert inquiry.status == Status.CO_CREATION
    assert inquiry.draft_awaits_review == (action == "send")
    assert_untouched(theirs)


@pytest.mark.parametrize("row", ["party", "recipient"])
def test_a_contribution_of_another_inquiry_is_refused(client, people, process, theirs, row):
    _co_creating(client, people, process)
    (task,) = open_tasks(process, "co_create")
    data = steps.draft(process, action="send")
    data[f"contributions-0-{row}"] = {
        "party": theirs.parties.get(side=Party.Side.IDEA_BASED).pk,
        "recipient": theirs.case.organisation_id,
    }[row]
    take_and_do(client, people["officer"], task, data, expect=200)
    assert not _inquiry(process).agreement_versions.exists()
    assert_untouched(theirs)


# The organisation's review --------------------------------------------------------------------


def _sent_for_review(client, people, process):
    _co_creating(client, people, process)
    do_one(client, people["officer"], process, "co_create", steps.draft(process, "send"))


def test_the_organisations_answer_is_its_own_on_the_latest_version(client, people, process, theirs):
    _sent_for_review(client, people, process)
    data = {**forged(theirs, people), "answer": "agreed", "comment": "Bra."}
    do_one(client, people["member"], process, "review_draft", data)
    inquiry = _inquiry(process)
    review = DraftReview.objects.get()
    assert (review.inquiry, review.answered_by) == (inquiry, people["member"])
    assert review.version == inquiry.agreement_versions.get(number=1)
    assert inquiry.status == Status.CO_CREATION and not inquiry.draft_awaits_review
    assert not Comment.objects.filter(visibility=Comment.Visibility.INTERNAL).exists()
    assert_untouched(theirs)


def test_the_organisations_own_version_is_the_next_and_keeps_the_draft_with_it(
    client, people, process, theirs
):
    _sent_for_review(client, people, process)
    (task,) = open_tasks(process, "review_draft")
    changed = {**_draft(process, theirs, people, "save"), "draft-governance": "Styrgrupp."}
    take_and_do(client, people["member"], task, changed)
    inquiry = _inquiry(process)
    version = inquiry.agreement_versions.get(number=2)
    assert version.saved_by == people["member"]
    assert {c.party.inquiry_id for c in version.contributions.all()} == {inquiry.pk}
    assert inquiry.status == Status.CO_CREATION and inquiry.draft_awaits_review
    assert open_tasks(process, "review_draft") != []
    assert not DraftReview.objects.exists()
    assert_untouched(theirs)


# The memo and the boards ----------------------------------------------------------------------


def _at_memo(client, people, process):
    _co_creating(client, people, process)
    do_one(client, people["officer"], process, "co_create", steps.draft(process, "finish"))


def test_a_memo_goes_to_the_inquirys_own_boards_in_its_own_round(client, people, process, theirs):
    _at_memo(client, people, process)
    do_one(
        client, people["officer"], process, "write_memo", {**forged(theirs, people), **steps.MEMO}
    )
    inquiry = _inquiry(process)
    memo = Memo.objects.get()
    assert (memo.inquiry, memo.round, memo.written_by) == (inquiry, 1, people["officer"])
    assert memo.version == inquiry.agreement_versions.get()
    assert list(memo.boards.all()) == [people["board"]]
    assert [t.owner_permission_obj for t in open_tasks(process, "decide")] == [people["board"]]
    assert inquiry.status == Status.BOARD_DECISION
    assert_untouched(theirs)


def _at_boards(client, people, process):
    _at_memo(client, people, process)
    do_one(client, people["officer"], process, "write_memo", steps.MEMO)


def test_a_board_decision_is_the_tasks_board_and_the_secretarys_own(
    client, people, process, theirs
):
    _at_boards(client, people, process)
    data = {**forged(theirs, people), **steps.decision("returned")}
    do_one(client, people["secretary"], process, "decide", data)
    inquiry = _inquiry(process)
    decision = BoardDecision.objects.get()
    assert (decision.inquiry, decision.board, decision.round) == (inquiry, people["board"], 1)
    assert (decision.outcome, decision.recorded_by) == ("returned", people["secretary"])
    assert inquiry.status == Status.REVISION
    assert_untouched(theirs)


def test_revising_cannot_forge_a_status(client, people, process, theirs):
    _at_boards(client, people, process)
    do_one(client, people["secretary"], process, "decide", steps.decision("rejected"))
    data = {**forged(theirs, people), "choice": "revise", "reason": "Tydligare budget."}
    do_one(client, people["officer"], process, "revise_or_close", data)
    inquiry = _inquiry(process)
    assert inquiry.status == Status.CO_CREATION and inquiry.case.closed_at is None
    assert_untouched(theirs)


def test_a_signature_is_for_the_tasks_party_by_the_signer_today(client, people, process, theirs):
    steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
    task = next(
        task
        for task in open_tasks(process, "sign")
        if task.owner_permission == "organisations.sign_for"
    )
    public = _inquiry(process).parties.get(side=Party.Side.PUBLIC)
    data = {**forged(theirs, people), "party": public.pk, "confirm": "on"}
    take_and_do(client, people["member"], task, data)
    inquiry = _inquiry(process)
    signature = Signature.objects.get()
    assert signature.party == inquiry.parties.get(side=Party.Side.IDEA_BASED)
    assert (signature.inquiry, signature.signed_by) == (inquiry, people["member"])
    assert signature.version == inquiry.agreement_versions.get()
    assert timezone.localtime(signature.signed_at).date() == timezone.localdate()
    assert signature.document_sha256 != "0" * 64
    assert inquiry.status == Status.SIGNING
    assert_untouched(theirs)


# The active partnership -----------------------------------------------------------------------


def _signer(people):
    def signer_of(task):
        return (
            people["member"]
            if task.owner_permission == "organisations.sign_for"
            else people["secretary"]
        )

    return signer_of


def _active(client, people, process, period_end="2028-12-31"):
    """Signed on 10 January 2026, for 2026 until ``period_end`` (notice six months)."""
    with at("2026-01-10"):
        do_one(client, people["officer"], process, "screen", steps.screening())
        do_one(client, people["officer"], process, "investigate", steps.assessment())
        data = {**steps.draft(process, "finish"), "draft-period_end": period_end}
        do_one(client, people["officer"], process, "co_create", data)
        do_one(client, people["officer"], process, "write_memo", steps.MEMO)
        decision = steps.decision(signatory=people["secretary"])
        do_one(client, people["secretary"], process, "decide", decision)
        steps.sign_all(client, process, _signer(people))
    assert _inquiry(process).status == Status.ACTIVE


def _follow_up_open(client, people, process):
    _active(client, people, process)
    with at("2026-12-20"):
        assert fire_workflow_timers() == 1


def test_a_follow_up_report_cannot_approve_itself(client, people, process, theirs):
    _follow_up_open(client, people, process)
    with at("2027-01-05"):
        data = {**forged(theirs, people), **steps.REPORT}
        take_and_do(client, people["member"], steps.party_report_task(process), data)
    follow_up = FollowUp.objects.get()
    report = follow_up.reports.get(submitted_at__isnull=False)
    assert report.organisation == _inquiry(process).case.organisation
    assert (report.submitted_by, report.submitted_at.date().isoformat()) == (
        people["member"],
        "2027-01-05",
    )
    assert (follow_up.approved_by, follow_up.approved_at, follow_up.officer_summary) == (
        None,
        None,
        "",
    )
    assert_untouched(theirs)


def test_an_approval_leaves_the_organisations_report_as_sent(client, people, process, theirs):
    _follow_up_open(client, people, process)
    with at("2027-01-05"):
        take_and_do(client, people["member"], steps.party_report_task(process), steps.REPORT)
        for task in steps.city_report_tasks(process):
            take_and_do(client, people["officer"], task, steps.REPORT)
        data = {
            **forged(theirs, people),
            "reflection": "Allt gick bra.",
            **steps.approval("2027-01-05"),
        }
        do_one(client, people["officer"], process, "approve_follow_up", data)
    follow_up = FollowUp.objects.get()
    assert (follow_up.approved_by, follow_up.officer_summary) == (
        people["officer"],
        "Målen nåddes.",
    )
    report = follow_up.reports.get(organisation=_inquiry(process).case.organisation)
    assert (report.reflection, report.submitted_by) == (
        steps.REPORT["reflection"],
        people["member"],
    )
    assert _inquiry(process).status == Status.ACTIVE
    assert_untouched(theirs)


def test_a_renewal_decision_is_on_the_signed_version_by_the_officer(
    client, people, process, theirs
):
    _active(client, people, process, period_end="2026-12-31")
    with at("2026-04-01"):
        assert fire_workflow_timers() == 1
        data = {**forged(theirs, people), "choice": "end", "reason": "Föreningen tar över."}
        do_one(client, people["officer"], process, "decide_renewal", data)
    inquiry = _inquiry(process)
    renewal = RenewalDecision.objects.get()
    assert (renewal.inquiry, renewal.version) == (inquiry, inquiry.agreement_versions.get())
    assert (renewal.choice, renewal.decided_by) == ("end", people["officer"])
    assert inquiry.status == Status.ACTIVE
    assert_untouched(theirs)


def test_a_termination_is_the_members_own_with_the_agreements_notice(
    client, people, process, theirs
):
    _active(client, people, process)
    inquiry = _inquiry(process)
    party = inquiry.parties.get(side=Party.Side.IDEA_BASED)
    url = reverse("partnerships:terminate", args=[inquiry.case.case_number])
    data = {
        **forged(theirs, people),
        "reason": "Föreningen läggs ned.",
        "decision_reference": "Styrelsens protokoll 2027-01-03 § 4",
        "form_token": "t-1",
    }
    with at("2027-01-05"):
        client.force_login(people["member"])
        assert client.post(url, {**data, "party": party.pk}).status_code == 302
    termination = Termination.objects.get()
    assert (termination.inquiry, termination.party) == (inquiry, party)
    assert (termination.terminated_by, termination.notice_months) == (people["member"], 6)
    assert termination.given_on.isoformat() == "2027-01-05"
    assert _inquiry(process).status == Status.TERMINATED
    assert_untouched(theirs)


def test_a_termination_for_another_inquirys_party_is_refused(client, people, process, theirs):
    _active(client, people, process)
    inquiry = _inquiry(process)
    url = reverse("partnerships:terminate", args=[inquiry.case.case_number])
    client.force_login(people["member"])
    data = {
        **forged(theirs, people),
        "reason": "Föreningen läggs ned.",
        "decision_reference": "Styrelsens protokoll 2027-01-03 § 4",
        "form_token": "t-2",
    }
    assert client.post(url, data).status_code == 200
    assert _inquiry(process).status == Status.ACTIVE
    assert not Termination.objects.exists()
    assert_untouched(theirs)


# Ending an inquiry without an agreement -------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "member"])
def test_ending_an_inquiry_is_a_close_or_a_withdrawal_by_role_alone(
    client, people, process, theirs, who
):
    inquiry = _inquiry(process)
    client.force_login(people[who])
    data = {**forged(theirs, people), "reason": "Parterna är oense.", "form_token": f"t-{who}"}
    data["how"] = "close"
    url = reverse("partnerships:end", args=[inquiry.case.case_number])
    assert client.post(url, data).status_code == 302
    inquiry = _inquiry(process)
    assert inquiry.status == {"officer": Status.CLOSED, "member": Status.WITHDRAWN}[who]
    assert inquiry.case.events.get(action="process_cancelled").actor == people[who]
    assert_untouched(theirs)


# Funding: the assessment, the board memo and the catalogue -------------------------------------


def _funding_submitted(client, people, amount) -> FundingProcess:
    member = people["member"]
    draft = factories.funding_draft(
        member.memberships.first().organisation,
        people["programme"],
        member,
        amount_applied=amount,
    )
    client.force_login(member)
    client.post(reverse("funding:application_submit", args=[draft.pk]))
    return FundingProcess.objects.get(artifact_object_id=draft.pk)


def _assessment(people, amount: str) -> dict:
    criterion = people["programme"].criteria.get()
    return {
        "no_conflict_of_interest": "on",
        "summary": "Bra.",
        "proposed_outcome": "approved",
        "proposed_amount": amount,
        f"score_{criterion.pk}": "4",
    }


@pytest.fixture
def their_application(other_organisation):
    return factories.funding_process(other_organisation).application


def test_an_assessment_proposes_and_cannot_decide(client, people, their_application):
    process = _funding_submitted(client, people, 30_000)
    officer = people["officer"]
    _do(client, officer, process, "check_complete", {"result": "complete"})
    data = {**funding_forged(their_application, people), **_assessment(people, "30000")}
    assert _do(client, officer, process, "assess", data).status_code == 302
    application = FundingApplication.objects.get(pk=process.artifact_object_id)
    assert (application.status, application.organisation) == (
        FundingStatus.AWAITING_DECISION,
        people["member"].memberships.first().organisation,
    )
    assert application.assessment.assessor == officer
    assert not hasattr(application, "decision")
    theirs = FundingApplication.objects.get(pk=their_application.pk)
    assert theirs.status == FundingStatus.SUBMITTED and not hasattr(theirs, "assessment")


def test_a_board_memo_decides_nothing_and_concerns_only_its_case(client, people, their_application):
    process = _funding_submitted(client, people, 80_000)
    officer = people["officer"]
    _do(client, officer, process, "check_complete", {"result": "complete"})
    _do(client, officer, process, "assess", _assessment(people, "80000"))
    data = {
        **funding_forged(their_application, people),
        "summary": "Stort projekt.",
        "proposal": "Nämnden beviljar 80 000 kr.",
        "meeting_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    assert _do(client, officer, process, "write_board_memo", data).status_code == 302
    application = FundingApplication.objects.get(pk=process.artifact_object_id)
    assert _status(process) == FundingStatus.AWAITING_DECISION
    assert not hasattr(application, "decision")
    memo = Document.objects.get(kind=Kind.BOARD_MEMO)
    assert (memo.case, memo.created_by) == (application.case, officer)
    assert not Document.objects.filter(case=their_application.case).exists()


def test_a_funding_source_form_cannot_change_another_source(client, people):
    other = factories.FundingSourceFactory(name="Annan fond")
    before = FundingSource.objects.values().get(pk=other.pk)
    client.force_login(people["coordinator"])
    data = {
        "id": other.pk,
        "pk": other.pk,
        "source": other.pk,
        "created_by": people["stranger"].pk,
        "organisation": people["stranger"].memberships.get().organisation_id,
        "name": "Ny fond",
        "provider": "Stiftelsen Ny",
        "provider_kind": "foundation",
        "purpose": "Idrott för unga.",
        "is_active": "on",
        "form_token": "t-source",
    }
    response = client.post(reverse("funding:source_create"), data)
    assert response.status_code == 302
    assert FundingSource.objects.values().get(pk=other.pk) == before
    created = FundingSource.objects.get(name="Ny fond")
    assert created.pk != other.pk and created.provider == "Stiftelsen Ny"
