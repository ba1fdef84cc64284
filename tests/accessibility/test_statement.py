"""The accessibility statement (tillgänglighetsredogörelse): open to everyone, in Swedish and
English, with the known shortcomings, a way to report a problem and the supervising authority."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(ACCESSIBILITY_CONTACT_EMAIL="tillganglighet@example.org")
def test_anyone_reads_the_statement_without_logging_in_and_can_report_a_problem(client):
    response = client.get(reverse("accessibility:statement"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in html
    assert 'href="mailto:tillganglighet@example.org?subject=' in html
    assert "https://www.digg.se/tdosanmalan" in html
    assert html.count("<h1") == 1


def test_the_statement_is_available_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accessibility/"})
    html = client.get(reverse("accessibility:statement")).content.decode()
    assert '<html lang="en"' in html
    assert "Accessibility statement for Samverkansportalen" in html
    assert "partially compliant" in html
    assert "The Agency for Digital Government (DIGG)" in html


def test_the_statement_is_linked_from_the_login_page_and_from_every_portal_page(client, member):
    statement = f'href="{reverse("accessibility:statement")}"'
    assert statement in client.get(reverse("login")).content.decode()
    client.force_login(member)
    assert statement in client.get(reverse("home")).content.decode()


def test_the_statement_is_only_read(client):
    assert client.post(reverse("accessibility:statement")).status_code == 405
