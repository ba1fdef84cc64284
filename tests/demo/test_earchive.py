"""The demo's closed case, exported to the e-archive once."""

import io
import tarfile

import pytest
from django.core.management import call_command

from earchive.models import CaseExport

pytestmark = pytest.mark.django_db

PARTS = ["register", "programmes", "accounts", "applications", "earchive"]


def test_the_demo_exports_a_closed_case_once(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.EARCHIVE_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())

    (export,) = CaseExport.objects.all()
    assert export.case.closed_at is not None
    assert export.case.title == "Demo: Skateboardkurs på sommarlovet"
    with tarfile.open(tmp_path / export.file_name) as archive:
        names = archive.getnames()
    assert f"{export.package_id}/METS.xml" in names
    assert any("/representations/rep1/data/" in name for name in names)
