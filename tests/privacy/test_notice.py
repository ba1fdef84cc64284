"""The privacy notice (GDPR art. 13): open to everyone, it names the controller, the purposes,
the legal basis, how long the data is kept (the archive law before erasure), the rights, the
supervisory authority and a contact; the page shell and the login page link to it."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@override_settings(DATA_PROTECTION_OFFICER_EMAIL="dso@example.org", CITY_NAME="Malmö stad")
def test_anyone_reads_the_notice_without_logging_in_and_finds_what_article_13_asks(client):
    board = factories.BoardFactory(name="Fritidsnämnden")
    response = client.get(reverse("privacy:notice"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in html
    assert html.count("<h1") == 1
    assert "Så behandlar vi personuppgifter" in html
    # The controller: the board whose case it is, each board of the city named.
    assert "Personuppgiftsansvarig är den nämnd i Malmö stad som ärendet hör till" in html
    assert f"<li>{board.name}</li>" in html
    # Purposes, legal basis (public interest / exercise of authority; IOP also the agreement).
    assert "återrapportering" in html
    assert "allmänt intresse och som ett led i myndighetsutövning" in html
    assert "artikel 6.1 e" in html and "artikel 6.1 b" in html
    # Retention: public records are kept and disposed of only under a decision on disposal.
    assert "allmänna handlingar" in html and "gallringsbeslut" in html and "arkivlagen" in html
    # The rights, the party's access to the case, the complaint to IMY and the contact.
    for right in ("Tillgång", "Rättelse", "Radering", "Begränsning", "Invändning"):
        assert right in html
    assert "10 § förvaltningslagen" in html
    assert 'href="https://www.imy.se"' in html and "Integritetsskyddsmyndigheten" in html
    assert 'href="mailto:dso@example.org"' in html


def test_the_notice_is_available_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    html = client.get(reverse("privacy:notice")).content.decode()
    assert '<html lang="en"' in html
    assert "How we process personal data" in html
    assert "public interest and in the exercise of official authority" in html
    assert "Swedish Authority for Privacy Protection" in html


def test_the_notice_is_linked_from_the_login_page_and_from_every_portal_page(client, member):
    notice = f'href="{reverse("privacy:notice")}"'
    assert notice in client.get(reverse("login")).content.decode()
    assert notice in client.get(reverse("accessibility:statement")).content.decode()
    client.force_login(member)
    assert notice in client.get(reverse("home")).content.decode()


def test_the_notice_is_only_read(client):
    assert client.post(reverse("privacy:notice")).status_code == 405
