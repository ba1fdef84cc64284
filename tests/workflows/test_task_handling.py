"""Due dates in inboxes and queues, notifications of new tasks, passing tasks on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework import services as case_services
from casework.models import AuditEvent, Deadline
from notifications.models import Notification
from organisations.models import Absence, Role
from tests import driver, factories
from tests.driver import open_tasks
from workflows import queues, services
from workflows.actions import WorkflowAction
from workflows.models import CaseProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening_task(organisation, officer):
    process = factories.iop_process(organisation)
    return open_tasks(process, "screen")[0]


def _due(task, officer, days: int, *, of_task: bool = True):
    """A staff deadline ``days`` from today on the task's case, bound to the task or not."""
    return case_services.deadline_set(
        case=CaseProcess.objects.get(pk=task.process_id).case,
        kind=Deadline.Kind.OTHER,
        audience=Deadline.Audience.STAFF,
        due_on=dt.date.today() + dt.timedelta(days=days),
        acting_user=officer,
        task_id=task.pk if of_task else None,
    )


def test_the_queue_shows_due_dates_sorts_by_them_and_filters_overdue(client, organisation, officer):
    later = open_tasks(factories.iop_process(organisation), "screen")[0]
    sooner = open_tasks(factories.iop_process(organisation), "screen")[0]
    undated = open_tasks(factories.iop_process(organisation), "screen")[0]
    _due(later, officer, 10)
    _due(sooner, officer, -2)
    client.force_login(officer)
    by_due = client.get(reverse("workflows:queue"), {"sort": "due"})
    assert [task.pk for task in by_due.context["tasks"]] == [sooner.pk, later.pk, undated.pk]
    assert "Försenad" in by_due.content.decode()
    overdue = client.get(reverse("workflows:queue"), {"overdue": "1"})
    assert [task.pk for task in overdue.context["tasks"]] == [sooner.pk]


def test_paging_by_due_date_goes_from_the_dated_tasks_on_to_the_rest(organisation, officer):
    tasks = [open_tasks(factories.iop_process(organisation), "screen")[0] for _ in range(6)]
    first, second, third, met, *undated = tasks
    _due(second, officer, 5)
    _due(first, officer, -1)
    _due(first, officer, 20)  # a second deadline: the task is listed once, by the sooner
    _due(third, officer, 9)
    _due(met, officer, 1)
    Deadline.objects.filter(task_id=met.pk).update(met_at=timezone.now())
    _due(undated[0], officer, -5, of_task=False)  # the case's deadline dates none of its tasks
    queue = queues.with_due_dates(queues.queue(officer))

    pages = []
    for offset in (0, 2, 4, 6):
        page, more = queues.page_by_due_date(queue, offset=offset, size=2)
        pages.append(([task.pk for task in page], more))

    assert pages == [
        ([first.pk, second.pk], True),
        ([third.pk, met.pk], True),  # a met deadline no longer dates its task
        ([task.pk for task in undated], False),
        ([], False),
    ]
    assert [task.due_on for task in queues.page_by_due_date(queue, size=4)[0]] == [
        dt.date.today() + dt.timedelta(days=days) for days in (-1, 5, 9)
    ] + [None]


def test_a_new_task_tells_those_who_may_take_it(
    organisation, officer, django_capture_on_commit_callbacks
):
    member = factories.member(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        factories.iop_process(organisation)
    assert Notification.objects.filter(recipient=officer, kind="task_available").count() == 1
    assert not Notification.objects.filter(recipient=member).exists()


def test_an_absent_officers_task_is_passed_on_by_a_coordinator(client, screening_task, officer):
    colleague = factories.staff(Role.OFFICER)
    coordinator = factories.staff(Role.COORDINATOR)
    with screening_task.activation() as activation:
        activation.assign(officer)
    today = dt.date.today()
    Absence.objects.create(user=officer, starts_on=today, ends_on=today)
    client.force_login(coordinator)
    page = client.get(reverse("workflows:team"))
    assert [task.pk for task, _form in page.context["rows"]] == [screening_task.pk]
    response = client.post(
        reverse("workflows:team"), {"task": screening_task.pk, "to_user": colleague.pk}
    )
    screening_task.refresh_from_db()
    assert screening_task.owner == officer  # not without the reason
    reason = "Sjuk hela veckan."
    response = client.post(
        reverse("workflows:team"),
        {"task": screening_task.pk, "to_user": colleague.pk, "reason": reason},
    )
    assert response.status_code == 302
    screening_task.refresh_from_db()
    assert (screening_task.owner, screening_task.status) == (colleague, STATUS.ASSIGNED)
    event = AuditEvent.objects.get(action=WorkflowAction.TASK_REASSIGNED)
    assert (event.reason, event.actor) == (reason, coordinator)
    assert Notification.objects.filter(recipient=colleague, kind="task_assigned").exists()


def test_a_task_goes_back_to_the_queue_and_only_to_people_who_may_take_it(
    screening_task, officer, member
):
    coordinator = factories.staff(Role.COORDINATOR)
    with screening_task.activation() as activation:
        activation.assign(officer)
    with pytest.raises(Exception, match="får inte ta"):
        services.task_reassign(
            task=screening_task, acting_user=coordinator, to_user=member, reason="Semester."
        )
    with pytest.raises(ValidationError) as refused:
        services.task_reassign(task=screening_task, acting_user=coordinator, reason=" ")
    assert "reason" in refused.value.message_dict
    services.task_reassign(
        task=screening_task, acting_user=coordinator, to_user=None, reason="Semester."
    )
    screening_task.refresh_from_db()
    assert (screening_task.owner, screening_task.status) == (None, STATUS.NEW)


def test_a_member_cannot_pass_on_anyones_task(screening_task, officer, member):
    from django.core.exceptions import PermissionDenied

    with screening_task.activation() as activation:
        activation.assign(officer)
    with pytest.raises(PermissionDenied):
        services.task_reassign(
            task=screening_task, acting_user=member, to_user=None, reason="Vill inte."
        )


# Tasks held by people who may no longer take them ---------------------------------------------


def _supplement_taken_by(client, member, organisation):
    """An application sent back for completion; the association's task taken by ``member``."""
    officer = factories.staff()
    process = factories.funding_process(organisation, user=member)
    due_on = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    driver.do_one(
        client,
        officer,
        process,
        "check_complete",
        {"result": "supplement", "message": "Bifoga en budget.", "due_on": due_on},
    )
    (answer,) = driver.open_tasks(process, "answer_supplement")
    driver.take(client, member, answer)
    answer.refresh_from_db()
    assert (answer.owner, answer.status) == (member, STATUS.ASSIGNED)
    return answer, process


def test_a_task_held_by_a_member_who_left_goes_back_to_the_associations_queue(client, organisation):
    leaver = factories.member(organisation)
    colleague = factories.member(organisation)
    task, process = _supplement_taken_by(client, leaver, organisation)
    leaver.memberships.update(valid_until=dt.date.today() - dt.timedelta(days=1))

    assert services.release_tasks_of_those_who_left() == 1

    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)
    assert list(queues.queue(colleague)) == [task]
    case = process.artifact.case
    event = case.events.get(action="task_reassigned")
    assert (event.actor, event.from_state, event.to_state) == (None, leaver.username, "queue")
    assert leaver.username in event.reason
    back = Notification.objects.filter(title__startswith="En uppgift är tillbaka i kön")
    assert [n.recipient for n in back] == [colleague]
    assert case.case_number in back.get().title
    # Nothing more to do the next night.
    assert services.release_tasks_of_those_who_left() == 0


def test_tasks_stay_with_people_who_may_still_take_them(client, organisation, screening_task):
    member = factories.member(organisation)
    task, _process = _supplement_taken_by(client, member, organisation)
    officer = factories.staff()
    with screening_task.activation() as activation:
        activation.assign(officer)

    assert services.release_tasks_of_those_who_left() == 0

    task.refresh_from_db()
    screening_task.refresh_from_db()
    assert (task.owner, screening_task.owner) == (member, officer)


def test_leaving_one_association_returns_only_its_tasks(client, organisation):
    other = factories.OrganisationFactory()
    person = factories.member(organisation)
    factories.MembershipFactory(user=person, organisation=other, role=Role.MEMBER)
    kept, _process = _supplement_taken_by(client, person, other)
    returned, _process = _supplement_taken_by(client, person, organisation)
    person.memberships.filter(organisation=organisation).update(
        valid_until=dt.date.today() - dt.timedelta(days=1)
    )

    assert services.release_tasks_of_those_who_left() == 1

    kept.refresh_from_db()
    returned.refresh_from_db()
    assert (kept.owner, returned.owner) == (person, None)


def test_a_superuser_keeps_a_task_passed_to_them(client, organisation):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    member = factories.member(organisation)
    task, _process = _supplement_taken_by(client, member, organisation)
    with task.activation() as activation:
        activation.reassign(user=admin)

    assert services.release_tasks_of_those_who_left() == 0
    task.refresh_from_db()
    assert task.owner == admin


def test_a_task_passed_on_meanwhile_stays_with_its_new_holder(screening_task):
    leaver, colleague = factories.staff(), factories.staff()
    with screening_task.activation() as activation:
        activation.assign(colleague)
    # The job read the task as the leaver's; a coordinator gave it to a colleague since.
    assert services._release(screening_task, previous=leaver) is False
    screening_task.refresh_from_db()
    assert screening_task.owner == colleague
    assert not CaseProcess.objects.get(pk=screening_task.process_id).case.events.filter(
        action="task_reassigned"
    )


def test_a_task_that_cannot_be_moved_does_not_stop_the_others(monkeypatch, caplog, organisation):
    leaver = factories.staff()
    first, second = (open_tasks(factories.iop_process(organisation), "screen")[0] for _ in range(2))
    for task in (first, second):
        with task.activation() as activation:
            activation.assign(leaver)
    leaver.is_active = False
    leaver.save()
    hand_over = services._hand_over

    def busy_first(task, **kwargs):
        if task.pk == first.pk:
            raise RuntimeError("process busy")
        return hand_over(task, **kwargs)

    monkeypatch.setattr(services, "_hand_over", busy_first)

    assert services.release_tasks_of_those_who_left() == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.owner, second.owner) == (leaver, None)
    assert f"Task {first.pk} could not be returned" in caplog.text


def test_a_closed_accounts_tasks_go_back_to_the_officers_queue(screening_task):
    leaver, colleague = factories.staff(), factories.staff()
    with screening_task.activation() as activation:
        activation.assign(leaver)
    leaver.is_active = False
    leaver.save()

    assert services.release_tasks_of_those_who_left() == 1

    screening_task.refresh_from_db()
    assert (screening_task.owner, screening_task.status) == (None, STATUS.NEW)
    assert screening_task in queues.queue(colleague)
    assert Notification.objects.filter(recipient=colleague, kind="task_available").exists()
    assert not Notification.objects.filter(recipient=leaver, kind="task_available").exists()


def test_the_nightly_job_is_scheduled_and_returns_what_it_released(settings, screening_task):
    from workflows import tasks

    schedule = settings.CELERY_BEAT_SCHEDULE["release-tasks-of-those-who-left"]
    assert schedule["task"] == tasks.release_tasks_of_those_who_left.name
    leaver = factories.staff()
    with screening_task.activation() as activation:
        activation.assign(leaver)
    leaver.memberships.update(valid_until=dt.date.today() - dt.timedelta(days=1))
    assert tasks.release_tasks_of_those_who_left.delay().get() == 1


def test_without_beat_a_command_returns_the_tasks(screening_task):
    from io import StringIO

    from django.core.management import call_command

    leaver = factories.staff()
    with screening_task.activation() as activation:
        activation.assign(leaver)
    leaver.memberships.all().delete()  # the role taken away
    out = StringIO()
    call_command("release_tasks", stdout=out)
    assert out.getvalue().strip() == "returned to their queues: 1"
    screening_task.refresh_from_db()
    assert screening_task.status == STATUS.NEW
