"""Login throttling that cannot be turned against users (behind a simulated reverse proxy).

The proxy at 10.0.0.5 is trusted (``TRUSTED_PROXIES``); it puts the person's own address in
``X-Forwarded-For``. Failures count per address and per username-and-address pair, so an
attacker elsewhere cannot lock a member out, and an administrator can release a lock-out.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from common.client import client_address

pytestmark = pytest.mark.django_db

PASSWORD = "ett-langt-losenord-1"
PROXY = "10.0.0.5"
MEMBER_AT = "198.51.100.7"
ATTACKER_AT = "203.0.113.66"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]


@pytest.fixture
def member_account(member):
    member.set_password(PASSWORD)
    member.save()
    return member


def _via_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_an_attacker_elsewhere_cannot_lock_a_member_out(member_account):
    attacker = _via_proxy(ATTACKER_AT)
    for _ in range(6):
        _login(attacker, member_account.username, "fel-losenord")
    assert _login(attacker, member_account.username, PASSWORD).status_code == 429

    response = _login(_via_proxy(MEMBER_AT), member_account.username, PASSWORD)
    assert response.status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(member_account):
    attacker = _via_proxy(ATTACKER_AT)
    for number in range(5):
        _login(attacker, f"gissning-{number}", "fel-losenord")
    assert _login(attacker, member_account.username, PASSWORD).status_code == 429
    assert _login(_via_proxy(MEMBER_AT), member_account.username, PASSWORD).status_code == 302


def test_a_forged_header_from_outside_the_proxy_is_ignored(member_account):
    # Straight to the server, pretending to be the member's address: counted as the attacker's.
    forger = Client(REMOTE_ADDR=ATTACKER_AT, HTTP_X_FORWARDED_FOR=MEMBER_AT)
    for _ in range(5):
        _login(forger, member_account.username, "fel-losenord")
    assert AccessAttempt.objects.get().ip_address == ATTACKER_AT
    assert _login(_via_proxy(MEMBER_AT), member_account.username, PASSWORD).status_code == 302


def test_the_address_is_the_right_most_one_that_is_not_a_trusted_proxy(rf):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {MEMBER_AT}, 10.1.2.3")
    assert client_address(request) == MEMBER_AT
    broken = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
    assert client_address(broken) == PROXY
    direct = rf.get("/", REMOTE_ADDR=MEMBER_AT, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(direct) == MEMBER_AT


def test_an_administrator_releases_a_lock_out(member_account, admin_client):
    member_client = _via_proxy(MEMBER_AT)
    for _ in range(5):
        _login(member_client, member_account.username, "fel-losenord")
    assert _login(member_client, member_account.username, PASSWORD).status_code == 429

    attempts = AccessAttempt.objects.filter(username=member_account.username)
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )
    assert response.status_code == 302
    assert _login(member_client, member_account.username, PASSWORD).status_code == 302
