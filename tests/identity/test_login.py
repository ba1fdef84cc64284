"""Every login is recorded; a password login counts as the demo's declared level only in the
demo; the password form can be switched off; production refuses a password level above 1."""

import pytest
from django.urls import reverse

from common.assurance import ASSURANCE_SESSION_KEY, assurance_level
from demo.identity import configure_local_provider
from identity.models import LoginEvent
from tests import factories
from tests.config.test_security import _KEY, _production

pytestmark = pytest.mark.django_db


def _password_login(client, user):
    user.set_password("ett-långt-lösenord")
    user.save()
    return client.post(
        reverse("login"), {"username": user.username, "password": "ett-långt-lösenord"}
    )


def test_a_password_login_is_recorded_at_the_demos_declared_level(client, member):
    response = _password_login(client, member)
    assert response.status_code == 302
    event = LoginEvent.objects.get(user=member)
    assert (event.method, event.assurance, event.provider) == ("password", 3, None)

    client.logout()
    page = client.get(reverse("login")).content.decode()
    assert "tillitsnivå 3" in page


def test_outside_the_demo_a_password_login_counts_as_level_1(client, member, settings, rf):
    settings.DEMO_MODE = False
    _password_login(client, member)
    assert LoginEvent.objects.get(user=member).assurance == 1
    request = rf.get("/")
    request.session = client.session
    assert assurance_level(request) == 1


def test_with_password_login_off_the_page_offers_no_password_form(client, member, settings):
    settings.PASSWORD_LOGIN_ENABLED = False
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' not in page
    assert "E-legitimation" in page or "e-legitimation" in page
    assert _password_login(client, member).status_code == 405
    assert not LoginEvent.objects.exists()


def test_the_login_page_says_when_the_e_id_service_is_not_configured(client):
    page = client.get(reverse("login")).content.decode()
    assert "inte konfigurerad" in page


def test_production_refuses_a_password_login_above_level_1():
    result = _production({"DJANGO_SECRET_KEY": _KEY, "PASSWORD_LOGIN_ASSURANCE": "3"})
    assert result.returncode != 0
    assert "PASSWORD_LOGIN_ASSURANCE" in result.stderr


def test_a_session_below_level_3_is_sent_to_log_in_with_e_id_before_binding_acts(client, member):
    client.force_login(member)
    session = client.session
    session[ASSURANCE_SESSION_KEY] = 2
    session.save()
    for url in (
        reverse("funding:application_submit", args=[1]),
        reverse("partnerships:terminate", args=["SK-2026-00001"]),
        reverse("partnerships:leave", args=["SK-2026-00001"]),
    ):
        response = client.post(url, HTTP_REFERER="http://testserver/funding/")
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("identity:step_up")), url
    response = client.get(reverse("partnerships:propose"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("identity:step_up"))
    assert "tillitsnivå 3" in page and "nivå 2" in page


def test_staff_logged_in_through_single_sign_on_are_not_asked_for_a_totp_code(client, settings):
    settings.REQUIRE_STAFF_OTP = True
    officer = factories.staff()
    client.force_login(officer)
    assert client.get(reverse("home")).status_code == 302  # to the second factor
    session = client.session
    session[ASSURANCE_SESSION_KEY] = 3
    session.save()
    assert client.get(reverse("home")).status_code == 200


def test_a_provider_that_does_not_answer_is_not_offered_and_its_login_says_why(client):
    provider = configure_local_provider("http://127.0.0.1:9")  # nothing listens there
    page = client.get(reverse("login")).content.decode()
    assert (
        "inte konfigurerad" in page and reverse("identity:start", args=[provider.slug]) not in page
    )
    response = client.get(reverse("identity:start", args=[provider.slug]))
    assert response.status_code == 503
    assert "inte tillgänglig" in response.content.decode()
