"""In Chromium: the officer claims back a grant never reported; a refused amount comes back on
its field with what was typed, the accepted claim is shown, and the page passes axe."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from casework.models import Deadline
from funding.models import RepaymentClaim
from organisations.models import Role
from tests import factories
from tests.browser.steps import log_in_in_english
from tests.workflows.funding_steps import walk_to_report_back

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_claims_back_a_grant_never_reported(
    page: Page, live_server, organisation, axe, csp_violations
):
    officer = factories.staff(Role.OFFICER, username="handlaggare-tre")
    officer.set_password("demo")
    officer.save()
    process = factories.funding_process(organisation)
    walk_to_report_back(Client(), process, officer, factories.staff(Role.DELEGATE))
    application = process.application
    factories.delegate(application.programme, Role.OFFICER, user=officer)  # points 5.1–5.3
    Deadline.objects.filter(case=application.case, kind=Deadline.Kind.REPORT_BACK).update(
        due_on=timezone.localdate() - timedelta(days=3), reminders_sent=[21, 3]
    )

    log_in_in_english(page, live_server.url, "handlaggare-tre")
    page.goto(live_server.url + reverse("funding:repayment", args=[application.pk]))
    page.get_by_label("Amount to repay (kr)").fill("99999")
    page.get_by_label("Reasons for the decision").fill("Ingen redovisning har kommit in.")
    page.get_by_role("button", name="Decide the repayment claim").click()
    expect(page.locator("#id_claim-amount_error")).to_contain_text("30")
    expect(page.get_by_label("Reasons for the decision")).to_have_value(
        "Ingen redovisning har kommit in."
    )
    axe.check(page)

    page.get_by_label("Amount to repay (kr)").fill("30000")
    page.get_by_role("button", name="Decide the repayment claim").click()
    expect(page.get_by_text("No report-back by the deadline")).to_be_visible()
    axe.check(page)
    assert RepaymentClaim.objects.get().amount == 30000
    assert axe.violations == {}
    assert csp_violations == []
