"""The decision letter read back from its PDF: what förvaltningslagen 32–33 §§ and kommunallagen
13 kap. ask of it. And the board's meetings: the protocol's announcement starts the three weeks
to appeal; the list of delegated decisions reported at a meeting can be had again later."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from casework.models import AuditEvent
from documents import rendering
from documents.kinds import Kind
from funding import letters, memos, services
from funding.models import BoardMeeting, Decider, Decision
from funding.models.meetings import appeal_period_end
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _letter(decision: Decision) -> str:
    decision = Decision.objects.get(pk=decision.pk)
    return _text(rendering.render_pdf(Kind.DECISION_LETTER, letters.decision_context(decision)))


@pytest.fixture
def programme(db):
    administration = factories.AdministrationFactory(
        name="Fritidsförvaltningen",
        street_address="Box 1000",
        postal_code="205 80",
        city="Malmö",
        email="fritid@malmo.example",
    )
    board = factories.BoardFactory(name="Fritidsnämnden", code="frn", administration=administration)
    programme = factories.FundingProgrammeFactory(
        board=board, name="Lovaktivitetsbidrag", min_members=25, report_back_days=30
    )
    programme.delegation_rules.filter(decider="officer").update(delegation_point="FRN 4.3")
    programme.delegation_rules.filter(decider="delegate").update(delegation_point="FRN 4.4")
    return programme


@pytest.fixture
def assessor(programme):
    return factories.staff(Role.OFFICER, first_name="Åsa", last_name="Öberg")


def _application(organisation, programme, amount):
    factories.eligible(organisation)
    application = factories.funding_draft(
        organisation, programme, amount_applied=amount, title="Sommarfotboll för unga"
    )
    member = application.created_by
    application = services.application_submit(application=application, acting_user=member)
    return services.application_mark_complete(
        application=application, acting_user=factories.staff(Role.OFFICER)
    )


def _decide(application, assessor, decider, *, outcome, amount, proposal=None, **board):
    criterion = application.programme.criteria.get()
    services.assessment_record(
        application=application,
        acting_user=assessor,
        no_conflict_of_interest=True,
        proposed_outcome=outcome,
        proposed_amount=Decimal(proposal if proposal is not None else amount),
        summary="Bra idé.",
        scores={criterion.pk: (4, "Rimlig budget")},
    )
    for role in (Role.OFFICER, Role.DELEGATE):  # the decider holds the points of the route
        factories.delegate(application.programme, role=role, user=decider)
    return services.decision_record(
        application=application,
        acting_user=decider,
        no_conflict_of_interest=True,
        outcome=outcome,
        amount_granted=Decimal(amount),
        reasons="Aktiviteten är öppen och avgiftsfri och uppfyller villkoren i punkt 1–5.",
        **board,
    )


@pytest.fixture
def granted(organisation, programme, assessor):
    application = _application(organisation, programme, 40_000)
    delegate = factories.staff(Role.DELEGATE, first_name="Örjan", last_name="Åkesson")
    return _decide(application, assessor, delegate, outcome="approved", amount=40_000)


def test_a_grant_states_the_decision_as_a_sentence_with_reasons_rules_and_conditions(
    granted, organisation
):
    text = _letter(granted)
    activity_end = granted.application.activity_end
    assert (
        f"Fritidsnämnden beviljar {organisation.name} 40 000 kr i lovaktivitetsbidrag "
        "för Sommarfotboll för unga." in text
    )
    # FL 32 §: the reasons, with the rules applied by name and point.
    assert "Skäl för beslutet" in text and "uppfyller villkoren i punkt 1–5" in text
    assert "villkoren för Lovaktivitetsbidrag, fastställda av Fritidsnämnden" in text
    assert "Punkt 1: Bidraget kan sökas av idéburna organisationer; högst 100 000 kr" in text
    assert "Punkt 2: Organisationen ska ha minst 25 medlemmar." in text
    # The conditions: report-back date and content, the verified giro, repayment.
    due = activity_end + timedelta(days=30)
    assert f"redovisar senast den {due:%Y-%m-%d} vad som har gjorts" in text
    assert "det använda beloppet" in text
    assert (
        f"betalas bara ut till föreningens kontrollerade bankgiro {organisation.giro_number}"
        in (text)
    )
    assert "betalas tillbaka (återkrav)" in text


def test_a_delegated_decision_names_the_delegate_the_point_and_the_delegating_board(granted):
    text = _letter(granted)
    assert (
        "Örjan Åkesson, enhetschef, med stöd av delegation från Fritidsnämnden enligt "
        "punkt FRN 4.4 i fritidsnämndens delegationsordning" in text
    )
    assert "anmäls till Fritidsnämnden vid nästa sammanträde" in text
    assert "Fritidsnämndens delegationsordning, punkt FRN 4.4." in text


def test_the_letter_names_the_handling_officer_and_the_administration_to_contact(granted):
    text = _letter(granted)
    assert "Kontaktperson: Åsa Öberg, handläggare" in text
    assert "Fritidsförvaltningen Box 1000 205 80 Malmö fritid@malmo.example" in text


def test_the_appeal_goes_to_the_configured_court_within_three_weeks_of_the_announcement(
    granted, settings
):
    settings.APPEAL_COURT = "Förvaltningsrätten i Göteborg"
    settings.APPEAL_COURT_ADDRESS = "Box 1531, 401 50 Göteborg"
    settings.NOTICE_BOARD = "goteborg.se/anslagstavla"
    text = _letter(granted)
    assert "laglighetsprövning enligt 13 kap. kommunallagen (2017:725)" in text
    assert (
        "Överklagandet ska ha kommit in till Förvaltningsrätten i Göteborg inom tre veckor från "
        "den dag då det tillkännagavs på kommunens anslagstavla att protokollet från det "
        "sammanträde där beslutet anmäldes till Fritidsnämnden har justerats." in text
    )
    assert "Kommunens anslagstavla finns på goteborg.se/anslagstavla" in text
    assert (
        "Skicka överklagandet direkt till Förvaltningsrätten i Göteborg, Box 1531, 401 50 Göteborg"
        in text
    )
    # KL 13 kap. 4 §: never to the board.
    assert "Skicka överklagandet till Fritidsnämnden" not in text
    assert "Förvaltningsrätten i Malmö" not in text


def test_a_partial_grant_is_a_sentence_that_rejects_the_rest(organisation, programme, assessor):
    application = _application(organisation, programme, 40_000)
    delegate = factories.staff(Role.DELEGATE)
    decision = _decide(application, assessor, delegate, outcome="partly_approved", amount=25_000)
    text = _letter(decision)
    assert (
        f"Fritidsnämnden beviljar {organisation.name} 25 000 kr i lovaktivitetsbidrag för "
        "Sommarfotboll för unga. Ansökan gällde 40 000 kr; i övrigt avslås ansökan." in text
    )
    assert "Bevilja delvis" not in text


def test_a_rejection_is_a_sentence_and_attaches_no_conditions(organisation, programme, assessor):
    application = _application(organisation, programme, 10_000)
    officer = factories.staff(Role.OFFICER)
    decision = _decide(application, assessor, officer, outcome="rejected", amount=0)
    text = _letter(decision)
    assert (
        f"Fritidsnämnden avslår ansökan från {organisation.name} om lovaktivitetsbidrag för "
        "Sommarfotboll för unga." in text
    )
    assert "Beviljat belopp Inget" in text
    assert "kontrollerade bankgiro" not in text
    assert "laglighetsprövning" in text


@pytest.fixture
def board_decision(organisation, programme, assessor):
    application = _application(organisation, programme, 60_000)
    secretary = factories.staff(
        Role.BOARD_SECRETARY, board=programme.board, first_name="Lena", last_name="Ölund"
    )
    return _decide(
        application,
        assessor,
        secretary,
        outcome="approved",
        amount=60_000,
        meeting_date=date(2026, 11, 18),
        protocol_paragraph="§ 112",
    )


def test_a_board_decision_names_its_meeting_and_is_signed_by_the_secretary_not_the_chair(
    board_decision,
):
    assert board_decision.authority == Decider.BOARD
    assert board_decision.meeting.held_on == date(2026, 11, 18)
    text = _letter(board_decision)
    assert "Beslutet har fattats av Fritidsnämnden vid sammanträdet den 18 november 2026" in text
    assert "protokoll § 112" in text
    assert "För Fritidsnämnden Lena Ölund, nämndsekreterare" in text
    assert "Ordförande" not in text
    assert "protokollet med beslutet har justerats" in text


def test_once_the_protocol_is_announced_the_letter_gives_the_last_day_to_appeal(
    board_decision, programme
):
    secretary = factories.staff(Role.BOARD_SECRETARY, board=programme.board)
    services.meeting_protocol_announce(
        meeting=board_decision.meeting, acting_user=secretary, announced_on=date(2026, 11, 25)
    )
    text = _letter(board_decision)
    assert "Tillkännagivandet gjordes den 25 november 2026" in text
    assert "senast den 16 december 2026" in text
    event = AuditEvent.objects.get(action="protocol_announced")
    assert event.data["appeal_ends_on"] == "2026-12-16"


def test_the_appeal_period_ends_three_weeks_after_the_announcement_on_a_weekday():
    assert appeal_period_end(date(2026, 11, 25)) == date(2026, 12, 16)  # a Wednesday
    assert appeal_period_end(date(2026, 11, 28)) == date(2026, 12, 21)  # Saturday → Monday


def test_a_protocol_is_not_announced_before_its_meeting(board_decision, programme):
    secretary = factories.staff(Role.BOARD_SECRETARY, board=programme.board)
    with pytest.raises(ValidationError):
        services.meeting_protocol_announce(
            meeting=board_decision.meeting, acting_user=secretary, announced_on=date(2026, 11, 1)
        )


def test_a_delegated_decision_reported_at_a_meeting_appeals_from_that_protocol(
    granted, programme, organisation, assessor
):
    secretary = factories.staff(Role.BOARD_SECRETARY, board=programme.board)
    services.decisions_report_to_board(
        board=programme.board,
        acting_user=secretary,
        meeting_date=date(2026, 12, 9),
        protocol_paragraph="§ 130",
    )
    granted.refresh_from_db()
    meeting = granted.reported_at
    assert (meeting.held_on, meeting.delegation_paragraph) == (date(2026, 12, 9), "§ 130")
    assert granted.reported_to_board_on == date(2026, 12, 9)
    services.meeting_protocol_announce(
        meeting=meeting, acting_user=secretary, announced_on=date(2026, 12, 14)
    )
    text = _letter(granted)
    assert "anmäls till Fritidsnämnden vid sammanträdet den 9 december 2026, § 130" in text
    assert "Tillkännagivandet gjordes den 14 december 2026" in text
    assert "senast den 4 januari 2027" in text

    # A later delegated decision does not change the list reported at that meeting.
    later = _application(factories.OrganisationFactory(), programme, 30_000)
    _decide(later, assessor, factories.staff(Role.DELEGATE), outcome="approved", amount=30_000)
    pdf = memos.delegation_list_pdf(
        programme.board, meeting_date=date(2026, 12, 9), acting_user=secretary
    )
    listed = _text(pdf)
    assert granted.application.case.case_number in listed
    assert later.case.case_number not in listed
    assert "Sammanträde 2026-12-09, protokoll § 130" in listed
    assert "tiden för att överklaga går ut den 2027-01-04" in listed
    # The next meeting's list is what is not yet reported.
    upcoming = _text(
        memos.delegation_list_pdf(
            programme.board, meeting_date=date(2027, 1, 20), acting_user=secretary
        )
    )
    assert later.case.case_number in upcoming
    assert granted.application.case.case_number not in upcoming
    assert BoardMeeting.objects.filter(board=programme.board).count() == 1
