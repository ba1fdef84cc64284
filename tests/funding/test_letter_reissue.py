"""Once the protocol that starts the time to appeal is announced, the organisation gets a new
version of its decision letter that states the announcement and the last day to appeal; the
version it was sent first stays as it was (kommunallagen 13 kap. 5 §, förvaltningslagen 33 §)."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from documents.kinds import Kind
from documents.models import Document
from funding import services
from notifications.models import Notification
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _text(document: Document) -> str:
    document.refresh_from_db()
    with document.file.open("rb") as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _letters(application) -> list[Document]:
    return list(
        Document.objects.filter(case=application.case, kind=Kind.DECISION_LETTER).order_by(
            "version"
        )
    )


def _application(organisation, amount):
    programme = factories.FundingProgrammeFactory(name="Lovaktivitetsbidrag")
    factories.eligible(organisation)
    draft = factories.funding_draft(organisation, programme, amount_applied=amount)
    application = services.application_submit(application=draft, acting_user=draft.created_by)
    application = services.application_mark_complete(
        application=application, acting_user=factories.staff(Role.OFFICER)
    )
    services.assessment_record(
        application=application,
        acting_user=factories.staff(Role.OFFICER),
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=Decimal(amount),
        summary="Bra idé.",
        scores={programme.criteria.get().pk: (4, "Rimlig budget")},
    )
    return application


@pytest.fixture
def application(organisation):
    return _application(organisation, 40_000)


def _decide(application, decider, capture, **board):
    with capture(execute=True):
        return services.decision_record(
            application=application,
            acting_user=decider,
            no_conflict_of_interest=True,
            outcome="approved",
            amount_granted=application.amount_applied,
            reasons="Aktiviteten uppfyller villkoren.",
            **board,
        )


def test_a_delegated_decision_gets_a_letter_with_the_last_day_once_its_report_is_announced(
    application, django_capture_on_commit_callbacks
):
    delegate = factories.delegate(application.programme)
    decision = _decide(application, delegate, django_capture_on_commit_callbacks)
    [first] = _letters(application)
    first_text, first_sha = _text(first), first.sha256
    assert "anmäls till" in first_text and "vid nästa sammanträde" in first_text
    assert "ska alltså ha kommit in senast" not in first_text

    board = application.programme.board
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    with django_capture_on_commit_callbacks(execute=True):
        services.decisions_report_to_board(
            board=board, acting_user=secretary, meeting_date=date(2026, 11, 30)
        )
        decision.refresh_from_db()
        services.meeting_protocol_announce(
            meeting=decision.reported_at, acting_user=secretary, announced_on=date(2026, 12, 3)
        )

    first_again, second = _letters(application)
    text = _text(second)
    assert second.version == 2 and second.is_final
    # Three weeks end on julafton; juldagen and a weekend follow.
    assert "Tillkännagivandet gjordes den 3 december 2026" in text
    assert "överklagandet ska alltså ha kommit in senast den 28 december 2026" in text
    assert "vid sammanträdet den 30 november 2026" in text
    # The version sent first is never changed.
    assert first_again.sha256 == first_sha and _text(first_again) == first_text
    [told] = Notification.objects.filter(recipient=application.created_by, kind="decision")[:1]
    assert "2026-12-28" in told.title and application.case.case_number in told.title


def test_a_board_decisions_letter_states_the_last_day_once_and_only_once(
    organisation, django_capture_on_commit_callbacks
):
    application = _application(organisation, 60_000)  # beyond every delegation: the board's
    board = application.programme.board
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    decision = _decide(
        application,
        secretary,
        django_capture_on_commit_callbacks,
        meeting_date=date(2027, 3, 1),
        protocol_paragraph="§ 12",
    )
    [first] = _letters(application)
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_protocol_announce(
                meeting=decision.meeting, acting_user=secretary, announced_on=date(2027, 3, 5)
            )
    first_again, second = _letters(application)
    text = _text(second)
    # Three weeks end on Långfredagen; then Easter Saturday, Easter Sunday, annandag påsk.
    assert "Tillkännagivandet gjordes den 5 mars 2027" in text
    assert "senast den 30 mars 2027" in text
    assert "ska alltså ha kommit in senast" not in _text(first_again)
    assert first_again.sha256 == first.sha256
