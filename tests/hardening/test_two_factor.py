"""Staff log in with a password and a TOTP code when the production settings are active.

Pairing the app needs a one-time enrolment code from an administrator (or a session already
verified with an app): a password alone pairs nothing. Demo accounts are flagged, and
production refuses to start with DEMO_MODE on or while a demo account exists.
"""

import re
import time
from base64 import b32decode
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations import services
from organisations.checks import refuse_demo_accounts_at_start
from organisations.models import EnrolmentCode, Role, User
from tests import factories
from tests.config.test_security import _KEY, _production

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

    # The page asks for the enrolment code the administrator gave them, and shows no secret.
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<code>" not in page.content.decode() and 'name="code"' in page.content.decode()
    code, _record = services.enrolment_code_issue(user=person, acting_user=_admin())
    response = client.post(
        reverse("otp_setup"), {"code": code, "next": reverse("casework:case_list")}
    )
    page = client.get(response["Location"])
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


# Enrolment codes ------------------------------------------------------------------------------


def _admin():
    return factories.UserFactory(is_staff=True, is_superuser=True)


def _with_code(client, person, code):
    """Log in with the password and give the enrolment code: the page then shows the key."""
    _log_in(client, person)
    response = client.post(reverse("otp_setup"), {"code": code})
    return client.get(response["Location"]) if response.status_code == 302 else response


def test_a_password_alone_pairs_no_app(client, otp_required):
    officer = _with_password(factories.staff())
    _log_in(client, officer)

    page = client.get(reverse("otp_setup")).content.decode()
    assert "<code>" not in page and "<svg" not in page  # no secret before the code
    refused = client.post(reverse("otp_setup"), {"code": "AAAA-BBBB-CCCC"})
    assert refused.status_code == 200
    assert "sp-error-summary" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.get(reverse("casework:case_list"))["Location"].startswith(reverse("otp_setup"))


def test_an_enrolment_code_works_once(client, otp_required):
    officer = _with_password(factories.staff())
    code, _record = services.enrolment_code_issue(user=officer, acting_user=_admin())
    assert "<code>" in _with_code(client, officer, code).content.decode()

    client.post(reverse("logout"))
    again = _with_code(client, officer, code)
    assert "<code>" not in again.content.decode()
    assert "sp-error-summary" in again.content.decode()


def test_an_enrolment_code_expires_and_a_new_one_revokes_the_old(client, otp_required):
    officer = _with_password(factories.staff())
    old, _record = services.enrolment_code_issue(user=officer, acting_user=_admin())
    new, _record = services.enrolment_code_issue(user=officer, acting_user=_admin())
    assert "<code>" not in _with_code(client, officer, old).content.decode()

    client.post(reverse("logout"))
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert "<code>" not in _with_code(client, officer, new).content.decode()


def test_a_code_is_for_the_person_it_was_issued_to(client, otp_required):
    officer = _with_password(factories.staff())
    code, _record = services.enrolment_code_issue(user=factories.staff(), acting_user=_admin())
    assert "<code>" not in _with_code(client, officer, code).content.decode()


def test_only_an_administrator_issues_a_code(otp_required):
    with pytest.raises(PermissionDenied):
        services.enrolment_code_issue(user=factories.staff(), acting_user=factories.staff())


def test_the_administration_shows_a_code_once_and_keeps_only_its_checksum(client):
    admin = _admin()
    officer = factories.staff(username="handlaggare-kod")
    client.force_login(admin)
    response = client.post(
        reverse("admin:organisations_user_changelist"),
        {"action": "issue_enrolment_codes", "_selected_action": [officer.pk]},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    code = re.search(r"<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>", page).group(1)
    assert "Engångskod" in page or "engångskod" in page

    record = EnrolmentCode.objects.get(user=officer)
    assert record.issued_by == admin and record.used_at is None
    assert code not in record.digest and len(record.digest) == 64
    listing = client.get(reverse("admin:organisations_enrolmentcode_changelist")).content
    assert code.encode() not in listing
    assert services.enrolment_code_redeem(user=officer, code=code.lower())
    assert not services.enrolment_code_redeem(user=officer, code=code)


def test_the_first_administrator_gets_a_code_on_the_command_line(client, otp_required):
    admin = _with_password(_admin())
    out = StringIO()
    call_command("enrolment_code", admin.username, stdout=out)
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", out.getvalue()).group(0)
    assert "<code>" in _with_code(client, admin, code).content.decode()


def test_a_verified_session_pairs_a_new_app_without_a_code(client, otp_required):
    officer = _with_password(factories.staff())
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    _log_in(client, officer)
    client.post(reverse("otp_verify"), {"token": _code(device.bin_key)})

    page = client.get(reverse("otp_setup")).content.decode()
    key = _key_shown_on(page)
    assert key != device.bin_key
    response = client.post(reverse("otp_setup"), {"token": _code(key)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).count() == 2


# Demo accounts --------------------------------------------------------------------------------


def test_the_demo_loader_flags_its_accounts(demo_data):
    assert User.objects.exists()
    assert not User.objects.filter(is_demo=False).exists()


def test_demo_accounts_stop_the_server_and_the_checks_without_demo_mode(settings):
    settings.DEMO_MODE = False
    factories.UserFactory(username="kvar-fran-demon", is_demo=True)

    with pytest.raises(ImproperlyConfigured, match="DEMO_MODE"):
        refuse_demo_accounts_at_start()
    with pytest.raises(SystemCheckError, match="organisations.E002"):
        call_command("check", databases=["default"], stdout=StringIO(), stderr=StringIO())

    User.objects.filter(is_demo=True).update(is_active=False)
    refuse_demo_accounts_at_start()
    call_command("check", databases=["default"], stdout=StringIO(), stderr=StringIO())


def test_demo_accounts_are_fine_in_the_demo(settings):
    settings.DEMO_MODE = True
    factories.UserFactory(username="demo-konto", is_demo=True)
    refuse_demo_accounts_at_start()


def test_the_web_server_checks_for_demo_accounts_when_it_starts():
    from pathlib import Path

    wsgi = (Path(__file__).parents[2] / "config/wsgi.py").read_text()
    assert "refuse_demo_accounts_at_start()" in wsgi.split("get_wsgi_application()", 2)[-1]


def test_production_refuses_to_start_with_demo_mode_on():
    result = _production({"DJANGO_SECRET_KEY": _KEY, "DEMO_MODE": "true"})
    assert result.returncode != 0
    assert "DEMO_MODE" in result.stderr


def test_the_deployment_check_refuses_demo_mode(settings):
    settings.DEMO_MODE = True
    with pytest.raises(SystemCheckError, match="organisations.E001"):
        call_command("check", deploy=True, tags=["security"], stdout=StringIO(), stderr=StringIO())
