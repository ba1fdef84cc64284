"""What a signed-in person sees is never stored by a browser or a proxy: every page, export, API
answer and download for a session or an API token carries ``Cache-Control: no-store``. Public
pages keep theirs."""

import pytest
from django.test import Client

from tests import factories
from tests.api.conftest import api_key
from tests.hardening.test_query_strings import PATHS

pytestmark = pytest.mark.django_db


def _stored(response) -> bool:
    return "no-store" not in response.get("Cache-Control", "")


def test_every_page_a_signed_in_person_opens_is_not_stored(member):
    officer = factories.staff()
    factories.funding_process(organisation=member.memberships.first().organisation, user=member)
    client = Client(raise_request_exception=False)
    stored = []
    for user in (member, officer):
        client.force_login(user)
        for path in PATHS:
            response = client.get(path)
            if response.status_code == 200 and _stored(response):
                stored.append(f"{user.username} {path}")
    assert not stored, "\n".join(stored)


def test_an_api_answer_to_a_token_is_not_stored(officer):
    token = api_key(officer)
    response = Client().get("/api/cases/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert not _stored(response)


def test_public_pages_may_still_be_cached(db):
    response = Client().get("/public/")
    assert response.status_code == 200
    assert _stored(response)
