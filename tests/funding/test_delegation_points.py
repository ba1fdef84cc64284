"""Repayment claims, their write-offs and special decisions rejecting a demand for a decision are
bound to points of the board's delegation order: only a person who holds the point for that
kind of matter, from the programme's board, decides; an administrator never does; the decision
and its letter name the point and the board (docs/legal.md, "Repayment claims, delay and demands
for a decision")."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework import services as case_services
from casework.models import AuditEvent, Deadline
from documents import rendering
from documents.kinds import Kind
from funding import claim_letters, services
from funding.actions import FundingAction
from funding.delegation import route_for
from funding.models import Decider, DelegationRule, Matter, RepaymentClaim
from organisations.models import DelegationHolding, Role
from tests import factories

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


@pytest.fixture
def paid(draft, member):
    """A grant of 30 000 kr paid out, its report-back overdue after two reminders."""
    officer = factories.staff(Role.OFFICER)
    application = services.application_submit(application=draft, acting_user=member)
    services.application_mark_complete(application=application, acting_user=officer)
    criterion = application.programme.criteria.get()
    services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=Decimal("30000"),
        summary="Bra.",
        scores={criterion.pk: (4, "")},
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
    # The daily reminder job is not run here: the deadline is put in the past with its reminders.
    Deadline.objects.filter(case=application.case, kind=Deadline.Kind.REPORT_BACK).update(
        due_on=timezone.localdate() - timedelta(days=5), reminders_sent=[21, 3]
    )
    application.refresh_from_db()
    return application


def _claim(application, user, amount="30000"):
    return services.repayment_claim_unreported(
        application=application,
        acting_user=user,
        amount=Decimal(amount),
        reasons="Ingen återrapportering har kommit in.",
    )


def _refused(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def test_an_officer_without_the_point_for_claims_cannot_claim(paid):
    officer = factories.staff(Role.OFFICER)
    message = _refused(lambda: _claim(paid, officer))
    assert message == (
        f"Du har inte punkten för ”Återkrav” i delegationsordningen från "
        f"{paid.programme.board} (punkt 5.1)."
    )
    assert not RepaymentClaim.objects.exists()


def test_the_point_for_grants_is_not_the_point_for_claims(paid):
    officer = factories.staff(Role.OFFICER)
    DelegationHolding.objects.create(user=officer, board=paid.programme.board, point="4.1")
    assert "punkt 5.1" in _refused(lambda: _claim(paid, officer))


def test_a_point_held_from_another_board_gives_no_right_to_claim(paid):
    officer = factories.staff(Role.OFFICER)
    DelegationHolding.objects.create(user=officer, board=factories.BoardFactory(), point="5.1")
    assert "punkt 5.1" in _refused(lambda: _claim(paid, officer))


def test_the_holder_of_the_point_claims_and_the_claim_names_the_point_and_the_board(paid):
    officer = factories.delegate(paid.programme, Role.OFFICER)
    claim = _claim(paid, officer)
    board = paid.programme.board.name
    assert claim.authority == f"punkt 5.1 i {board.lower()}s delegationsordning"
    text = _text(rendering.render_pdf(Kind.REPAYMENT_CLAIM, claim_letters.claim_context(claim)))
    assert (
        f"med stöd av delegation från {board} enligt punkt 5.1 i {board.lower()}s "
        "delegationsordning" in text
    )


def test_a_claim_above_the_limit_of_the_point_is_refused(paid):
    paid.programme.delegation_rules.filter(matter=Matter.REPAYMENT_CLAIM).update(
        up_to_amount=Decimal("10000")
    )
    officer = factories.delegate(paid.programme, Role.OFFICER)
    message = _refused(lambda: _claim(paid, officer, "30000"))
    assert "delegerar inte ”Återkrav” här: nämnden beslutar" in message
    assert _claim(paid, officer, "10000").amount == Decimal("10000")


def test_an_administrator_never_claims_writes_off_or_rejects_a_demand(paid):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    refusal = "En administratör förvaltar systemet"
    assert refusal in _refused(lambda: _claim(paid, admin))
    claim = _claim(paid, factories.delegate(paid.programme, Role.OFFICER))
    assert refusal in _refused(
        lambda: services.repayment_write_off(claim=claim, acting_user=admin, reason="Upplöst.")
    )


def test_a_write_off_needs_the_point_for_write_offs_and_keeps_it(paid):
    officer = factories.delegate(paid.programme, Role.OFFICER)
    claim = _claim(paid, officer)
    other = factories.staff(Role.OFFICER)
    DelegationHolding.objects.create(user=other, board=paid.programme.board, point="5.1")
    assert "punkt 5.2" in _refused(
        lambda: services.repayment_write_off(claim=claim, acting_user=other, reason="Upplöst.")
    )
    claim = services.repayment_write_off(claim=claim, acting_user=officer, reason="Upplöst.")
    assert claim.write_off_authority.startswith("punkt 5.2 i ")
    assert claim.status == RepaymentClaim.Status.WRITTEN_OFF
    assert AuditEvent.objects.filter(action=FundingAction.REPAYMENT_WRITTEN_OFF).exists()


@pytest.fixture
def demanded(draft, member):
    application = services.application_submit(application=draft, acting_user=member)
    case_services.case_decision_demand_register(
        case=application.case,
        acting_user=factories.staff(Role.OFFICER),
        demanded_on=timezone.localdate(),
    )
    application.refresh_from_db()
    return application


def test_a_special_decision_needs_its_point_and_its_letter_names_it(demanded):
    reasons = "Ansökan avgörs vid nämndens sammanträde."
    officer = factories.staff(Role.OFFICER)
    assert "punkt 5.3" in _refused(
        lambda: services.application_demand_reject(
            application=demanded, acting_user=officer, reasons=reasons
        )
    )
    factories.delegate(demanded.programme, Role.OFFICER, user=officer)
    rejection = services.application_demand_reject(
        application=demanded, acting_user=officer, reasons=reasons
    )
    board = demanded.programme.board.name
    context = claim_letters.demand_rejection_context(rejection, demanded)
    text = _text(rendering.render_pdf(Kind.DEMAND_REJECTION, context))
    assert (
        f"med stöd av delegation från {board} enligt punkt 5.3 i {board.lower()}s "
        "delegationsordning" in text
    )


def test_an_administrator_never_takes_a_special_decision(demanded):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert "En administratör förvaltar systemet" in _refused(
        lambda: case_services.case_decision_demand_reject(
            case=demanded.case, acting_user=admin, reasons="Nej.", decider_title="", authority=""
        )
    )


def test_the_repayment_page_says_who_may_not_decide_and_offers_no_form(client, paid):
    officer = factories.staff(Role.OFFICER)
    client.force_login(officer)
    url = reverse("funding:repayment", args=[paid.pk])
    page = client.get(url).content.decode()
    assert "Du får inte besluta detta" in page
    assert "Du har inte punkten för ”Återkrav”" in page
    assert 'name="claim-amount"' not in page
    # Sent anyway (an old tab): refused, and the page says why.
    data = {"action": "claim", "claim-amount": "30000", "claim-reasons": "Ingen rapport."}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Du har inte punkten för ”Återkrav”" in response.content.decode()
    assert not RepaymentClaim.objects.exists()
    factories.delegate(paid.programme, Role.OFFICER, user=officer)
    page = client.get(url).content.decode()
    assert 'name="claim-amount"' in page and "Du får inte besluta detta" not in page


def test_points_for_claims_never_route_a_grant(programme):
    """A claim point without a limit does not make the officer decide a grant of any size."""
    assert route_for(programme, Decimal("80000")).decider == Decider.BOARD
    assert route_for(programme, Decimal("15000")).delegation_point == "4.1"


BEFORE = [("funding", "0010_delegation_rules_get_their_board")]
AFTER = [("funding", "0011_delegation_points_for_claims_write_offs_and_demands")]


@pytest.mark.django_db(transaction=True)
def test_existing_rules_stay_grant_decisions_after_the_migration():
    programme = factories.FundingProgrammeFactory(rules=False)
    DelegationRule.objects.create(
        programme=programme, up_to_amount=20_000, decider="officer", delegation_point="4.1"
    )
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("funding", "DelegationRule")
        assert "matter" not in {field.name for field in old._meta.get_fields()}
        old.objects.create(programme_id=programme.pk, board_id=programme.board_id, decider="board")
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps.get_model("funding", "DelegationRule")
        matters = new.objects.filter(programme_id=programme.pk).values_list("matter", flat=True)
        assert list(matters) == ["grant", "grant"]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_importing_the_register_again_leaves_the_points_for_claims_alone():
    from django.conf import settings
    from django.core.management import call_command

    templates = settings.BASE_DIR / "docs" / "register"
    call_command("import_register", str(templates), stdout=io.StringIO())
    rule = DelegationRule.objects.filter(matter=Matter.GRANT, up_to_amount__isnull=True).first()
    claim_point = DelegationRule.objects.create(
        programme=rule.programme, matter=Matter.REPAYMENT_CLAIM, decider="officer",
        delegation_point="9.1",
    )  # fmt: skip
    out = io.StringIO()
    call_command("import_register", str(templates), stdout=out)
    assert "delegation_rules: 0 skapade, 0 uppdaterade, 3 oförändrade, 0 avvisade" in out.getvalue()
    claim_point.refresh_from_db()
    assert (claim_point.decider, claim_point.delegation_point) == ("officer", "9.1")
