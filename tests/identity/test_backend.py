"""The OIDC backend matches a person by their personal identity number; the provider's answer
(token and userinfo) is stubbed here; tests/browser/test_eid_login.py walks the real one."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory
from django.utils import timezone

from identity import claims, services
from identity.backends import ProviderBackend
from identity.models import OIDCProvider, PersonalIdentity
from organisations import policy
from organisations.models import Membership, Representation, User
from tests import factories

LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


@pytest.fixture
def provider(db):
    return OIDCProvider.objects.create(
        slug="broker",
        name="Broker",
        kind=OIDCProvider.Kind.EID,
        issuer="https://broker.example.se",
        authorization_endpoint="https://broker.example.se/auth",
        token_endpoint="https://broker.example.se/token",
        userinfo_endpoint="https://broker.example.se/me",
        jwks_endpoint="https://broker.example.se/jwks",
        client_id="portal",
        client_secret="secret",
        creates_accounts=True,
    )


def _login(monkeypatch, provider, info, acr=LOA3):
    backend = ProviderBackend()
    backend.provider = provider
    monkeypatch.setattr(
        "mozilla_django_oidc.auth.OIDCAuthenticationBackend.get_userinfo",
        lambda self, access_token, id_token, payload: dict(info),
    )
    backend.request = RequestFactory().get("/")
    return backend.get_or_create_user("access", "id", {"acr": acr})


def test_a_known_number_logs_in_its_account_with_the_level_and_organisation(
    monkeypatch, provider, member
):
    number = claims.personal_number("191212121212")
    PersonalIdentity.objects.create(
        user=member, number_digest=number.digest, number_masked=number.masked
    )
    info = {"personalIdentityNumber": "191212121212", "orgAffiliation": "191212121212@8020000132"}
    user = _login(monkeypatch, provider, info)
    assert user == member
    assert user.oidc_login == {
        "provider": provider,
        "assurance": 3,
        "org_affiliation": "8020000132",
    }


def test_an_unknown_number_gets_an_account_that_acts_for_no_organisation(monkeypatch, provider):
    info = {"personalIdentityNumber": "19121212-1147", "given_name": "Test", "family_name": "P"}
    user = _login(monkeypatch, provider, info, acr="http://id.elegnamnden.se/loa/1.0/loa2")
    assert user.personal_identity.number_masked == "19121212-****"
    assert not Membership.objects.filter(user=user).exists()
    assert user.oidc_login["assurance"] == 2
    assert "1147" not in user.username


def test_a_staff_provider_makes_no_account_for_an_unknown_number(monkeypatch, provider):
    provider.creates_accounts = False
    assert _login(monkeypatch, provider, {"personalIdentityNumber": "191212121147"}) is None


def test_a_login_without_a_valid_number_is_refused(monkeypatch, provider):
    with pytest.raises(SuspiciousOperation):
        _login(monkeypatch, provider, {"personalIdentityNumber": "191212121213"})
    assert not User.objects.exists()


def test_the_brokers_org_affiliation_makes_the_person_its_representative_for_the_day(
    provider, organisation
):
    person = factories.UserFactory()
    request = RequestFactory().get("/")
    request.session = SessionStore()
    number = organisation.org_number.replace("-", "")
    event = services.login_record_oidc(
        request=request, user=person, provider=provider, assurance=3, org_affiliation=number
    )
    representation = Representation.objects.get(person=person, organisation=organisation)
    assert representation.basis == Representation.Basis.BROKER
    day = timezone.localtime(event.at).date()
    assert representation.valid_from == representation.valid_until == day
    assert policy.representation_basis(person, organisation.pk) == "broker"
