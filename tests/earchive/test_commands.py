"""``manage.py export_sip``: closed cases named or listed are written as packages and marked."""

import io

import pytest
from django.core.management import CommandError, call_command

from earchive.models import CaseExport
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_cases_named_and_listed_are_written_and_marked(closed_case, tmp_path):
    listed = tmp_path / "cases.txt"
    listed.write_text(f"# to the archive\n{closed_case.case_number}  # the application\n\n")
    out = io.StringIO()

    call_command("export_sip", "--list", str(listed), "--to", str(tmp_path / "out"), stdout=out)

    (export,) = CaseExport.objects.filter(case=closed_case)
    assert (tmp_path / "out" / export.file_name).is_file()
    assert out.getvalue().startswith(f"{closed_case.case_number}: ")


def test_the_packages_go_to_the_earchive_dir_by_default(closed_case, settings, tmp_path):
    settings.EARCHIVE_DIR = tmp_path / "earchive"

    call_command("export_sip", closed_case.case_number, stdout=io.StringIO())

    (export,) = CaseExport.objects.filter(case=closed_case)
    assert (tmp_path / "earchive" / export.file_name).is_file()


def test_an_unknown_or_open_case_stops_the_command_with_its_number(tmp_path):
    open_case = factories.CaseFactory()

    with pytest.raises(CommandError, match="SK-1999-00001"):
        call_command("export_sip", "SK-1999-00001", "--to", str(tmp_path))
    with pytest.raises(CommandError, match=f"{open_case.case_number} is not closed"):
        call_command("export_sip", open_case.case_number, "--to", str(tmp_path))
    with pytest.raises(CommandError, match="at least one case number"):
        call_command("export_sip", "--to", str(tmp_path))
    assert not CaseExport.objects.exists()
