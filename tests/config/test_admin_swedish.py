"""The administration is Swedish throughout, the login throttling (django-axes) and the second
factor (django-otp) included, whatever the browser asks for."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import User

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser("admin", "admin@example.org", "not-a-real-password-1")
    TOTPDevice.objects.create(user=admin, name="Telefon")
    client.force_login(admin)
    return client


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", response.content.decode(), flags=re.S)


def test_the_admin_index_names_throttling_and_the_second_factor_in_swedish(admin_client):
    text = _text(admin_client.get(reverse("admin:index"), **ENGLISH_BROWSER))

    assert "Spärr vid felaktiga inloggningar" in text and "Autentiseringsappar" in text
    for english in ("Axes", "TOTP", "Access attempts", "Access logs", "Access failures"):
        assert english not in text


@pytest.mark.parametrize(
    "name",
    [
        "organisations_secondfactordevice_changelist",
        "axes_accessattempt_changelist",
        "axes_accesslog_changelist",
        "axes_accessfailurelog_changelist",
    ],
)
def test_the_lists_speak_swedish(admin_client, name):
    text = _text(admin_client.get(reverse(f"admin:{name}"), **ENGLISH_BROWSER))

    for english in ("TOTP", "User Agent", "IP Address", "Created at", "Last used at", "Attempt"):
        assert english not in text, english


def test_the_second_factor_form_speaks_swedish(admin_client):
    device = TOTPDevice.objects.get()
    url = reverse("admin:organisations_secondfactordevice_change", args=[device.pk])

    text = _text(admin_client.get(url, **ENGLISH_BROWSER))

    assert "Hemlig nyckel" in text or "Sekunder per kod" in text
    for english in ("Identity", "Timestamps", "Throttling", "The time step", "Created at"):
        assert english not in text, english
