"""A new task is told to whoever may take it by one background job after the step commits:
nobody is told twice, however often the job runs, and nobody before the step commits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notifications import services
from notifications.models import Kind, Notification
from notifications.tasks import send_notification_emails
from tests import factories
from workflows.funding import services as flow_services
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.services import task_notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(db):
    return [factories.staff() for _ in range(5)]


def _submit(member, organisation, programme):
    application = factories.funding_draft(organisation, programme, member)
    application = flow_services.application_submit(application=application, acting_user=member)
    return FundingProcess.objects.get(
        flow_class=FundingApplicationFlow, artifact_object_id=application.pk
    )


def test_the_officers_are_told_of_a_new_application_only_after_the_submission_commits(
    officers, member, organisation, django_capture_on_commit_callbacks
):
    programme = factories.FundingProgrammeFactory()
    factories.eligible(organisation)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        process = _submit(member, organisation, programme)
        assert not Notification.objects.filter(kind=Kind.TASK_AVAILABLE).exists()
    for callback in callbacks:
        callback()
    task = Task.objects.get(process=process, flow_task=FundingApplicationFlow.check_complete)
    told = Notification.objects.filter(kind=Kind.TASK_AVAILABLE)
    assert sorted(told.values_list("recipient", flat=True)) == sorted(o.pk for o in officers)
    assert {n.url for n in told} == {task.reverse("assign")}
    assert all(task.process.artifact.case.case_number in n.title for n in told)


def test_a_new_task_is_told_once_even_when_its_job_runs_again(
    officers, member, organisation, django_capture_on_commit_callbacks
):
    programme = factories.FundingProgrammeFactory()
    factories.eligible(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        process = _submit(member, organisation, programme)
    task = Task.objects.get(process=process, flow_task=FundingApplicationFlow.check_complete)
    with django_capture_on_commit_callbacks(execute=True):
        task_notify(task_pk=task.pk)
        task_notify(task_pk=task.pk)
    assert Notification.objects.filter(kind=Kind.TASK_AVAILABLE).count() == len(officers)
    # Besides the sender's confirmation of the application, one e-mail per officer.
    told = {officer.email for officer in officers}
    assert len([message for message in mail.outbox if message.to[0] in told]) == len(officers)


def test_a_task_done_before_its_job_runs_is_not_told(
    officers, member, organisation, django_capture_on_commit_callbacks
):
    programme = factories.FundingProgrammeFactory()
    factories.eligible(organisation)
    with django_capture_on_commit_callbacks(execute=False):
        process = _submit(member, organisation, programme)
    Task.objects.filter(process=process, status=STATUS.NEW).update(status=STATUS.CANCELED)
    task = Task.objects.get(process=process, flow_task=FundingApplicationFlow.check_complete)
    task_notify(task_pk=task.pk)
    assert not Notification.objects.exclude(kind=Kind.CONFIRMATION).exists()


def test_a_batch_of_notifications_is_emailed_by_one_job_each_once(
    officers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = services.notify(recipients=officers, kind=Kind.REMINDER, title="Påminnelse")
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in officers)
    assert send_notification_emails([n.pk for n in sent]) == 0
    assert len(mail.outbox) == len(officers)


def test_notify_once_tells_only_those_not_yet_told(officers):
    first = services.notify_once(
        recipients=officers[:2],
        kind=Kind.REMINDER,
        title="Påminnelse",
        url="/x/",
        since=timezone.now() - timedelta(minutes=1),
    )
    again = services.notify_once(
        recipients=officers,
        kind=Kind.REMINDER,
        title="Påminnelse",
        url="/x/",
        since=first[0].created_at,
    )
    assert {n.recipient_id for n in again} == {o.pk for o in officers[2:]}
    assert Notification.objects.count() == len(officers)
