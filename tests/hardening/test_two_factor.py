"""Staff log in with a password and a TOTP code when the production settings are active."""

import re
import time
from base64 import b32decode

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Role
from tests import factories

PASSWORD = "ett-langt-losenord-1"

pytestmark = pytest.mark.django_db


@pytest.fixture
def otp_required(settings):
    settings.REQUIRE_STAFF_OTP = True


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(client, user, next_url=""):
    return client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def _code(key: bytes, at: float | None = None) -> str:
    totp = TOTP(key, step=30, digits=6)
    totp.time = at or time.time()
    return f"{totp.token():06d}"


def _key_shown_on(page: str) -> bytes:
    shown = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    return b32decode(shown + "=" * (-len(shown) % 8))


@pytest.mark.parametrize(
    "role", [Role.OFFICER, Role.COORDINATOR, Role.DELEGATE, Role.BOARD_SECRETARY]
)
def test_staff_set_up_an_app_and_then_reach_their_page(client, otp_required, role):
    board = factories.BoardFactory() if role == Role.BOARD_SECRETARY else None
    person = _with_password(factories.staff(role, board=board))
    response = _log_in(client, person, next_url=reverse("casework:case_list"))
    assert response.status_code == 302
    # Any page sends them to set up the second factor first.
    response = client.get(reverse("casework:case_list"))
    assert response["Location"].startswith(reverse("otp_setup"))

    page = client.get(response["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content  # the QR code, drawn on the page itself
    key = _key_shown_on(content)

    response = client.post(
        reverse("otp_setup"), {"token": _code(key), "next": reverse("casework:case_list")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case_list")
    assert client.get(reverse("casework:case_list")).status_code == 200
    assert TOTPDevice.objects.get(user=person).confirmed


def test_an_administrator_needs_a_code_too(client, otp_required):
    admin = _with_password(factories.UserFactory(is_staff=True, is_superuser=True))
    _log_in(client, admin)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("otp_setup"))


def test_with_an_app_paired_staff_enter_a_code_after_their_password(client, otp_required):
    officer = _with_password(factories.staff())
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    _log_in(client, officer)
    response = client.get(reverse("casework:case_list"))
    assert response["Location"].startswith(reverse("otp_verify"))

    wrong = client.post(reverse("otp_verify"), {"token": "000000"})
    assert wrong.status_code == 200
    assert "sp-error-summary" in wrong.content.decode()
    assert client.get(reverse("casework:case_list")).status_code == 302

    # After a wrong code the app is throttled for a moment (1 s, doubling per failure).
    with time_machine.travel(time.time() + 10, tick=False):
        client.post(reverse("otp_verify"), {"token": _code(device.bin_key)})
        assert client.get(reverse("casework:case_list")).status_code == 200


def test_a_code_is_needed_again_in_the_next_session(client, otp_required):
    officer = _with_password(factories.staff())
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    _log_in(client, officer)
    client.post(reverse("otp_verify"), {"token": _code(device.bin_key)})
    client.post(reverse("logout"))
    _log_in(client, officer)
    assert client.get(reverse("casework:case_list"))["Location"].startswith(reverse("otp_verify"))


def test_a_used_code_cannot_be_used_again(client, otp_required):
    officer = _with_password(factories.staff())
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    code = _code(device.bin_key)
    _log_in(client, officer)
    client.post(reverse("otp_verify"), {"token": code})
    client.post(reverse("logout"))
    _log_in(client, officer)
    response = client.post(reverse("otp_verify"), {"token": code})
    assert response.status_code == 200
    assert client.get(reverse("casework:case_list")).status_code == 302


def test_association_members_log_in_with_their_password_alone(client, otp_required, member):
    _with_password(member)
    _log_in(client, member)
    assert client.get(reverse("casework:case_list")).status_code == 200


def test_without_the_setting_staff_log_in_with_their_password_alone(client, settings):
    settings.REQUIRE_STAFF_OTP = False
    officer = _with_password(factories.staff())
    _log_in(client, officer)
    assert client.get(reverse("casework:case_list")).status_code == 200


def test_the_production_settings_require_the_second_factor():
    from pathlib import Path

    production = (Path(__file__).parents[2] / "config/settings/production.py").read_text()
    assert 'REQUIRE_STAFF_OTP = env.bool("REQUIRE_STAFF_OTP", default=True)' in production
