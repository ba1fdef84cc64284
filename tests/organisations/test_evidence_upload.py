"""Eligibility evidence is uploaded through the same content checks as every other file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo import files
from organisations.models import EligibilityEvidence

pytestmark = pytest.mark.django_db


def _send(admin_client, admin_user, organisation, upload):
    return admin_client.post(
        reverse("admin:organisations_eligibilityevidence_add"),
        {
            "organisation": organisation.pk,
            "kind": "annual_meeting_minutes",
            "given_on": "2026-03-01",
            "expires_on": "2027-03-01",
            "value": "Årsmöte 2026",
            "recorded_by": admin_user.pk,
            "file": upload,
        },
    )


def test_an_executable_named_as_a_pdf_is_refused_with_a_message_and_nothing_stored(
    admin_client, admin_user, organisation, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    upload = SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00\x03 an executable")

    response = _send(admin_client, admin_user, organisation, upload)

    assert response.status_code == 200  # the form again, with its message
    assert "har en filtyp som vi inte tar emot" in response.content.decode()
    assert not EligibilityEvidence.objects.exists()
    assert list(tmp_path.rglob("*.*")) == []


def test_real_minutes_as_a_pdf_are_recorded(admin_client, admin_user, organisation):
    upload = SimpleUploadedFile("protokoll.pdf", files.pdf("minutes of the annual meeting"))

    response = _send(admin_client, admin_user, organisation, upload)

    assert response.status_code == 302
    assert EligibilityEvidence.objects.get().file.name.endswith(".pdf")
