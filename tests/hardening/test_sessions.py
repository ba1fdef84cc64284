"""Sessions: a fresh key at login, ended on the server at logout, on deactivation and when idle.

A new session key at login (no session fixation) is proven in
``tests/config/test_security.py::test_a_new_session_key_is_given_at_login``.
"""

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests import factories

PASSWORD = "ett-langt-losenord-1"

pytestmark = pytest.mark.django_db


def _logged_in(client, user):
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client.session.session_key


def test_the_old_session_is_gone_from_the_server_after_login(client, member):
    member.set_password(PASSWORD)
    member.save()
    client.get(reverse("login"))
    client.session["before"] = "login"
    client.session.save()
    key_before = client.session.session_key
    key_after = _logged_in(client, member)
    assert key_after != key_before
    assert not Session.objects.filter(session_key=key_before).exists()


def test_logging_out_ends_the_session_on_the_server(client, member):
    member.set_password(PASSWORD)
    member.save()
    key = _logged_in(client, member)
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    # A copy of the old cookie (another tab, a stolen cookie) no longer logs anyone in.
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    response = client.get(reverse("casework:case_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_deactivating_an_account_ends_all_its_sessions(client, member, django_user_model):
    member.set_password(PASSWORD)
    member.save()
    other_person = factories.member(member.memberships.first().organisation)
    other_person.set_password(PASSWORD)
    other_person.save()
    from django.test import Client

    first, second, bystander = Client(), Client(), Client()
    keys = [_logged_in(first, member), _logged_in(second, member)]
    _logged_in(bystander, other_person)

    member.is_active = False
    member.save()

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert first.get(reverse("casework:case_list")).status_code == 302
    assert bystander.get(reverse("casework:case_list")).status_code == 200


def test_a_session_ends_after_thirty_minutes_without_a_request(client, member):
    member.set_password(PASSWORD)
    member.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _logged_in(client, member)
        clock.shift(29 * 60)
        assert client.get(reverse("casework:case_list")).status_code == 200
        clock.shift(29 * 60)  # active now and then: still logged in
        assert client.get(reverse("casework:case_list")).status_code == 200
        clock.shift(31 * 60)
        response = client.get(reverse("casework:case_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_idle_timeout_is_a_setting(client, member, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    member.set_password(PASSWORD)
    member.save()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _logged_in(client, member)
        clock.shift(6 * 60)
        response = client.get(reverse("casework:case_list"))
    assert response["Location"].startswith(reverse("login"))
