"""When something goes wrong the person reads, in Swedish, what happened and what to do."""

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

from tests import factories

pytestmark = pytest.mark.django_db


def test_an_unknown_address_shows_the_portals_not_found_page(client, organisation):
    client.force_login(factories.member(organisation))

    response = client.get("/cases/N0-1999-99999/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan hittades inte" in page
    assert "eller så har du inte tillgång till den" in page  # never tells that it exists
    assert 'href="/cases/"' in page


def test_a_server_error_page_needs_no_request_and_says_nothing_was_half_saved():
    response = defaults.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Något gick fel" in page and "Inget av det du skickade sparades till hälften" in page


def test_a_request_that_cannot_be_read_is_explained():
    response = defaults.bad_request(RequestFactory().get("/"), exception=ValueError())

    assert response.status_code == 400
    assert "Begäran kunde inte läsas" in response.content.decode()


def test_a_form_sent_from_an_expired_page_says_to_reload_it():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/accounts/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "Sidan hade gått ut" in response.content.decode()
