"""Swedish by default: whatever the browser's Accept-Language asks for, the portal is Swedish;
English only when the person chooses it, kept on their profile (or, before logging in, in
Django's language cookie)."""

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_an_english_browser_gets_swedish_pages(client):
    login = client.get(reverse("login"), **ENGLISH_BROWSER)
    assert '<html lang="sv"' in login.content.decode()
    assert "Logga in" in login.content.decode()

    client.force_login(factories.staff(Role.OFFICER))
    home = client.get(reverse("home"), **ENGLISH_BROWSER).content.decode()
    assert '<html lang="sv"' in home and "Lediga uppgifter" in home


def test_an_anonymous_visitor_who_chooses_english_gets_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"}, **ENGLISH_BROWSER)

    login = client.get(reverse("login"), **ENGLISH_BROWSER).content.decode()

    assert '<html lang="en"' in login


def test_the_choice_is_kept_on_the_profile_and_follows_the_person_to_another_device(client):
    officer = factories.staff(Role.OFFICER)
    client.force_login(officer)
    for _ in range(2):  # choosing twice is no different from choosing once
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    officer.refresh_from_db()
    assert officer.language == "en"

    other_device = Client()  # no language cookie
    other_device.force_login(officer)
    home = other_device.get(reverse("home")).content.decode()
    assert '<html lang="en"' in home and "Tasks waiting to be taken" in home


def test_the_settings_page_offers_the_language(client):
    member = factories.member(factories.OrganisationFactory())
    client.force_login(member)

    page = client.get(reverse("notifications:preferences"), **ENGLISH_BROWSER).content.decode()

    assert 'action="/i18n/setlang/"' in page and "Portalens språk" in page
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    member.refresh_from_db()
    assert member.language == "sv"
