"""The officer's repayment page: a refused form comes back with its errors and what was typed;
an accepted one decides, records or writes off, and the claim is shown on the page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Deadline
from funding.models import RepaymentClaim, Status
from organisations.models import Role
from tests import factories
from tests.workflows.funding_steps import walk_to_report_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(client, organisation):
    officer, delegate = factories.staff(Role.OFFICER), factories.staff(Role.DELEGATE)
    process = factories.funding_process(organisation)
    walk_to_report_back(client, process, officer, delegate)
    application = process.application
    factories.delegate(application.programme, Role.OFFICER, user=officer)
    # The deadline passed and the reminders went (the daily job is not run here).
    Deadline.objects.filter(case=application.case, kind=Deadline.Kind.REPORT_BACK).update(
        due_on=timezone.localdate() - timedelta(days=3), reminders_sent=[21, 3]
    )
    client.force_login(officer)
    return application, reverse("funding:repayment", args=[application.pk])


def test_a_refused_claim_shows_its_errors_and_keeps_what_was_typed(client, overdue):
    application, url = overdue
    response = client.post(
        url, {"action": "claim", "claim-amount": "99999", "claim-reasons": "Ingen redovisning."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_claim-amount_error"' in page and "Ingen redovisning." in page
    assert not RepaymentClaim.objects.exists()


def test_the_officer_decides_the_claim_records_money_and_the_case_closes(client, overdue):
    application, url = overdue
    response = client.post(
        url,
        {"action": "claim", "claim-amount": "30000", "claim-reasons": "Ingen redovisning."},
    )
    assert response.status_code == 302
    claim = RepaymentClaim.objects.get()
    page = client.get(url).content.decode()
    assert "Ingen redovisning." in page
    data = {
        "action": "receive",
        "claim": claim.pk,
        "receive-amount": "30000",
        "receive-received_on": timezone.localdate().isoformat(),
    }
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert RepaymentClaim.objects.get().status == RepaymentClaim.Status.PAID


def test_a_write_off_without_a_reason_is_refused_on_the_page(client, overdue):
    application, url = overdue
    client.post(url, {"action": "claim", "claim-amount": "100", "claim-reasons": "Ingen."})
    claim = RepaymentClaim.objects.get()
    response = client.post(url, {"action": "write_off", "claim": claim.pk, "write_off-reason": ""})
    assert response.status_code == 400
    assert 'id="id_write_off-reason_error"' in response.content.decode()
    assert RepaymentClaim.objects.get().status == RepaymentClaim.Status.OPEN
    assert Decimal(claim.amount) == Decimal("100")


@pytest.mark.parametrize("claim", ["abc", "99999999999999999999999", ""])
def test_a_forged_claim_id_is_not_found(client, overdue, claim):
    application, url = overdue
    response = client.post(url, {"action": "write_off", "claim": claim, "write_off-reason": "x"})
    assert response.status_code == 404
