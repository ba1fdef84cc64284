"""The joint yearly report's cooperation half, and the memo to the executive board."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.models import ChallengeArea
from cooperation.models import (
    Course,
    Event,
    Initiative,
    Registration,
    SectorCoordination,
    SectorReportSection,
    TrainingRegistration,
    TrainingSession,
)
from cooperation.selectors.yearly_report import cooperation_figures
from funding.models.handling import Outcome
from organisations.models import Role
from partnerships.models.inquiry import Status as IOP
from tests import factories
from tests.followup import builders as b

YEAR = 2025


@pytest.fixture
def year_of_cooperation(db):
    area = ChallengeArea.objects.create(name="Trygghet och delaktighet", slug="trygghet")
    coordinator = factories.staff(Role.COORDINATOR)
    association = factories.OrganisationFactory(name="Föreningen Gröna Gårdar")
    administration = factories.AdministrationFactory(name="Fritidsförvaltningen")

    def event(kind, month, status=Event.Status.HELD):
        return Event.objects.create(
            kind=kind,
            challenge_area=area,
            title=f"{kind} {month}",
            starts_at=b.at(YEAR, month, 10),
            ends_at=b.at(YEAR, month, 10),
            place="Stadshuset",
            status=status,
            created_by=coordinator,
        )

    forum = event(Event.Kind.DIALOGUE_FORUM, 3)
    event(Event.Kind.IDEA_WORKSHOP, 5)
    event(Event.Kind.WORKSHOP, 6, status=Event.Status.CANCELLED)  # not held: not counted
    for organisation, attended in (
        (association, True),
        (association, True),
        (administration, True),
        (administration, False),  # registered, did not come: not counted
    ):
        Registration.objects.create(
            event=forum,
            person=factories.member(organisation),
            organisation=organisation,
            attended=attended,
        )
    inquiry = b.inquiry(IOP.ACTIVE, registered=b.at(YEAR, 6, 1), area=area)
    programme = factories.FundingProgrammeFactory(rules=False)
    application = b.application(
        programme,
        association,
        submitted=b.at(YEAR, 7, 1),
        applied=20_000,
        status="granted",
        user=coordinator,
    )
    b.decision(
        application,
        outcome=Outcome.APPROVED,
        granted=20_000,
        decided=b.at(YEAR, 8, 1),
        user=coordinator,
    )
    for title, made in (
        ("Kvällsfotboll", {"iop_inquiry": inquiry}),
        ("Odlingslotter", {"funding_application": application}),
        ("Läxhjälp", {}),
    ):
        initiative = Initiative.objects.create(
            title=title,
            description="Från dialogforumet",
            challenge_area=area,
            origin_event=forum,
            created_by=coordinator,
            **made,
        )
        Initiative.objects.filter(pk=initiative.pk).update(created_at=b.at(YEAR, 4, 1))
    course = Course.objects.create(title="Medskapa förändring")
    session = TrainingSession.objects.create(course=course, held_on=date(YEAR, 9, 1))
    TrainingRegistration.objects.create(session=session, organisation=association, attended=True)
    SectorCoordination.objects.create(year=YEAR, organisation=association)
    SectorReportSection.objects.create(
        year=YEAR, author_organisation=association, heading="Verkstäder", text="Två verkstäder."
    )
    SectorReportSection.objects.create(
        year=YEAR,
        author_organisation=association,
        challenge_area=area,
        heading="Värdarnas rapport",
        text="Vi höll ett dialogforum.",
    )
    return {"area": area, "inquiry": inquiry, "application": application}


def test_the_cooperation_figures_count_the_years_dialogues_people_and_initiatives(
    year_of_cooperation,
):
    figures = cooperation_figures(YEAR)

    assert figures.dialogues_held == 2
    assert [(t.label, t.count) for t in figures.participants_by_sector][:2] == [
        ("Idéburen sektor", 2),
        ("Offentlig sektor", 1),
    ]
    assert figures.participants == 3
    assert (figures.initiatives_started, figures.initiatives_to_agreements) == (3, 1)
    assert figures.initiatives_to_grants == 1
    assert (figures.training_sessions, figures.training_organisations) == (1, 1)
    assert figures.sector_author == "Föreningen Gröna Gårdar"
    assert [s.heading for s in figures.sector_sections] == ["Verkstäder"]
    [area] = figures.areas
    assert (area.dialogues, area.participants, area.initiatives) == (2, 3, 3)
    assert [r.heading for r in area.reports] == ["Värdarnas rapport"]
    assert cooperation_figures(YEAR + 1).dialogues_held == 0


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_memo_to_the_executive_board_proposes_approval_with_the_mapping_attached(
    client, year_of_cooperation
):
    board = factories.BoardFactory(name="Fritidsnämnden")
    inquiry = year_of_cooperation["inquiry"]
    b.agreement(
        inquiry,
        board=board,
        organisation=factories.OrganisationFactory(name="Kvarterets Idrottsförening"),
        period=(date(YEAR, 1, 1), date(YEAR, 12, 31)),
        signed=b.at(YEAR, 6, 20),
        user=factories.staff(),
    )
    client.force_login(factories.staff(Role.COORDINATOR))

    response = client.get(
        reverse("followup:annual_report_memo_pdf"), {"year": YEAR, "meeting": "2026-05-27"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'tjansteskrivelse-arsrapport-{YEAR}.pdf"')
    text = _pdf_text(response)
    assert "Tjänsteskrivelse" in text
    assert "Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta" in text
    assert f"Kommunstyrelsen godkänner årlig rapport {YEAR}" in text
    assert "Kommunstyrelsen godkänner bifogad kartläggning av samverkan" in text
    assert "Kommunstyrelsen översänder rapport samt kartläggning till alla nämnder" in text
    assert "Beslutsunderlag" in text and "Tjänsteskrivelse KSAU 260527" in text
    assert "Kommunstyrelsens arbetsutskott 2026-05-27" in text
    assert "Beslutet skickas till" in text and "Fritidsnämnden" in text
    assert "hölls 2 dialoger och verkstäder med 3 deltagare" in text
    assert "3 initiativ startades, varav 1 blev idéburna offentliga partnerskap" in text
    assert f"Bilaga 1. Kartläggning av samverkan mellan Malmö stad och idéburen sektor {YEAR}" in (
        text
    )
    assert "Kvarterets Idrottsförening" in text and inquiry.case.case_number in text


def test_the_report_pdf_has_the_cooperation_half_and_the_sectors_own_section(
    client, year_of_cooperation
):
    client.force_login(factories.staff(Role.OFFICER))
    response = client.get(reverse("followup:annual_report_pdf"), {"year": YEAR})
    text = _pdf_text(response)
    assert "Samverkan: dialoger, matchningar och initiativ" in text
    assert "Kvällsfotboll" in text and "avtal ingått" in text
    assert "Odlingslotter" in text and "beviljad" in text
    assert "Värdarnas rapport" in text and "Vi höll ett dialogforum." in text
    assert "Den idéburna sektorns del" in text and "Skriven av Föreningen Gröna Gårdar" in text


def test_a_member_of_an_association_gets_404_for_the_memo(client, year_of_cooperation):
    client.force_login(factories.member(factories.OrganisationFactory()))
    response = client.get(reverse("followup:annual_report_memo_pdf"), {"year": YEAR})
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_sectors_coordinator_writes_a_section_once_and_others_get_404(client):
    coordinating = factories.OrganisationFactory(name="Idéburna Paraplyet")
    SectorCoordination.objects.create(year=YEAR, organisation=coordinating)
    url = f"{reverse('cooperation:sector_sections')}?year={YEAR}"
    client.force_login(factories.member(factories.OrganisationFactory()))
    assert client.get(url).status_code == 404
    client.force_login(factories.member(coordinating))
    token = client.get(url).context["form"]["form_token"].value()
    data = {"form_token": token, "heading": "Verkstäder", "text": "Två verkstäder.", "position": 0}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    section = SectorReportSection.objects.get()
    assert section.author_organisation == coordinating
    response = client.post(url, {**data, "form_token": "", "heading": ""})
    assert response.status_code == 400 and "Två verkstäder." in response.content.decode()
    assert [s.heading for s in cooperation_figures(YEAR).sector_sections] == ["Verkstäder"]
