"""Every page says which language it is in (WCAG 3.1.1): ours, viewflow's shell and the login."""

import pytest
from django.urls import reverse

from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/tasks/",
    "/tasks/queue/",
    "/cases/",
    "/notifications/",
    "/notifications/settings/",
    "/funding/",
    "/accessibility/",
    "/public/",
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_has_the_language_of_its_text(client, language):
    assert f'<html lang="{language}"' in _get(client, "/accounts/login/", language)
    client.force_login(factories.staff(Role.OFFICER))
    for path in PAGES:
        assert f'<html lang="{language}"' in _get(client, path, language), path


def _get(client, path: str, language: str) -> str:
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()
