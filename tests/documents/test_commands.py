import pytest
from django.core.management import CommandError, call_command

from tests.documents.conftest import stored_document

pytestmark = pytest.mark.django_db


def test_intact_documents_pass_verification(case, capsys):
    stored_document(case)
    stored_document(case)
    call_command("verify_documents")
    assert "2 documents verified, all intact" in capsys.readouterr().out


def test_a_tampered_file_is_reported_and_the_command_fails(case, capsys):
    intact = stored_document(case)
    tampered = stored_document(case)
    with open(tampered.file.path, "r+b") as handle:
        handle.seek(9)
        handle.write(b"X")
    with pytest.raises(CommandError, match="1 of 2 documents failed"):
        call_command("verify_documents")
    errors = capsys.readouterr().err
    assert f"MISMATCH document {tampered.pk}" in errors
    assert "SHA-256 is" in errors
    assert f"document {intact.pk} " not in errors


def test_a_missing_file_is_reported(case, capsys):
    document = stored_document(case)
    document.file.storage.delete(document.file.name)
    with pytest.raises(CommandError):
        call_command("verify_documents", case=case.case_number)
    assert "is missing" in capsys.readouterr().err


def test_a_kind_is_rendered_from_its_sample_for_template_authors(tmp_path, capsys):
    output = tmp_path / "avtal.pdf"
    call_command("render_document_sample", "decision_letter", str(output), "--draft")
    assert output.read_bytes().startswith(b"%PDF-")
    assert "pages" in capsys.readouterr().out
