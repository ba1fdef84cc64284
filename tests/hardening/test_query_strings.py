"""Every page's query string is hostile input: whatever a list is asked for, it answers 200, a
redirect or 400, never 500.

The pages are every URL pattern of the project without a path argument (lists, exports, the
start page, the API's lists), found from the URL configuration so that a new list is covered the
day it is added. Each is asked with the query strings below, as an association member and as an
officer with a case in progress.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
QUERIES = [
    f"sort=due&after={HUGE}",
    f"after={HUGE}",
    "after=-1",
    f"page={HUGE}",
    "page=",
    "page=-3",
    f"year={HUGE}",
    "year=-1&month=13",
    "q=%00&kind=%00",
    "status=nope&board=x&programme=%FF&o=-x.y",
    f"overdue=1&limit={HUGE}&offset={HUGE}",
    "format=%00&start=2026-02-31&end=x",
]

# Paths that change something on GET (there are none by design) or end the session.
_NOT_WALKED = {"/accounts/logout/"}


def _paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(settings.ADMIN_URL):
                continue  # the admin is Django's own, fuzzed in tests/fuzz
            yield from _paths(entry, route)
        elif isinstance(entry, URLPattern) and not entry.pattern.converters:
            if "<" in route or "(" in route or "^" in route:
                continue
            path = "/" + route.lstrip("^").rstrip("$")
            if path not in _NOT_WALKED:
                yield path


PATHS = sorted(set(_paths()))


def test_the_walk_covers_the_lists_people_use():
    assert {"/tasks/", "/tasks/queue/", "/cases/", "/public/", "/public/grants/"} <= set(PATHS)


@pytest.fixture
def people(member):
    officer = factories.staff()
    factories.funding_process(organisation=member.memberships.first().organisation, user=member)
    return {"member": member, "officer": officer}


@pytest.mark.parametrize("query", QUERIES)
def test_no_query_string_makes_a_list_fail(people, query):
    client = Client(raise_request_exception=False)
    failures = []
    for role, user in people.items():
        client.force_login(user)
        for path in PATHS:
            response = client.get(f"{path}?{query}")
            if response.status_code >= 500:
                failures.append(f"{role} {path}?{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_page_number_past_any_list_is_refused_as_a_bad_request(client, people):
    client.force_login(people["officer"])
    assert client.get(f"/tasks/?sort=due&after={HUGE}").status_code == 400
    assert client.get(f"/tasks/queue/?after={HUGE}").status_code == 400
    assert client.get("/tasks/?after=-1").status_code == 400
    assert client.get("/tasks/?after=").status_code == 200
