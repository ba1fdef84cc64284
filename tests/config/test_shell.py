"""The page shell: its menus are rendered once per role and language and reused, so one
person's menu must never show in another's page; and the cheap ISO date filters print what
Django's ``date`` filter prints."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

FOLLOW_UP = reverse("followup:dashboard")
TEAM = reverse("workflows:team")
ABSENCE = reverse("organisations:absences")


def _menu_links(client, user, language="sv") -> set[str]:
    client.force_login(user)
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return {link for link in (FOLLOW_UP, TEAM, ABSENCE) if f'href="{link}"' in html}


def test_each_role_sees_its_own_menu_whoever_opened_a_page_before(client, organisation):
    officer = factories.staff()
    secretary = factories.staff(role=Role.BOARD_SECRETARY, board=factories.BoardFactory())
    member = factories.member(organisation)

    for _ in range(2):  # the second round is served from the shell's cache
        assert _menu_links(client, officer) == {FOLLOW_UP, TEAM, ABSENCE}
        assert _menu_links(client, member) == set()
        assert _menu_links(client, secretary) == {ABSENCE}


def test_the_menu_follows_the_language_of_the_page(client, organisation):
    member = factories.member(organisation)
    client.force_login(member)

    swedish = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("home")).content.decode()

    assert "Lediga uppgifter" in swedish
    assert "Tasks waiting to be taken" in english and "Lediga uppgifter" not in english


MOMENTS = [
    datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC),  # the night summer time starts
    datetime.datetime(2026, 12, 31, 23, 5, tzinfo=datetime.UTC),  # next year in Sweden
    datetime.datetime(2026, 7, 1, 9, 7, tzinfo=ZoneInfo("America/New_York")),
]


def _both(ours: str, djangos: str, value) -> tuple[str, str]:
    context = {"v": value}
    with translation.override("sv"), timezone.override("Europe/Stockholm"):
        return (
            Template("{% load dates %}" + ours).render(Context(context)),
            Template(djangos).render(Context(context)),
        )


@pytest.mark.parametrize("value", [*MOMENTS, datetime.date(2026, 1, 2), None, ""])
def test_iso_date_prints_what_the_date_filter_prints(value):
    ours, djangos = _both("{{ v|iso_date }}", '{{ v|date:"Y-m-d" }}', value)
    assert ours == djangos


@pytest.mark.parametrize("value", [*MOMENTS, None, ""])
def test_iso_minute_prints_what_the_date_filter_prints(value):
    ours, djangos = _both("{{ v|iso_minute }}", '{{ v|date:"Y-m-d H:i" }}', value)
    assert ours == djangos
