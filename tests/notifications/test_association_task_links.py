"""An association is told of its new task with a link that opens it at once, as its start
page does; staff are still sent to take a task from their queue first."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Kind, Notification
from tests import factories
from tests.driver import do_one, open_tasks

pytestmark = pytest.mark.django_db


def test_the_organisations_new_task_links_to_opening_it(
    organisation, django_capture_on_commit_callbacks
):
    officer = factories.staff()
    with django_capture_on_commit_callbacks(execute=True):
        process = factories.funding_process(organisation)
    (check,) = open_tasks(process, "check_complete")
    member = factories.member(organisation)
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        supplement = {"result": "supplement", "message": "Bifoga budgeten.", "due_on": due}
        do_one(Client(), officer, process, "check_complete", supplement)
    (task,) = open_tasks(process, "answer_supplement")

    told = Notification.objects.get(recipient=member, kind=Kind.TASK_AVAILABLE)
    assert told.url == reverse("workflows:task_open", args=[task.pk])
    officers = Notification.objects.get(recipient=officer, kind=Kind.TASK_AVAILABLE)
    assert officers.url == check.reverse("assign")
