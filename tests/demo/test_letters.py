"""The demo's decision letters: granted, partly granted and rejected applications, each with its
letter, and delegated decisions reported to a board meeting whose protocol was announced."""

import io
import os
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from documents.kinds import Kind
from documents.models import Document
from funding.models import BoardMeeting, Decision

pytestmark = pytest.mark.django_db

PARTS = ["register", "programmes", "accounts", "applications", "letters"]
LETTERS = {
    "granted": "Demo: Dans på höstlovet",
    "partly": "Demo: Ishockeyskola på sportlovet",
    "rejected": "Demo: Ny föreningslokal i Hyllie",
}


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())


def _letter(title: str) -> str:
    document = Document.objects.get(
        case__funding_application__title=title, kind=Kind.DECISION_LETTER
    )
    with document.file.open("rb") as pdf:
        data = pdf.read()
    if os.environ.get("DEMO_LETTERS_DIR"):  # to look at them: pdftoppm -png -r 60
        name = title.removeprefix("Demo: ").replace(" ", "-").lower()
        with open(os.path.join(os.environ["DEMO_LETTERS_DIR"], f"{name}.pdf"), "wb") as out:
            out.write(data)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_demo_has_a_granted_a_partly_granted_and_a_rejected_letter(demo):
    granted, partly, rejected = (_letter(title) for title in LETTERS.values())
    assert "Fritidsnämnden beviljar Rädda Barnen 40 000 kr i lovaktivitetsbidrag" in granted
    assert (
        "Fritidsnämnden beviljar Rädda Barnen 30 000 kr i lovaktivitetsbidrag för Demo: "
        "Ishockeyskola på sportlovet. Ansökan gällde 48 000 kr; i övrigt avslås ansökan." in partly
    )
    assert "Fritidsnämnden avslår ansökan från Rädda Barnen om lokalbidrag" in rejected
    for text in (granted, partly, rejected):
        assert "Förvaltningsrätten i Malmö" in text and "inom tre veckor" in text
        assert "Skäl för beslutet" in text and "Punkt 1:" in text
        assert "Kontaktperson:" in text
        assert "Ordförande" not in text


def test_the_delegated_decisions_are_reported_to_an_announced_meeting(demo):
    meeting = BoardMeeting.objects.get(board__code="frn", held_on=timezone.localdate())
    assert meeting.delegation_paragraph == "§ 142"
    assert meeting.protocol_announced_on == timezone.localdate()
    reported = Decision.objects.filter(reported_at=meeting)
    assert reported.filter(application__title=LETTERS["partly"]).exists()
    assert not Decision.objects.exclude(authority="board").filter(reported_at=None).exists()
