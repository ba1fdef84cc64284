"""The task pages cost a fixed number of queries, however many tasks a person has: the same
for 1, 25 and 100 tasks, and at most 10 (the benchmark's 1,000,000-task database relies on it)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import driver, factories

pytestmark = pytest.mark.django_db

MOST_QUERIES = 10
SIZES = (1, 25, 100)


def _queries(client, user, url) -> int:
    client.force_login(user)
    client.get(url)  # the session is in use already: its login-time write is not the page's
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _costs_by_size(client, user, urls, grow) -> dict[str, list[int]]:
    costs = {url: [] for url in urls}
    made = 0
    for size in SIZES:
        while made < size:
            grow()
            made += 1
        for url in urls:
            costs[url].append(_queries(client, user, url))
    return costs


def _assert_flat(costs):
    for url, counts in costs.items():
        assert len(set(counts)) == 1, f"{url}: {dict(zip(SIZES, counts, strict=True))}"
        assert counts[0] <= MOST_QUERIES, f"{url}: {counts[0]} queries"


def test_the_officers_queue_inbox_and_start_page_cost_the_same_for_1_25_and_100_tasks(
    client, organisation
):
    officer = factories.staff()
    programme = factories.FundingProgrammeFactory()

    def grow():
        factories.funding_process(organisation, programme=programme)  # waits in the queue
        taken = factories.funding_process(organisation, programme=programme)
        (check,) = driver.open_tasks(taken, "check_complete")
        driver.take(client, officer, check)  # in the officer's inbox

    urls = [
        reverse("workflows:queue"),
        reverse("workflows:inbox"),
        reverse("home"),
        reverse("workflows:queue") + "?sort=due",
        reverse("workflows:inbox") + "?overdue=1",
    ]
    _assert_flat(_costs_by_size(client, officer, urls, grow))


def test_a_members_inbox_costs_the_same_for_1_25_and_100_tasks(client, organisation):
    member = factories.member(organisation)
    officer = factories.staff()
    programme = factories.FundingProgrammeFactory()
    due_on = (timezone.localdate() + timezone.timedelta(days=10)).isoformat()

    def grow():
        process = factories.funding_process(organisation, programme=programme, user=member)
        driver.do_one(
            client,
            officer,
            process,
            "check_complete",
            {"result": "supplement", "message": "Bifoga en budget.", "due_on": due_on},
        )
        (answer,) = driver.open_tasks(process, "answer_supplement")
        driver.take(client, member, answer)

    urls = [reverse("workflows:inbox"), reverse("home"), reverse("workflows:inbox") + "?sort=due"]
    _assert_flat(_costs_by_size(client, member, urls, grow))


def _tables_read(client, user, url) -> str:
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in captured.captured_queries)


def test_the_task_pages_know_the_roles_without_reading_the_permission_tables(client, organisation):
    # The menu and the queue ask the roles (read once per request), not Django's permission
    # tables: two queries less on every page.
    officer, member = factories.staff(), factories.member(organisation)
    for user in (officer, member):
        for url in (reverse("workflows:queue"), reverse("workflows:inbox"), reverse("home")):
            assert "auth_permission" not in _tables_read(client, user, url), url
