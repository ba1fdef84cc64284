"""The follow-up pages: who may open them, what they show, and the report as a PDF."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework.models import Deadline, PriorityTheme
from followup.models import NarrativeSection
from organisations.models import Role
from partnerships.models.inquiry import Status as IOP
from tests import factories
from tests.followup import builders as b
from tests.followup.conftest import YEAR

PAGES = [
    ("followup:dashboard", ""),
    ("followup:annual_report", f"?year={YEAR}"),
    ("followup:annual_report_pdf", f"?year={YEAR}"),
    ("followup:mapping", f"?year={YEAR}"),
    ("followup:narrative_sections", f"?year={YEAR}"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name, query", PAGES)
@pytest.mark.parametrize("who", ["member", "signatory", "board_secretary"])
def test_people_who_do_not_see_every_case_get_404(client, name, query, who):
    if who == "board_secretary":
        user = factories.staff(Role.BOARD_SECRETARY, board=factories.BoardFactory())
    else:
        user = factories.member(role=Role.SIGNATORY if who == "signatory" else Role.MEMBER)
    client.force_login(user)
    assert client.get(reverse(name) + query).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name, query", PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, name, query):
    response = client.get(reverse(name) + query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICER, Role.COORDINATOR])
@pytest.mark.parametrize("name, query", PAGES)
def test_officers_and_coordinators_open_every_follow_up_page(client, role, name, query):
    client.force_login(factories.staff(role))
    assert client.get(reverse(name) + query).status_code == 200


@pytest.mark.django_db
def test_a_delegate_reads_the_report_but_does_not_write_its_sections(client):
    client.force_login(factories.staff(Role.DELEGATE))
    assert client.get(reverse("followup:annual_report")).status_code == 200
    assert client.get(reverse("followup:narrative_sections")).status_code == 404


def test_the_report_page_shows_the_figures_charts_and_sections(client, world):
    client.force_login(world.officer)
    page = client.get(reverse("followup:annual_report"), {"year": YEAR}).content.decode()
    assert "Återstart" in page
    assert "Dialogforum i november" in page
    assert page.count("<svg") == 3
    assert world.inquiries["signed_and_ended"].case.case_number in page


def test_the_report_pdf_holds_the_figures_and_the_sections(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("followup:annual_report_pdf"), {"year": YEAR})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="arsrapport-{YEAR}.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Årsrapport {YEAR}" in text
    assert "Återstart" in text
    assert "Dialogforum i november" in text
    assert "Program 1" in text and "Förening Y" in text
    assert world.inquiries["signed_and_ended"].case.case_number in text


def test_an_officer_writes_a_section_and_it_is_recorded(client, officer):
    client.force_login(officer)
    url = reverse("followup:narrative_sections") + f"?year={YEAR}"
    response = client.post(
        url,
        {"topic": "education", "heading": "Lärandeluncher", "text": "Sex luncher.", "position": 1},
    )
    assert response.status_code == 302
    section = NarrativeSection.objects.get(year=YEAR)
    assert (section.heading, section.updated_by) == ("Lärandeluncher", officer)
    from casework.models import AuditEvent

    assert AuditEvent.objects.filter(
        action="narrative_section_written", target_id=str(section.pk), actor=officer
    ).exists()


def test_a_section_without_a_heading_is_refused_with_an_error_summary(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("followup:narrative_sections") + f"?year={YEAR}",
        {"topic": "events", "heading": "", "text": "Text", "position": 0},
    )
    assert response.status_code == 400
    assert 'href="#id_heading"' in response.content.decode()
    assert not NarrativeSection.objects.exists()


def test_an_officer_changes_and_removes_a_section(client, officer):
    section = NarrativeSection.objects.create(
        year=YEAR, topic="events", heading="Gammal", text="Text", updated_by=officer
    )
    client.force_login(officer)
    url = reverse("followup:narrative_section_edit", kwargs={"pk": section.pk})
    client.post(url, {"topic": "events", "heading": "Ny", "text": "Text", "position": 0})
    section.refresh_from_db()
    assert section.heading == "Ny"
    client.post(url, {"delete": "1"})
    assert not NarrativeSection.objects.exists()


def test_the_dashboard_counts_open_cases_by_stage_and_age_and_links_to_the_list(client, officer):
    now = timezone.now()
    for age in (5, 10, 100, 200):
        b.inquiry(IOP.INVESTIGATION, registered=now - timedelta(days=age))
    b.inquiry(IOP.ACTIVE, registered=now - timedelta(days=3))
    client.force_login(officer)
    response = client.get(reverse("followup:dashboard"))
    row = next(row for row in response.context["iop_stages"] if row.status == IOP.INVESTIGATION)
    assert (row.total, row.by_age) == (4, [2, 0, 1, 1])
    assert IOP.ACTIVE not in {row.status for row in response.context["iop_stages"]}
    page = response.content.decode()
    assert reverse("casework:case_list") + "?kind=iop_inquiry&amp;open_only=on" in page
    assert reverse("workflows:queue") + "?overdue=1" in page


def test_the_dashboard_shows_budget_used_and_the_late_and_upcoming_deadlines(client, officer):
    programme = factories.FundingProgrammeFactory(budget=100_000)
    type(programme).objects.filter(pk=programme.pk).update(budget_remaining=25_000)
    cases = {offset: factories.CaseFactory() for offset in (-2, 3, 30)}
    today = timezone.localdate()
    for offset, case in cases.items():
        Deadline.objects.create(
            case=case,
            kind=Deadline.Kind.OTHER,
            audience=Deadline.Audience.STAFF,
            due_on=today + timedelta(days=offset),
        )
    client.force_login(officer)
    response = client.get(reverse("followup:dashboard"))
    budget = next(row for row in response.context["budgets"] if row.name == programme.name)
    assert (budget.used, budget.used_percent) == (75_000, 75)
    assert response.context["deadline_counts"] == {"overdue": 1, "upcoming": 1}
    assert [d.case for d in response.context["late_deadlines"]] == [cases[-2]]
    assert [d.case for d in response.context["deadlines"]] == [cases[3]]
    assert cases[30].case_number not in response.content.decode()


def test_the_menu_links_staff_to_the_follow_up_pages(client, officer):
    PriorityTheme.objects.create(year=YEAR, title="Återstart")
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert reverse("followup:dashboard") in page


def test_the_dashboard_counts_overdue_tasks_waiting_in_the_officers_queue(client, officer):
    from viewflow.workflow.models import Task

    process = factories.funding_process()
    task = Task.objects.filter(process=process, status="NEW").get()
    Deadline.objects.create(
        case=process.artifact.case,
        kind=Deadline.Kind.OTHER,
        audience=Deadline.Audience.STAFF,
        due_on=timezone.localdate() - timedelta(days=1),
        task_id=task.pk,
    )
    client.force_login(officer)
    response = client.get(reverse("followup:dashboard"))
    assert response.context["overdue"] == {"inbox": 0, "queue": 1}


def test_the_menu_has_no_follow_up_link_for_an_association_member(client, member):
    client.force_login(member)
    page = client.get(reverse("home")).content.decode()
    assert reverse("followup:dashboard") not in page
