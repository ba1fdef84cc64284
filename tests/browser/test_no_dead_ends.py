"""End to end in Chromium: no journey has a dead end. Back after sending shows the
application; an association's tasks open from its start page, at once, and the supplement task
links to the parts to change; its drafts are on the start page; the funding finder's city
programmes lead to starting an application; the sender is told by e-mail, with a link to the
application; the signing page links the very PDF that is signed; officers see the declared
other funding and the total cost on their task page."""

import datetime as dt
import hashlib
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from funding import services as funding_services
from funding.models import FundingApplication
from partnerships import documents as agreement_documents
from tests import factories
from tests.driver import open_tasks
from tests.workflows import iop_steps
from workflows.funding import services as flow_services
from workflows.models.base import task_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, site_url: str, username: str) -> None:
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-password-1")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")


def test_back_after_sending_shows_the_application(page: Page, live_server, organisation, axe):
    factories.eligible(organisation)
    application = factories.funding_draft(organisation, title="Sommarfotboll")
    _log_in(page, live_server.url, application.created_by.username)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/check/")
    page.get_by_role("button", name="Skicka ansökan").click()
    detail = f"{live_server.url}/funding/applications/{application.pk}/"
    page.wait_for_url(detail)
    expect(page.get_by_text("Er ansökan är skickad", exact=False).first).to_be_visible()

    page.go_back()
    page.wait_for_url(detail)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sommarfotboll")
    expect(page.get_by_text("Ansökan är skickad. Så här ser den ut")).to_be_visible()
    axe.check(page)
    assert axe.violations == {}, axe.report()


def test_the_supplement_task_opens_from_the_start_page_and_links_to_the_parts(
    page: Page, live_server, organisation, axe
):
    process = factories.funding_process(organisation)
    officer = Client()
    officer.force_login(factories.staff())
    (check,) = open_tasks(process, "check_complete")
    officer.post(task_url(check, "assign"))
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    officer.post(
        task_url(check, "execute"),
        {"result": "supplement", "message": "Bifoga budgeten.", "due_on": due},
    )
    member = factories.member(organisation)

    _log_in(page, live_server.url, member.username)
    page.get_by_role("link", name="Komplettera ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Komplettera ansökan")
    expect(page.get_by_text("Bifoga budgeten.")).to_be_visible()
    axe.check(page)
    parts = page.get_by_role("navigation", name="Ändra ansökan")
    parts.get_by_role("link", name="Bilagor").click()
    page.wait_for_url(
        f"{live_server.url}/funding/applications/{process.artifact_object_id}/attachments/"
    )
    assert axe.violations == {}, axe.report()


def test_drafts_appear_on_the_start_page_and_open(page: Page, live_server, organisation, axe):
    draft = factories.funding_draft(organisation, title="Läxhjälp på lördagar")
    _log_in(page, live_server.url, draft.created_by.username)
    drafts = page.get_by_role("region", name="Utkast som inte skickats än")
    drafts.get_by_role("link", name="Läxhjälp på lördagar").click()
    page.wait_for_url(f"{live_server.url}/funding/applications/{draft.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Läxhjälp på lördagar")
    axe.check(page)
    assert axe.violations == {}, axe.report()


def test_a_city_programme_in_the_finder_leads_to_starting_an_application(
    page: Page, live_server, member, axe
):
    programme = factories.FundingProgrammeFactory(name="Sommarlovsbidraget")
    factories.FundingSourceFactory(
        name="Sommarlovsbidraget", keywords="fotboll", programme=programme, provider_kind="city"
    )
    _log_in(page, live_server.url, member.username)
    page.get_by_role("link", name="Hitta finansiering som passar ert projekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hitta finansiering som passar ert projekt"
    )
    page.get_by_role("textbox", name="Vad projektet ska göra").fill("Fotboll för unga")
    page.get_by_role("textbox", name="Belopp som behövs (kr)").fill("20 000")
    page.get_by_role("button", name="Hitta finansiering").click()
    axe.check(page)
    page.get_by_role("link", name="Sök Sommarlovsbidraget här").click()
    page.wait_for_url(f"{live_server.url}/funding/apply/?programme={programme.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Påbörja en ansökan")
    axe.check(page)
    page.get_by_label("Aktivitetens namn").fill("Fotboll i Rosengård")
    page.get_by_role("button", name="Påbörja ansökan").click()
    page.wait_for_url(re.compile(r"/funding/applications/\d+/$"))
    assert FundingApplication.objects.get(title="Fotboll i Rosengård").programme == programme
    assert axe.violations == {}, axe.report()


def test_a_confirmation_email_goes_out_and_leads_to_the_application(
    page: Page, live_server, organisation, mailoutbox
):
    factories.eligible(organisation)
    application = factories.funding_draft(organisation, title="Sommarfotboll")
    _log_in(page, live_server.url, application.created_by.username)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/check/")
    page.get_by_role("button", name="Skicka ansökan").click()
    page.wait_for_url(f"{live_server.url}/funding/applications/{application.pk}/")
    application.refresh_from_db()
    number = application.case.case_number
    (email,) = [message for message in mailoutbox if number in message.subject]
    assert email.to == [application.created_by.email]
    assert email.subject == f"Samverkansportalen: Er ansökan {number} har tagits emot"
    (link,) = re.findall(r"https?://\S+/funding/applications/\d+/", email.body)
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sommarfotboll")
    expect(page.get_by_text(number).first).to_be_visible()


def test_officers_see_the_total_cost_and_other_funding_on_their_task_page(
    page: Page, live_server, organisation, axe
):
    factories.eligible(organisation)
    draft = factories.funding_draft(organisation, total_cost=Decimal(52_000))
    member = draft.created_by
    funding_services.other_funding_set(
        application=draft,
        acting_user=member,
        rows=[{"funder": "Arvsfonden", "board": None, "amount": Decimal(5000), "state": "granted"}],
    )
    flow_services.application_submit(application=draft, acting_user=member)
    officer = factories.staff()

    _log_in(page, live_server.url, officer.username)
    waiting = page.get_by_role("region", name="Lediga uppgifter")
    waiting.get_by_role("link", name="Kontrollera att ansökan är komplett").click()
    page.get_by_role("button", name="Ta uppgiften och börja").click()
    page.wait_for_url(re.compile(r"/execute/$"))
    money = page.get_by_role("region", name="Ekonomi och annan finansiering")
    expect(money).to_contain_text("52 000 kr")
    expect(money).to_contain_text("Arvsfonden: 5 000 kr (beviljad)")
    axe.check(page)
    assert axe.violations == {}, axe.report()


def test_the_signing_task_opens_at_once_and_links_the_very_pdf_signed(
    page: Page, live_server, organisation, axe
):
    cast = iop_steps.one_board_cast(organisation)
    process = factories.iop_process(organisation, boards=[cast["board"]], user=cast["member"])
    iop_steps.to_signing(Client(), cast["officer"], process, {cast["board"]: cast["secretary"]})
    document = agreement_documents.final_agreement(process.inquiry)

    _log_in(page, live_server.url, cast["member"].username)
    expect(page.get_by_text("Du har ingen påbörjad uppgift.")).to_be_visible()
    ours = page.get_by_role("region", name="Er organisations uppgifter")
    expect(ours.get_by_role("link", name="Skriv under avtalet")).to_be_visible()
    # The menu's list of waiting tasks, like the start page, opens the task without a step to
    # take it first: it is the organisation's own.
    page.get_by_role("link", name="Lediga uppgifter").click()
    page.get_by_role("link", name="Skriv under avtalet").click()
    page.wait_for_url(re.compile(r"/sign/\d+/execute/$"))
    expect(page.get_by_text(document.sha256)).to_be_visible()
    axe.check(page)
    link = page.get_by_role("link", name=f"dokumentversion {document.version} (PDF)")
    pdf = page.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    with document.file.open("rb") as stored:
        assert pdf.body() == stored.read()
    assert hashlib.sha256(pdf.body()).hexdigest() == document.sha256

    page.goto(f"{live_server.url}/")
    page.get_by_role("region", name="Mina uppgifter").get_by_role(
        "link", name="Skriv under avtalet"
    ).click()
    page.wait_for_url(re.compile(r"/sign/\d+/execute/$"))
    page.get_by_label("Jag bekräftar att jag skriver under avtalet").check()
    page.get_by_role("button", name="Skriv under", exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    signing = document.signings.get()
    assert signing.sha256 == document.sha256 and signing.signer == cast["member"]
    assert axe.violations == {}, axe.report()
