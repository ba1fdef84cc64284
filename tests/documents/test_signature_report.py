"""The validation report kept with a signed document reads in Swedish, whatever language the
person who opens it uses (it is kept with the document, as the documents are Swedish)."""

from django.utils import translation

from documents.signing import validation


def test_the_report_is_in_swedish_for_a_reader_in_english():
    report = {"validated_at": "2026-12-06T10:00:00", "valid": False, "signatures": []}
    with translation.override("en"):
        text = validation.report_text(report)
    assert "INTE GILTIG" in text and "NOT VALID" not in text
