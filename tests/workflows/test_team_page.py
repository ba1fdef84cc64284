"""The page where a coordinator passes on the tasks of colleagues who are away: one form per
task, each with ids of its own, read in a fixed number of queries however many tasks there are,
and only the people the page offered can be chosen."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow.status import STATUS

from organisations.models import Absence, Role
from tests import factories
from tests.driver import open_tasks
from tests.html_ids import ids_of

pytestmark = pytest.mark.django_db


def _held_by(officer, organisation):
    task = open_tasks(factories.iop_process(organisation), "screen")[0]
    with task.activation() as activation:
        activation.assign(officer)
    return task


def _queries(client, url) -> tuple[int, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_page_costs_the_same_for_1_and_5_tasks_and_every_field_has_its_own_id(
    client, organisation, officer
):
    colleague = factories.staff(Role.OFFICER)
    coordinator = factories.staff(Role.COORDINATOR)
    today = dt.date.today()
    Absence.objects.create(user=officer, starts_on=today, ends_on=today)
    client.force_login(coordinator)
    url = reverse("workflows:team")

    _held_by(officer, organisation)
    one, _html = _queries(client, url)
    for _ in range(4):
        _held_by(officer, organisation)
    five, html = _queries(client, url)

    assert one == five
    page = ids_of(html)
    assert [id_ for id_, count in page.ids.items() if count > 1] == []
    assert [target for target in page.label_targets if target not in page.ids] == []
    assert html.count(f'<option value="{colleague.pk}">') == 5
    assert f'<option value="{officer.pk}">' not in html  # away today


def test_only_someone_the_page_offered_can_be_chosen(client, organisation, officer, member):
    coordinator = factories.staff(Role.COORDINATOR)
    today = dt.date.today()
    Absence.objects.create(user=officer, starts_on=today, ends_on=today)
    task = _held_by(officer, organisation)
    client.force_login(coordinator)

    response = client.post(reverse("workflows:team"), {"task": task.pk, "to_user": member.pk})

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.owner, task.status) == (officer, STATUS.ASSIGNED)
    page = client.get(response.url).content.decode()
    assert "Välj vem som ska ta uppgiften" in page
