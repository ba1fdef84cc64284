"""Repayment claims (återkrav) are decisions: made on a lawful ground, with a letter that gives
the reasons, the amount, the day to pay, how to pay and how to appeal, and followed until the
money is back or the claim is written off."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from casework.models import AuditEvent, Deadline
from documents import rendering
from documents.kinds import Kind
from documents.models import Document
from funding import claim_letters, services
from funding.actions import FundingAction
from funding.models import RepaymentClaim, Status
from organisations.models import Role
from tests import factories
from workflows.funding import services as flow_services

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


@pytest.fixture
def paid(draft, member, officer):
    # The officer decides the claims under the programme board's points 5.1–5.3.
    factories.delegate(draft.programme, Role.OFFICER, user=officer)
    application = services.application_submit(application=draft, acting_user=member)
    services.application_mark_complete(application=application, acting_user=officer)
    criterion = application.programme.criteria.get()
    services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=Decimal("30000"),
        summary="Bra idé.",
        scores={criterion.pk: (4, "Rimlig budget")},
    )
    services.decision_record(
        application=application,
        acting_user=factories.delegate(application.programme),
        no_conflict_of_interest=True,
        outcome="approved",
        amount_granted=Decimal("30000"),
        reasons="Uppfyller kriterierna.",
    )
    services.payout_record(
        application=application,
        acting_user=officer,
        amount=Decimal("30000"),
        paid_on=timezone.localdate(),
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def reported(paid, member):
    services.report_back_submit(
        application=paid,
        acting_user=member,
        description="Två veckor fotboll i stället för fyra.",
        amount_used=Decimal("20000"),
    )
    paid.refresh_from_db()
    return paid


def _claim_for_money_not_used(application, officer, **overrides):
    values = {
        "review": "repayment",
        "note": "Lägret hölls i två veckor i stället för fyra; 10 000 kr användes inte.",
        "repayment_amount": Decimal("10000"),
    }
    values.update(overrides)
    services.report_back_review(application=application, acting_user=officer, **values)
    return application.repayment_claims.get()


def _overdue_and_reminded(application, *, reminded=True) -> Deadline:
    deadline = application.case.deadlines.get(kind=Deadline.Kind.REPORT_BACK)
    # The daily reminder job and the calendar are not run here: the deadline is put in the past,
    # with the reminders the job would have recorded.
    Deadline.objects.filter(pk=deadline.pk).update(
        due_on=timezone.localdate() - timedelta(days=5),
        reminders_sent=[21, 3] if reminded else [],
    )
    return deadline


def test_a_claim_for_money_not_used_is_a_decision_with_reasons_amount_and_due_date(
    reported, officer
):
    due = timezone.localdate() + timedelta(days=45)
    claim = _claim_for_money_not_used(reported, officer, repayment_due_on=due)
    reported.refresh_from_db()
    assert reported.status == Status.REPAYMENT_CLAIMED
    assert claim.ground == RepaymentClaim.Ground.NOT_USED_AS_GRANTED
    assert (claim.amount, claim.due_on, claim.opened_by) == (Decimal("10000"), due, officer)
    assert claim.status == RepaymentClaim.Status.OPEN
    assert "två veckor" in claim.reason


def test_a_claim_without_its_due_date_is_due_in_thirty_days(reported, officer):
    claim = _claim_for_money_not_used(reported, officer)
    assert claim.due_on == timezone.localdate() + timedelta(days=30)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"repayment_amount": Decimal("30000.01")}, "repayment_amount"),
        ({"repayment_amount": None}, "repayment_amount"),
        ({"note": "  "}, "note"),
        ({"repayment_due_on": timezone.localdate()}, "repayment_due_on"),
    ],
)
def test_a_claim_is_refused_over_the_amount_paid_without_reasons_or_due_today(
    reported, officer, overrides, field
):
    with pytest.raises(ValidationError) as refused:
        _claim_for_money_not_used(reported, officer, **overrides)
    assert field in refused.value.message_dict
    reported.refresh_from_db()
    assert reported.status == Status.REPORTED
    assert not reported.repayment_claims.exists()


def test_no_claim_for_a_missing_report_back_before_its_deadline(paid, officer):
    with pytest.raises(ValidationError, match="tiden för återrapporteringen har gått ut"):
        services.repayment_claim_unreported(
            application=paid, acting_user=officer, amount=Decimal("30000"), reasons="Ingen."
        )


def test_no_claim_for_a_missing_report_back_when_no_reminder_was_sent(paid, officer):
    _overdue_and_reminded(paid, reminded=False)
    with pytest.raises(ValidationError, match="påmints"):
        services.repayment_claim_unreported(
            application=paid, acting_user=officer, amount=Decimal("30000"), reasons="Ingen."
        )
    paid.refresh_from_db()
    assert paid.status == Status.PAID


def test_a_missing_report_back_after_deadline_and_reminder_is_claimed_back(paid, officer):
    _overdue_and_reminded(paid)
    claim = services.repayment_claim_unreported(
        application=paid,
        acting_user=officer,
        amount=Decimal("30000"),
        reasons="Ingen redovisning har kommit in.",
    )
    paid.refresh_from_db()
    assert paid.status == Status.REPAYMENT_CLAIMED
    assert claim.ground == RepaymentClaim.Ground.NO_REPORT_BACK
    event = AuditEvent.objects.get(action=FundingAction.REPAYMENT_CLAIMED)
    assert (event.from_state, event.to_state) == (Status.PAID, Status.REPAYMENT_CLAIMED)


def test_the_claim_letter_is_requested_once_when_the_claim_commits(
    reported, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = _claim_for_money_not_used(reported, officer)
    claim_letters.request_claim_letter(claim.pk)  # asked again: not sent again
    letter = Document.objects.get(case=reported.case, kind=Kind.REPAYMENT_CLAIM)
    assert letter.is_final
    assert letter.context["amount"] == "10000.00"


def test_the_claim_letter_reads_as_a_lawful_decision(reported, officer):
    due = timezone.localdate() + timedelta(days=30)
    claim = _claim_for_money_not_used(
        reported, officer, repayment_due_on=due, note="Lägret hölls i två veckor."
    )
    context = claim_letters.claim_context(claim)
    text = _text(rendering.render_pdf(Kind.REPAYMENT_CLAIM, context))
    board = reported.programme.board.name
    organisation = reported.organisation.name
    # The decision as a sentence, the amount and the day to pay.
    assert f"{board} beslutar att {organisation} ska betala tillbaka 10 000 kr" in text
    assert "Belopp att betala tillbaka 10 000 kr" in text
    assert f"Betalas senast {due.day} " in text
    assert f"Beloppet ska vara betalt senast den {due.day} " in text
    # The reasons (förvaltningslagen 32 §), with the ground and the rules applied.
    assert "Skäl för beslutet" in text
    assert "inte har använts till det som det beviljades för" in text
    assert "Lägret hölls i två veckor." in text
    assert "Beslutet grundar sig på" in text
    # How to pay.
    assert "Så betalar ni" in text and reported.case.case_number in text
    # Who decided, on what authority.
    assert (
        f"med stöd av delegation från {board} enligt punkt 5.1 i {board.lower()}s "
        "delegationsordning" in text
    )
    # How to appeal: laglighetsprövning, to the court, within three weeks of the announcement.
    assert "laglighetsprövning enligt 13 kap. kommunallagen" in text
    assert "Förvaltningsrätten i Malmö inom tre veckor" in text
    assert "anslagstavla" in text
    # A contact.
    assert "Frågor om beslutet" in text


def test_money_received_in_part_then_in_full_settles_the_claim_and_closes_the_case(
    reported, officer
):
    claim = _claim_for_money_not_used(reported, officer)
    today = timezone.localdate()
    services.repayment_receive(
        claim=claim, acting_user=officer, amount=Decimal("4000"), received_on=today
    )
    claim.refresh_from_db()
    assert (claim.status, claim.outstanding) == (RepaymentClaim.Status.OPEN, Decimal("6000"))
    with pytest.raises(ValidationError):
        services.repayment_receive(
            claim=claim, acting_user=officer, amount=Decimal("6000.01"), received_on=today
        )
    services.repayment_receive(
        claim=claim, acting_user=officer, amount=Decimal("6000"), received_on=today
    )
    claim.refresh_from_db()
    reported.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.PAID and claim.settled_by == officer
    assert reported.status == Status.CLOSED and reported.case.closed_at is not None
    actions = list(reported.case.events.values_list("action", flat=True))
    assert actions.count(FundingAction.REPAYMENT_RECEIVED) == 2
    assert FundingAction.REPAYMENT_PAID in actions
    with pytest.raises(ValidationError, match="redan avslutat"):
        services.repayment_write_off(claim=claim, acting_user=officer, reason="Sent.")


def test_a_claim_written_off_keeps_its_reason_and_closes_the_case(reported, officer):
    claim = _claim_for_money_not_used(reported, officer)
    with pytest.raises(ValidationError):
        services.repayment_write_off(claim=claim, acting_user=officer, reason=" ")
    services.repayment_write_off(
        claim=claim, acting_user=officer, reason="Föreningen är upplöst och saknar tillgångar."
    )
    claim.refresh_from_db()
    reported.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.WRITTEN_OFF
    assert claim.write_off_reason.startswith("Föreningen är upplöst")
    assert reported.status == Status.CLOSED
    event = reported.case.events.get(action=FundingAction.REPAYMENT_WRITTEN_OFF)
    assert event.reason.startswith("Föreningen är upplöst")
    assert event.action_label  # declared, with a label


def test_a_member_cannot_claim_or_settle(reported, officer, member):
    from django.core.exceptions import PermissionDenied

    claim = _claim_for_money_not_used(reported, officer)
    with pytest.raises(PermissionDenied):
        services.repayment_write_off(claim=claim, acting_user=member, reason="Nej.")


def test_a_claim_for_a_missing_report_back_ends_the_waiting_workflow(client, organisation):
    from tests.driver import open_tasks
    from tests.workflows.funding_steps import walk_to_report_back

    officer, delegate = factories.staff(Role.OFFICER), factories.staff(Role.DELEGATE)
    process = factories.funding_process(organisation)
    walk_to_report_back(client, process, officer, delegate)
    application = process.application
    application.refresh_from_db()
    factories.delegate(application.programme, Role.OFFICER, user=officer)
    _overdue_and_reminded(application)
    flow_services.repayment_claim_unreported(
        application=application,
        acting_user=officer,
        amount=Decimal("30000"),
        reasons="Ingen redovisning har kommit in.",
    )
    assert open_tasks(process) == []
    application.refresh_from_db()
    assert application.status == Status.REPAYMENT_CLAIMED
