"""API tokens: stored hashed and shown once, expiring, revocable, limited to what they may
read, listed by their beginning, and for staff only with a second factor."""

import hashlib
import re
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from api.models import ApiToken
from tests import factories

from .conftest import api_key

pytestmark = pytest.mark.django_db

TOKENS = "api_tokens:tokens"
KEY_ON_PAGE = re.compile(r'id="new-key"[^>]*value="([^"]+)"')


def _calls(key: str, name: str = "api:case-list") -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(reverse(name)).status_code


def _form(**fields) -> dict:
    return {
        "name": "E-arkivets import",
        "resources": ["cases", "documents"],
        "valid_days": "90",
        "form_token": uuid.uuid4().hex,
        **fields,
    }


def test_only_a_hash_of_the_key_is_stored(member):
    key = api_key(member)
    token = ApiToken.objects.get(user=member)

    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert key not in stored
    assert token.prefix == key[:10] and len(key) > 40
    assert _calls(key) == 200


def test_the_page_shows_a_new_key_once_and_then_only_its_beginning(client, member):
    client.force_login(member)

    page = client.post(reverse(TOKENS), _form(), follow=True).content.decode()

    key = KEY_ON_PAGE.search(page).group(1)
    assert _calls(key) == 200
    again = client.get(reverse(TOKENS)).content.decode()
    assert key not in again
    assert f"{key[:10]}…" in again
    assert "E-arkivets import" in again and "Dokumentens metadata" in again


def test_a_form_sent_twice_makes_one_token(client, member):
    client.force_login(member)

    form = _form()
    client.post(reverse(TOKENS), form)
    response = client.post(reverse(TOKENS), form, follow=True)

    assert ApiToken.objects.filter(user=member).count() == 1
    assert "formuläret skickades två gånger" in response.content.decode()
    # The one key is shown on the page the sendings end on, and never again.
    assert KEY_ON_PAGE.search(response.content.decode())
    assert not KEY_ON_PAGE.search(client.get(reverse(TOKENS)).content.decode())


def test_a_form_without_name_or_scope_says_so_per_field_and_keeps_the_rest(client, member):
    client.force_login(member)

    response = client.post(reverse(TOKENS), _form(name="", resources=[]))

    page = response.content.decode()
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "Ge nyckeln ett namn." in page
    assert "Välj minst en sak som nyckeln får läsa." in page
    assert 'value="90" id="id_valid_days_1" required checked' in page


def test_an_expired_token_is_refused(member):
    key = api_key(member)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert _calls(key) == 401


def test_a_revoked_token_is_refused_and_stays_listed(client, member):
    key = api_key(member)
    token = ApiToken.objects.get()
    client.force_login(member)

    client.post(reverse("api_tokens:token_revoke", args=[token.pk]))

    assert _calls(key) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Återkallad" in client.get(reverse(TOKENS)).content.decode()


def test_another_persons_token_cannot_be_revoked_by_its_id(client, member, organisation):
    key = api_key(member)
    client.force_login(factories.member(organisation))

    response = client.post(reverse("api_tokens:token_revoke", args=[ApiToken.objects.get().pk]))

    assert response.status_code == 404
    assert _calls(key) == 200


def test_a_token_reads_only_the_resources_it_names(member):
    key = api_key(member, resources=["cases"])

    assert _calls(key, "api:case-list") == 200
    for other in ("api:agreement-list", "api:decision-list", "api:payout-list"):
        assert _calls(key, other) == 403, other
    assert _calls(key, "api:document-list") == 403


def test_the_last_use_is_recorded(member):
    key = api_key(member)

    _calls(key)

    assert ApiToken.objects.get().last_used_at is not None


def test_the_token_of_a_closed_account_is_refused(member):
    key = api_key(member)
    member.is_active = False
    member.save()

    assert _calls(key) == 401


@override_settings(REQUIRE_STAFF_OTP=True)
def test_a_staff_member_without_a_second_factor_gets_no_token(officer):
    with pytest.raises(ValidationError):
        api_key(officer)
    assert not ApiToken.objects.exists()


@override_settings(REQUIRE_STAFF_OTP=True)
def test_a_staff_members_token_needs_the_second_factor_still_enrolled(officer):
    device = TOTPDevice.objects.create(user=officer, name="App", confirmed=True)
    key = api_key(officer)
    assert _calls(key) == 200

    device.delete()

    assert _calls(key) == 401


@override_settings(REQUIRE_STAFF_OTP=True)
def test_a_member_needs_no_second_factor_for_a_token(member):
    assert _calls(api_key(member)) == 200


def test_an_administrator_issues_a_token_in_the_admin_and_sees_the_key_once(client, member):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    form = {"user": member.pk, "name": "Diariet", "resources": ["cases"], "valid_days": "30"}

    response = client.post(reverse("admin:api_apitoken_add"), form)

    key = KEY_ON_PAGE.search(response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert (token.user, token.created_by, token.resources) == (member, admin, ["cases"])
    assert _calls(key) == 200
    listing = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert token.prefix in listing and key not in listing


def test_the_command_prints_a_key_that_works(member, capsys):
    call_command("create_api_token", member.username, "--resources", "cases", "--days", "30")

    key = capsys.readouterr().out.strip()
    assert _calls(key) == 200
    assert ApiToken.objects.get().expires_at < timezone.now() + timedelta(days=31)
