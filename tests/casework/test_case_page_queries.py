"""A case page costs a fixed number of queries, however long its history: the same for 1, 25
and 100 events and comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework import services
from tests import factories

pytestmark = pytest.mark.django_db

SIZES = (1, 25, 100)


def _page_queries(client, user, case) -> int:
    client.force_login(user)
    client.get(case.get_absolute_url())  # the login-time session write is not the page's
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return len(captured)


def _grow(case, officer, member, count):
    for index in range(count):
        author = officer if case.comments.count() % 2 else member
        services.comment_add(
            case=case,
            acting_user=author,
            body=f"Kommentar {index}",
            internal=author is officer and index % 2 == 0,
        )


@pytest.mark.parametrize("who", ["officer", "member"])
def test_the_case_page_costs_the_same_for_1_25_and_100_events_and_comments(
    client, organisation, who
):
    member = factories.member(organisation)
    officer = factories.staff()
    case = factories.CaseFactory(organisation=organisation)
    viewer = officer if who == "officer" else member
    counts, made = [], 0
    for size in SIZES:
        # each comment is also an event; every one by another person (no cached authors)
        for _ in range(size - made):
            _grow(case, factories.staff(), factories.member(organisation), 1)
        made = size
        counts.append(_page_queries(client, viewer, case))
    assert len(set(counts)) == 1, dict(zip(SIZES, counts, strict=True))


def test_an_officers_case_page_knows_the_officers_rights_without_the_permission_tables(
    client, organisation
):
    officer = factories.staff()
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(officer)
    client.get(case.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert "Arbetsanteckning" in response.content.decode()  # the working-note box: the right holds
    assert not any("auth_permission" in query["sql"] for query in captured.captured_queries)
