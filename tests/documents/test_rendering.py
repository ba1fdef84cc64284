"""Each kind rendered from sample data and read back from the PDF."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from documents import contexts, kinds, rendering, samples


def _read(pdf: bytes, mode: str = "layout") -> tuple[PdfReader, list[str]]:
    """The PDF and each page's text, with any run of white space as one space.

    The layout mode keeps list numbers and table rows; the plain mode keeps blocks that stand
    side by side (signature boxes) apart.
    """
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text(extraction_mode=mode) for page in reader.pages]
    return reader, [re.sub(r"\s+", " ", page) for page in pages]


def _text(pdf: bytes) -> str:
    return " ".join(_read(pdf)[1])


def test_an_agreement_names_every_party_its_contributions_and_the_summed_budget():
    context = samples.agreement(parties=9, goals=4, paragraphs=4)
    context.parties[4].name = "Kulturföreningen Ål och Ärlig Öresundsbro"
    for contribution in context.contributions_of("Föreningen Gemenskap och Glädje 4"):
        contribution.party = context.parties[4].name
    rendered = rendering.render("iop_agreement", context)
    _, pages = _read(rendered.pdf)
    text = " ".join(pages)
    plain = " ".join(_read(rendered.pdf, mode="plain")[1])

    assert rendered.pages == len(pages) >= 8
    for party in context.parties:
        assert party.name in text
        assert party.org_number in text
        assert f"För {party.name}" in plain  # a signature block per signatory
        assert party.signatories[0].name in plain
    assert "Totalt 1 125 000 1 134 000 1 143 000 1 152 000 4 554 000" in text
    assert "Fler unga i Malmö får en meningsfull fritid (4)" in text
    assert "Andel flickor bland deltagarna minst 45 %" in text
    assert "från och med den 1 april 2026 till och med den 31 december 2028" in text
    assert "6 månaders uppsägningstid" in text
    assert "gemensamt personuppgiftsansvariga enligt artikel 26" in text
    assert "Omförhandling" in text and "Hävning" in text and "Tvister" in text


def test_every_page_carries_the_city_case_number_date_and_page_of_pages():
    rendered = rendering.render("iop_agreement", samples.agreement(parties=6))
    _, pages = _read(rendered.pdf)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {total}" in page
        assert "Datum 2026-03-02" in page
        assert "Malmö stad" in page
    for page in pages[1:]:
        assert "Dnr SK-2026-00042" in page
    assert "Diarienummer SK-2026-00042" in pages[0]


def test_a_memo_has_the_citys_sections_in_order_with_numbered_proposals():
    context = samples.memo(paragraphs=6)
    text = _text(rendering.render_pdf("board_memo", context))
    headings = [
        "Sammanfattning",
        "Förslag till beslut",
        "Beslutsunderlag",
        "Beslutsplanering",
        "Beslutet skickas till",
        "Ärendet",
        "Ansvariga",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta" in text
    assert "1. Kommunstyrelsen godkänner avtal" in text
    assert "3. Kommunstyrelsen översänder ärendet" in text
    assert "Kommunstyrelsens arbetsutskott 2026-05-18" in text
    assert "Kommunstyrelsen 2026-06-03" in text
    assert "Rättslig bedömning" in text
    assert "Bertil Sjöström avdelningschef" in text
    for recipient in context.distribution:
        assert recipient in text


def test_a_delegated_decision_tells_who_decided_the_amounts_and_how_to_appeal_for_legality():
    text = _text(rendering.render_pdf("decision_letter", samples.decision(delegated=True)))
    assert "Föreningen Gemenskap och Glädje" in text
    assert "Sökt belopp 100 000 kr" in text
    assert "Beviljat belopp 75 000 kr" in text
    assert "Skäl för beslutet" in text
    assert "Örjan Åkesson, enhetschef, med stöd av delegation från Fritidsnämnden" in text
    assert "punkt FRN 4.2 i fritidsnämndens delegationsordning" in text
    assert "laglighetsprövning enligt 13 kap. kommunallagen (2017:725)" in text
    assert "inom tre veckor från den dag då det tillkännagavs på kommunens anslagstavla" in text
    assert "protokollet från det sammanträde där beslutet anmäldes till Fritidsnämnden" in text
    assert "anmäls till Fritidsnämnden vid sammanträdet den 20 maj 2026, § 95" in text
    assert "Tillkännagivandet gjordes den 27 maj 2026" in text
    assert "senast den 17 juni 2026" in text
    assert "Kommunens anslagstavla finns på malmo.se/anslagstavla" in text
    assert (
        "Skicka överklagandet direkt till Förvaltningsrätten i Malmö, Box 4522, 203 20 Malmö"
        in text
    )
    assert "förvaltningslagen" not in text


def test_a_board_decision_is_signed_for_the_board_by_its_secretary_not_as_chair():
    text = _text(rendering.render_pdf("decision_letter", samples.decision(delegated=False)))
    assert "Fritidsnämnden vid sammanträdet den 22 april 2026, protokoll § 87" in text
    assert "För Fritidsnämnden Lena Ölund, nämndsekreterare" in text
    assert "Ordförande" not in text and "ordförande" not in text
    assert "protokollet med beslutet har justerats" in text
    assert "Skicka överklagandet till Fritidsnämnden" not in text


def test_a_letter_names_the_rules_applied_by_point_the_conditions_and_a_contact():
    text = _text(rendering.render_pdf("decision_letter", samples.decision()))
    assert "villkoren för Utvecklingsbidrag, fastställda av Fritidsnämnden" in text
    assert "Punkt 2: Organisationen ska ha minst 25 medlemmar." in text
    assert "Villkor" in text and "kontrollerade bankgiro 5402-1234" in text
    assert "Kontaktperson: Åsa Öberg, handläggare, asa.oberg@example.se" in text
    assert "Fritidsförvaltningen Box 1000 205 80 Malmö fritid@example.se" in text


def test_a_board_decision_open_to_administrative_appeal_says_where_to_send_it():
    context = samples.decision(delegated=False)
    context.outcome = contexts.Outcome.REJECTED
    context.amount_granted = None
    context.appeal = contexts.Appeal(
        route=contexts.AppealRoute.ADMINISTRATIVE_APPEAL,
        court="Förvaltningsrätten i Malmö",
        send_to="Fritidsnämnden, 205 80 Malmö",
    )
    text = _text(rendering.render_pdf("decision_letter", context))
    assert "Beviljat belopp Inget" in text
    assert "Fritidsnämnden vid sammanträdet den 22 april 2026, protokoll § 87" in text
    assert "40–45 §§ förvaltningslagen (2017:900)" in text
    assert (
        "Fritidsnämnden, 205 80 Malmö inom tre veckor från den dag då ni fick del av beslutet"
        in text
    )
    assert "laglighetsprövning" not in text


def test_a_receipt_lists_every_answer_and_each_attachment_with_its_checksum():
    context = samples.receipt(sections=4, attachments=6)
    text = _text(rendering.render_pdf("submission_receipt", context))
    squeezed = text.replace(" ", "")
    assert "Inskickad 2026-03-15 14:07:31" in text
    assert "Föreningen Gemenskap och Glädje, org.nr 802480-1000" in text
    for section in context.sections:
        assert section.heading in text
    assert "När genomförs projektet?" in text
    for attachment in context.attachments:
        assert attachment.name in text
        assert attachment.sha256 in squeezed  # a checksum may wrap over two lines
    assert "Allmänna arvsfonden 150 000 kr beviljat" in text


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
def test_every_kind_is_pdf_a_with_embedded_fonts_and_swedish_metadata(kind):
    reader, pages = _read(rendering.render_pdf(kind, samples.for_kind(kind)))
    root = reader.trailer["/Root"]
    metadata = root["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfaid:part(>|=")3', metadata)
    assert re.search(rb'pdfaid:conformance(>|=")B', metadata)
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    assert reader.metadata.author == "Malmö stad"
    assert any(letter in "".join(pages) for letter in "åäöÅÄÖ")


def test_a_draft_is_marked_on_every_page_and_a_final_version_is_not():
    _, draft = _read(rendering.render_pdf("board_memo", samples.memo(), draft=True))
    _, final = _read(rendering.render_pdf("board_memo", samples.memo(), draft=False))
    assert all("UTKAST" in page for page in draft)
    assert not any("UTKAST" in page or "Utkast" in page for page in final)


def test_the_city_name_comes_from_the_settings(settings):
    settings.CITY_NAME = "Lunds kommun"
    text = _text(rendering.render_pdf("decision_letter", samples.decision()))
    assert "Lunds kommun" in text
    assert "Malmö stad" not in text


def test_an_administrator_replaces_a_template_and_the_version_records_it(settings, tmp_path):
    before = kinds.template_version("decision_letter")
    override = tmp_path / "documents" / "kinds"
    override.mkdir(parents=True)
    (override / "decision_letter.html").write_text(
        '{% extends layout %}{% block doc_body %}<article class="doc"><p>Eget beslut '
        "{{ data.case_number }}</p></article>{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    rendered = rendering.render("decision_letter", samples.decision())
    assert "Eget beslut FRN-2026-00007" in _text(rendered.pdf)
    assert rendered.template_version != before
    assert len(rendered.template_version) == 64


def test_a_context_of_the_wrong_kind_is_refused():
    with pytest.raises(TypeError):
        rendering.render_pdf("decision_letter", samples.memo())
    with pytest.raises(ValueError):
        rendering.render_pdf("unknown", samples.memo())


def test_the_document_date_is_shown_in_swedish_whatever_the_active_language():
    from django.utils import translation

    context = samples.agreement(parties=2)
    context.period_start = date(2026, 10, 1)
    with translation.override("en"):
        text = _text(rendering.render_pdf("iop_agreement", context))
    assert "1 oktober 2026" in text


def test_a_replaced_stylesheet_takes_effect_at_the_next_render(settings, tmp_path):
    # The parsed stylesheet is kept between renders; a new wording of it must not be missed.
    assert round(_read(rendering.render_pdf("decision_letter", samples.decision()))[0]
                 .pages[0].mediabox.width) == 595  # fmt: skip
    override = tmp_path / "documents" / "kinds"
    override.mkdir(parents=True)
    (override / "decision_letter.html").write_text(
        "{% extends layout %}{% block doc_style %}@page { size: A5; }{% endblock %}"
        '{% block doc_body %}<article class="doc"><p>Beslut</p></article>{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    reader, _ = _read(rendering.render_pdf("decision_letter", samples.decision()))
    assert round(reader.pages[0].mediabox.width) == 420


def test_rendering_leaves_garbage_collection_as_it_found_it():
    import gc

    rendering.render_pdf("decision_letter", samples.decision())
    assert gc.isenabled()
    gc.disable()
    try:
        rendering.render_pdf("decision_letter", samples.decision())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_long_city_name_is_printed_whole_in_the_running_header(settings):
    settings.CITY_NAME = "Stadsbyggnadsförvaltningen i Malmö stad och Burlövs kommun"
    _, pages = _read(rendering.render_pdf("iop_agreement", samples.agreement(parties=6)))
    for page in pages[1:]:
        assert "Stadsbyggnadsförvaltningen i Malmö stad och Burlövs kommun" in page
        assert "Dnr SK-2026-00042" in page


def test_a_letter_stored_before_the_appeal_fields_renders_with_the_court_and_not_the_board():
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    stored = json.dumps(contexts.to_data(samples.decision(delegated=False)), cls=DjangoJSONEncoder)
    data = json.loads(stored)
    for name in ("court_address", "notice_board", "meeting_date", "protocol_paragraph", "ends_on"):
        del data["appeal"][name]
    data["appeal"]["send_to"] = "Fritidsnämnden"
    del data["decided_by"]["signed_by"]
    for name in ("office", "rules_title", "rules"):
        del data[name]
    context = kinds.load_context("decision_letter", data)
    text = _text(rendering.render_pdf("decision_letter", context))
    assert "Skicka överklagandet direkt till Förvaltningsrätten i Malmö" in text
    assert "Skicka överklagandet till Fritidsnämnden" not in text
    assert "Ordförande" not in text
