"""The funding flow walked as each role through the real URLs: who gets which task, the
separation of duties, the branches, the final status and the number of tasks."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from documents.kinds import Kind
from documents.models import Document
from funding.models import FundingApplication, Status
from notifications.models import Notification
from organisations.models import Role
from tests import driver, factories
from workflows import queues
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


def test_every_human_node_says_who_may_take_it():
    for node in FundingApplicationFlow.instance.nodes():
        if getattr(node, "task_type", "") == "HUMAN":
            assert node._owner_permission or node._owner, f"{node.name} is open to everyone"


@pytest.fixture
def people(organisation, programme):
    factories.eligible(organisation)
    return {
        "member": factories.member(organisation),
        "colleague": factories.member(organisation),
        "officer": factories.delegate(programme, Role.OFFICER),
        "other_officer": factories.delegate(programme, Role.OFFICER),
        "delegate": factories.delegate(programme),
        "secretary": factories.staff(Role.BOARD_SECRETARY, board=programme.board),
    }


def _open_task(process, name) -> Task:
    (task,) = driver.open_tasks(process, name)
    return task


def _do(client, user, process, name, data=None):
    """Take the open task ``name`` from ``user``'s queue and complete it with ``data``."""
    task = _open_task(process, name)
    assert task in queues.queue(user), f"{name} is not in {user}'s queue"
    driver.take_and_do(client, user, task, data)
    return task


def _submit(client, member, application) -> FundingProcess:
    client.force_login(member)
    response = client.post(reverse("funding:application_submit", args=[application.pk]))
    assert response.status_code == 302
    return FundingProcess.objects.get(artifact_object_id=application.pk)


def _status(application) -> str:
    return FundingApplication.objects.get(pk=application.pk).status


def _assess(client, officer, process, amount):
    criterion = process.application.programme.criteria.get()
    _do(
        client,
        officer,
        process,
        "assess",
        {
            "no_conflict_of_interest": "on",
            "summary": "Väl förankrat.",
            "proposed_outcome": "approved",
            "proposed_amount": amount,
            f"score_{criterion.pk}": "4",
            f"comment_{criterion.pk}": "Bra",
        },
    )


def test_an_application_goes_from_supplement_to_report_back(
    client, people, organisation, programme, outsider
):
    application = factories.funding_draft(organisation, programme, people["member"])
    process = _submit(client, people["member"], application)
    assert not queues.queue(outsider).exists()
    _do(
        client,
        people["officer"],
        process,
        "check_complete",
        {
            "result": "supplement",
            "message": "Bifoga en budget.",
            "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    assert _status(application) == Status.SUPPLEMENT_REQUESTED
    assert not queues.queue(outsider).exists()
    _do(client, people["colleague"], process, "answer_supplement", {"answer": "Nu bifogad."})
    _do(client, people["officer"], process, "check_complete", {"result": "complete"})
    _assess(client, people["officer"], process, "30000")
    assert _status(application) == Status.AWAITING_DECISION
    assert _open_task(process, "decide_as_delegate")
    _do(
        client,
        people["delegate"],
        process,
        "decide_as_delegate",
        {
            "no_conflict_of_interest": "on",
            "outcome": "approved",
            "amount_granted": "30000",
            "reasons": "Uppfyller villkoren.",
        },
    )
    _do(
        client,
        people["officer"],
        process,
        "pay",
        {"amount": "10000", "paid_on": timezone.localdate().isoformat()},
    )
    _do(
        client,
        people["officer"],
        process,
        "pay",
        {"amount": "20000", "paid_on": timezone.localdate().isoformat()},
    )
    _do(
        client,
        people["member"],
        process,
        "report_back",
        {"description": "Fyra veckor fotboll.", "amount_used": "30000"},
    )
    _do(client, people["officer"], process, "review_report", {"review": "approved"})
    process.refresh_from_db()
    assert process.status == PROCESS.DONE
    assert _status(application) == Status.CLOSED
    human = process.task_set.filter(flow_task_type="HUMAN").count()
    assert human == 9  # check ×2, answer, assess, decide, pay ×2, report, review


def test_the_assessor_cannot_take_the_decision(client, people, organisation, programme):
    application = factories.funding_draft(
        organisation, programme, people["member"], amount_applied=Decimal("15000")
    )
    process = _submit(client, people["member"], application)
    _do(client, people["officer"], process, "check_complete", {"result": "complete"})
    _assess(client, people["officer"], process, "15000")
    task = _open_task(process, "decide_as_officer")
    client.force_login(people["officer"])
    assert client.post(task_url(task, "assign")).status_code == 403
    _do(
        client,
        people["other_officer"],
        process,
        "decide_as_officer",
        {
            "no_conflict_of_interest": "on",
            "outcome": "rejected",
            "amount_granted": "0",
            "reasons": "Utanför programmet.",
        },
    )
    process.refresh_from_db()
    assert process.status == PROCESS.DONE
    assert _status(application) == Status.REJECTED


def test_an_amount_over_the_delegation_goes_to_the_board_with_a_memo(
    client, people, organisation, programme, django_capture_on_commit_callbacks
):
    application = factories.funding_draft(
        organisation, programme, people["member"], amount_applied=Decimal("80000")
    )
    process = _submit(client, people["member"], application)
    _do(client, people["officer"], process, "check_complete", {"result": "complete"})
    _assess(client, people["officer"], process, "80000")
    other_secretary = factories.staff(Role.BOARD_SECRETARY, board=factories.BoardFactory())
    assert not queues.queue(other_secretary).exists()
    assert not queues.queue(people["delegate"]).filter(process=process).exists()
    assert not queues.queue(people["secretary"]).filter(process=process).exists()
    with django_capture_on_commit_callbacks(execute=True):
        _do(
            client,
            people["officer"],
            process,
            "write_board_memo",
            {
                "summary": "Föreningen söker 80 000 kr.",
                "proposal": "Fritidsnämnden beviljar 60 000 kr.\nBeslutet justeras omedelbart.",
                "meeting_date": timezone.localdate().isoformat(),
            },
        )
    case = FundingApplication.objects.get(pk=application.pk).case
    memo = Document.objects.get(case=case, kind=Kind.BOARD_MEMO)
    assert memo.status == Document.Status.FINAL and memo.rendered_at is not None
    assert memo.context["proposals"] == [
        "Fritidsnämnden beviljar 60 000 kr.",
        "Beslutet justeras omedelbart.",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        _do(
            client,
            people["secretary"],
            process,
            "record_board_decision",
            {
                "no_conflict_of_interest": "on",
                "outcome": "partly_approved",
                "amount_granted": "60000",
                "reasons": "Delvis.",
                "meeting_date": timezone.localdate().isoformat(),
                "protocol_paragraph": "§ 12",
            },
        )
    assert _status(application) == Status.GRANTED
    assert _open_task(process, "pay")
    decision = FundingApplication.objects.get(pk=application.pk).decision
    assert (decision.authority, decision.protocol_paragraph) == ("board", "§ 12")
    letter = Document.objects.get(case=case, kind=Kind.DECISION_LETTER)
    assert letter.context["decided_by"]["authority"] == "board"
    assert Notification.objects.filter(recipient=people["member"], kind="decision").exists()


def _ask_for_supplement(client, people, process, due_on):
    _do(
        client,
        people["officer"],
        process,
        "check_complete",
        {"result": "supplement", "message": "Bifoga en budget.", "due_on": due_on.isoformat()},
    )


def test_an_unanswered_supplement_goes_to_assessment_when_its_deadline_has_passed(
    client, people, organisation, programme
):
    application = factories.funding_draft(organisation, programme, people["member"])
    process = _submit(client, people["member"], application)
    due_on = timezone.localdate() + timedelta(days=5)
    _ask_for_supplement(client, people, process, due_on)
    with time_machine.travel(timezone.make_aware(datetime.combine(due_on, time(23, 30)))):
        assert fire_due_timers() == 0  # the last day is the organisation's
    with time_machine.travel(
        timezone.make_aware(datetime.combine(due_on, time(23, 30))) + timedelta(hours=1)
    ):
        assert fire_due_timers() == 1
    supplement = Task.objects.get(
        process=process, flow_task=FundingApplicationFlow.answer_supplement
    )
    assert supplement.status == STATUS.CANCELED
    assert _status(application) == Status.IN_ASSESSMENT
    assert Notification.objects.filter(
        recipient=people["officer"], kind="deadline_warning"
    ).exists()
    assert _open_task(process, "assess") in queues.queue(people["other_officer"])
    client.force_login(people["member"])
    late = client.post(task_url(supplement, "execute"), {"answer": "För sent."})
    assert late.status_code == 409  # the page says the task was cancelled; nothing is saved
    assert "Uppgiften avbröts" in late.content.decode()
    _assess(client, people["other_officer"], process, "30000")
    assert _status(application) == Status.AWAITING_DECISION


def test_a_supplement_answered_in_time_stops_its_timer(client, people, organisation, programme):
    application = factories.funding_draft(organisation, programme, people["member"])
    process = _submit(client, people["member"], application)
    due_on = timezone.localdate() + timedelta(days=5)
    _ask_for_supplement(client, people, process, due_on)
    _do(client, people["member"], process, "answer_supplement", {"answer": "Nu bifogad."})
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert fire_due_timers() == 0
    assert _status(application) == Status.SUBMITTED
    assert _open_task(process, "check_complete")


def test_a_refused_submission_starts_no_flow(client, people, organisation, programme):
    organisation.evidence.all().delete()
    application = factories.funding_draft(organisation, programme, people["member"])
    client.force_login(people["member"])
    response = client.post(reverse("funding:application_submit", args=[application.pk]))
    assert response.status_code == 400
    assert "saknas" in response.content.decode() or "missing" in response.content.decode()
    assert not FundingProcess.objects.exists()


def test_a_refused_report_back_file_is_explained_and_nothing_is_kept(
    client, people, organisation, programme
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from funding.models import Attachment

    application = factories.funding_draft(organisation, programme, people["member"])
    process = _submit(client, people["member"], application)
    _do(client, people["officer"], process, "check_complete", {"result": "complete"})
    _assess(client, people["officer"], process, "30000")
    reasons = {
        "no_conflict_of_interest": "on",
        "outcome": "approved",
        "amount_granted": "30000",
        "reasons": "Bra.",
    }
    _do(client, people["delegate"], process, "decide_as_delegate", reasons)
    today = timezone.localdate().isoformat()
    _do(client, people["officer"], process, "pay", {"amount": "30000", "paid_on": today})
    task = _open_task(process, "report_back")
    driver.take(client, people["member"], task)
    attachments_before = Attachment.objects.count()
    response = client.post(
        task_url(task, "execute"),
        {
            "description": "Klart.",
            "amount_used": "30000",
            "attachments": [SimpleUploadedFile("kvitto.pdf", b"MZ\x90\x00 not a pdf")],
        },
        headers={"X-Request-Framework": "Turbo"},  # as the Site's Turbo sends a form
    )
    assert response.status_code == 422  # Turbo shows the page it gets back only when not a 200
    assert "kvitto.pdf" in " ".join(response.context["form"].errors["attachments"])
    html = response.content.decode()
    assert 'class="sp-error-summary"' in html and 'id="id_attachments_error"' in html
    assert Attachment.objects.count() == attachments_before
    assert _status(application) == Status.PAID
    assert _open_task(process, "report_back").status == STATUS.ASSIGNED  # still to be done
