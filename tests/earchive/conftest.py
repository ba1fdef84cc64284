import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.services import case_close
from demo import files
from funding import services as funding_services
from tests import factories
from workflows.funding import services as flow_services


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Each test stores its files in its own folder, outside the project."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def closed_case(django_capture_on_commit_callbacks):
    """A submitted funding application with its receipt (a real PDF/A) and one attachment,
    closed by an officer."""
    organisation = factories.eligible(factories.OrganisationFactory(name="Föreningen Ängsbacken"))
    draft = factories.funding_draft(organisation)
    funding_services.attachment_add(
        application=draft,
        acting_user=draft.created_by,
        kind="budget",
        upload=SimpleUploadedFile(
            "Budget 2026.pdf", files.pdf("Budget 2026"), content_type="application/pdf"
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        application = flow_services.application_submit(
            application=draft, acting_user=draft.created_by
        )
    officer = factories.staff(first_name="Olle", last_name="Handläggare")
    return case_close(case=application.case, acting_user=officer, reason="Ärendet är avslutat.")
