"""The city's services: supplement, assessment, decision under delegation, payout, report-back."""

import hashlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework.models import AuditEvent, Deadline
from funding import delegation, services
from funding.models import Decider, Status
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(draft, member):
    return services.application_submit(application=draft, acting_user=member)


@pytest.fixture
def complete(submitted, officer):
    return services.application_mark_complete(application=submitted, acting_user=officer)


def _assess(application, assessor, amount="30000", outcome="approved"):
    criterion = application.programme.criteria.get()
    return services.assessment_record(
        application=application,
        acting_user=assessor,
        no_conflict_of_interest=True,
        proposed_outcome=outcome,
        proposed_amount=Decimal(amount),
        summary="Bra idé.",
        scores={criterion.pk: (4, "Rimlig budget")},
    )


def _granted(application, officer, amount="30000"):
    _assess(application, officer, amount)
    delegate = factories.delegate(application.programme)
    services.decision_record(
        no_conflict_of_interest=True,
        application=application,
        acting_user=delegate,
        outcome="approved",
        amount_granted=Decimal(amount),
        reasons="Uppfyller kriterierna.",
    )
    application.refresh_from_db()
    return application


def test_a_supplement_request_sets_a_deadline_for_the_organisation(submitted, officer, member):
    due = timezone.localdate() + timedelta(days=14)
    services.application_request_supplement(
        application=submitted, acting_user=officer, message="Bifoga budget.", due_on=due
    )
    deadline = Deadline.objects.get(case=submitted.case)
    assert (deadline.kind, deadline.audience, deadline.due_on) == (
        "supplement",
        "organisation",
        due,
    )
    services.application_resubmit(application=submitted, acting_user=member, answer="Bifogad.")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    deadline.refresh_from_db()
    assert deadline.met_at is not None


def test_only_officers_ask_for_supplements(submitted, member):
    with pytest.raises(PermissionDenied):
        services.application_request_supplement(
            application=submitted,
            acting_user=member,
            message="x",
            due_on=timezone.localdate() + timedelta(days=3),
        )


def test_an_assessment_needs_the_conflict_of_interest_declaration(complete, officer):
    criterion = complete.programme.criteria.get()
    with pytest.raises(ValidationError) as refused:
        services.assessment_record(
            application=complete,
            acting_user=officer,
            no_conflict_of_interest=False,
            proposed_outcome="approved",
            proposed_amount=Decimal("1000"),
            summary="x",
            scores={criterion.pk: (3, "")},
        )
    assert "no_conflict_of_interest" in refused.value.message_dict


def test_an_assessment_is_recorded_with_scores_in_the_audit_log(complete, officer):
    assessment = _assess(complete, officer)
    assert assessment.weighted_score == Decimal("4.00")
    event = AuditEvent.objects.get(action="assessed")
    assert event.data["weighted"] == "4.00"
    assert event.to_state == Status.AWAITING_DECISION


@pytest.mark.parametrize(
    ("amount", "decider"),
    [
        ("20000", Decider.OFFICER),
        ("20000.01", Decider.DELEGATE),
        ("50000", Decider.DELEGATE),
        ("50000.01", Decider.BOARD),
        ("100000", Decider.BOARD),
    ],
)
def test_the_delegation_order_names_the_decider_by_amount(programme, amount, decider):
    assert delegation.route_for(programme, Decimal(amount)).decider == decider


def test_the_assessor_may_not_decide(complete, officer):
    complete.amount_applied = Decimal("10000")  # within an officer's delegation
    complete.save()
    factories.delegate(complete.programme, Role.OFFICER, user=officer)
    _assess(complete, officer, amount="10000")
    with pytest.raises(PermissionDenied):
        services.decision_record(
            no_conflict_of_interest=True,
            application=complete,
            acting_user=officer,
            outcome="approved",
            amount_granted=Decimal("10000"),
            reasons="Bra.",
        )
    other_officer = factories.delegate(complete.programme, Role.OFFICER)
    decision = services.decision_record(
        no_conflict_of_interest=True,
        application=complete,
        acting_user=other_officer,
        outcome="approved",
        amount_granted=Decimal("10000"),
        reasons="Bra.",
    )
    assert decision.authority == Decider.OFFICER


def test_a_delegate_may_not_decide_above_the_delegation(complete, officer):
    complete.amount_applied = Decimal("80000")
    complete.save()
    _assess(complete, officer, amount="80000")
    with pytest.raises(ValidationError, match="80 000 kr"):
        services.decision_record(
            no_conflict_of_interest=True,
            application=complete,
            acting_user=factories.delegate(complete.programme),
            task="decide_as_delegate",
            outcome="approved",
            amount_granted=Decimal("80000"),
            reasons="x",
        )


def test_the_board_secretary_records_the_boards_decision(complete, officer, programme):
    complete.amount_applied = Decimal("80000")
    complete.save()
    _assess(complete, officer, amount="80000")
    secretary = factories.staff(Role.BOARD_SECRETARY, board=programme.board)
    with pytest.raises(ValidationError):
        services.decision_record(
            no_conflict_of_interest=True,
            application=complete,
            acting_user=secretary,
            outcome="approved",
            amount_granted=Decimal("80000"),
            reasons="x",
        )
    decision = services.decision_record(
        no_conflict_of_interest=True,
        application=complete,
        acting_user=secretary,
        outcome="approved",
        amount_granted=Decimal("80000"),
        reasons="Nämnden beviljar.",
        meeting_date=timezone.localdate(),
        protocol_paragraph="§ 42",
    )
    assert decision.authority == Decider.BOARD
    complete.case.refresh_from_db()
    assert complete.case.decided_at is not None


def test_a_decision_never_takes_the_budget_below_zero(complete, officer, programme):
    programme.budget_remaining = Decimal("25000")
    programme.save()
    _assess(complete, officer, amount="30000")
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            no_conflict_of_interest=True,
            application=complete,
            acting_user=factories.delegate(complete.programme),
            outcome="approved",
            amount_granted=Decimal("30000"),
            reasons="x",
        )
    assert "25000" in str(refused.value)
    programme.refresh_from_db()
    assert programme.budget_remaining == Decimal("25000")


def test_a_grant_reserves_its_amount_of_the_budget(complete, officer, programme):
    _granted(complete, officer)
    programme.refresh_from_db()
    assert programme.budget_remaining == programme.budget - Decimal("30000")
    assert complete.status == Status.GRANTED


def test_a_rejection_leaves_the_budget(complete, officer, programme):
    _assess(complete, officer, amount="0", outcome="rejected")
    services.decision_record(
        no_conflict_of_interest=True,
        application=complete,
        acting_user=factories.delegate(programme),
        outcome="rejected",
        amount_granted=Decimal(0),
        reasons="Utanför.",
    )
    complete.refresh_from_db()
    programme.refresh_from_db()
    assert complete.status == Status.REJECTED
    assert programme.budget_remaining == programme.budget


def test_payout_in_tranches_then_the_report_back_falls_due(complete, officer):
    application = _granted(complete, officer)
    services.payout_record(
        application=application,
        acting_user=officer,
        amount=Decimal("10000"),
        paid_on=timezone.localdate(),
    )
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    with pytest.raises(ValidationError):
        services.payout_record(
            application=application,
            acting_user=officer,
            amount=Decimal("20000.01"),
            paid_on=timezone.localdate(),
        )
    payout = services.payout_record(
        application=application,
        acting_user=officer,
        amount=Decimal("20000"),
        paid_on=timezone.localdate(),
    )
    application.refresh_from_db()
    assert application.status == Status.PAID
    assert payout.giro_number == application.organisation.giro_number
    due = application.case.deadlines.get(kind="report_back").due_on
    assert due == application.activity_end + timedelta(days=application.programme.report_back_days)


def test_money_goes_only_to_a_verified_giro(complete, officer, organisation):
    application = _granted(complete, officer)
    organisation.evidence.filter(kind="bank_account").delete()
    with pytest.raises(ValidationError):
        services.payout_record(
            application=application,
            acting_user=officer,
            amount=Decimal("30000"),
            paid_on=timezone.localdate(),
        )


@pytest.fixture
def reported(complete, officer, member):
    application = _granted(complete, officer)
    services.payout_record(
        application=application,
        acting_user=officer,
        amount=Decimal("30000"),
        paid_on=timezone.localdate(),
    )
    services.report_back_submit(
        application=application,
        acting_user=member,
        description="Fyra veckor fotboll.",
        amount_used=Decimal("25000"),
    )
    application.refresh_from_db()
    return application


def test_an_approved_report_back_closes_the_case(reported, officer):
    services.report_back_review(application=reported, acting_user=officer, review="approved")
    reported.refresh_from_db()
    assert reported.status == Status.CLOSED
    assert reported.case.closed_at is not None


def test_a_repayment_claim_is_opened_for_money_not_used(reported, officer):
    factories.delegate(reported.programme, Role.OFFICER, user=officer)  # holds point 5.1
    services.report_back_review(
        application=reported,
        acting_user=officer,
        review="repayment",
        note="5 000 kr användes inte.",
        repayment_amount=Decimal("5000"),
    )
    reported.refresh_from_db()
    assert reported.status == Status.REPAYMENT_CLAIMED
    assert reported.repayment_claims.get().amount == Decimal("5000")


def test_asking_for_more_opens_a_new_report_back_deadline(reported, officer):
    services.report_back_review(
        application=reported, acting_user=officer, review="more_requested", note="Bifoga kvitton."
    )
    reported.refresh_from_db()
    assert reported.status == Status.MORE_REPORT_REQUESTED
    assert reported.case.deadlines.filter(kind="report_back", met_at__isnull=True).count() == 1


def test_a_decision_tells_the_organisation_and_asks_for_the_letter(
    complete, officer, member, django_capture_on_commit_callbacks
):
    from documents.kinds import Kind
    from documents.models import Document
    from notifications.models import Notification

    _assess(complete, officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            no_conflict_of_interest=True,
            application=complete,
            acting_user=factories.delegate(complete.programme),
            outcome="approved",
            amount_granted=Decimal("30000"),
            reasons="Uppfyller villkoren.",
        )
    letter = Document.objects.get(case=complete.case, kind=Kind.DECISION_LETTER)
    assert letter.is_final and letter.rendered_at is not None
    assert letter.context["appeal"]["route"] == "legality_review"
    assert letter.context["decided_by"]["authority"] == "delegation"
    assert Notification.objects.filter(recipient=member, kind="decision").exists()


@pytest.fixture
def paid(complete, officer):
    application = _granted(complete, officer)
    services.payout_record(
        application=application,
        acting_user=officer,
        amount=Decimal("30000"),
        paid_on=timezone.localdate(),
    )
    application.refresh_from_db()
    return application


def test_a_report_back_keeps_its_attachments(paid, member):
    from .conftest import pdf

    report = services.report_back_submit(
        application=paid,
        acting_user=member,
        description="Fyra veckor fotboll.",
        amount_used=Decimal("30000"),
        attachments=[pdf("kvitton.pdf"), pdf("foto.pdf", b"x")],
    )
    assert sorted(report.attachments.values_list("original_name", flat=True)) == [
        "foto.pdf",
        "kvitton.pdf",
    ]
    assert all(a.application_id == paid.pk for a in report.attachments.all())


def test_one_bad_report_back_attachment_stores_nothing(paid, member):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from funding.models import Attachment, ReportBack

    from .conftest import pdf

    disguised = SimpleUploadedFile("kvitto.pdf", b"MZ\x90\x00 not a pdf")
    good = pdf("kvitton.pdf", b"unique report-back receipt")
    sha = hashlib.sha256(good.read()).hexdigest()
    good.seek(0)
    with pytest.raises(ValidationError) as refused:
        services.report_back_submit(
            application=paid,
            acting_user=member,
            description="Klart.",
            amount_used=Decimal("30000"),
            attachments=[good, disguised],
        )
    assert "attachments" in refused.value.message_dict
    assert not ReportBack.objects.exists() and not Attachment.objects.exists()
    assert not default_storage.exists(f"funding/{paid.pk}/{sha}.pdf")
    paid.refresh_from_db()
    assert paid.status == Status.PAID


def test_the_memo_is_only_for_applications_the_board_decides(complete, officer):
    _assess(complete, officer, amount="30000")
    with pytest.raises(ValidationError):
        services.board_memo_request(
            application=complete,
            acting_user=officer,
            summary="Sammanfattning.",
            proposal="Bevilja.",
            meeting_date=timezone.localdate(),
        )


def test_the_memo_goes_to_the_board_with_the_proposal(
    eligible_organisation, programme, member, officer, django_capture_on_commit_callbacks
):
    from documents.kinds import Kind

    draft = factories.funding_draft(
        eligible_organisation, programme, member, amount_applied=Decimal("80000")
    )
    submitted = services.application_submit(application=draft, acting_user=member)
    complete = services.application_mark_complete(application=submitted, acting_user=officer)
    _assess(complete, officer, amount="80000")
    with django_capture_on_commit_callbacks(execute=True):
        memo = services.board_memo_request(
            application=complete,
            acting_user=officer,
            summary="Föreningen söker 80 000 kr.",
            proposal="Fritidsnämnden beviljar 80 000 kr.",
            meeting_date=timezone.localdate(),
        )
    memo.refresh_from_db()
    assert memo.kind == Kind.BOARD_MEMO and memo.is_final and memo.rendered_at is not None
    assert memo.context["planning"][0]["body"] == complete.programme.board.name
    assert AuditEvent.objects.filter(case=complete.case, action="board_memo_written").exists()
