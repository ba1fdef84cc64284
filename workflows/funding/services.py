"""What a person or a timer does to a funding application in its workflow, one function each.

Each owns its transaction: it calls the domain service of ``funding.services`` and moves the
process on in the same transaction (starts it, or finishes the task in hand with
``activation.execute()``), and returns the application. The task pages, the demo and the tests
call only these. A refusal (``ValidationError``, ``PermissionDenied``) leaves the task open and
nothing saved.

A task's service is given the task's activation, taken and opened as the task's page does (the
page's wrapper holds the process's lock); a caller without a page opens it with
``workflows.services.task_take``.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import events
from funding import services as funding
from funding.delegation import Route, node_of, route_of, size_of_matter
from funding.models import FundingApplication
from organisations import policy as org_policy
from workflows.models import FundingProcess

from ..actions import WorkflowAction
from ..services import ensure_task_of


def _application(activation, *nodes: str) -> FundingApplication:
    """The application of the task in hand, which must be a task of one of ``nodes``."""
    ensure_task_of(activation, nodes)
    application = FundingApplication.objects.select_related(
        "programme__board", "organisation", "case"
    ).get(pk=activation.process.artifact_object_id)
    # The process's artifact is this application: the finished task's audit event finds the
    # case here instead of reading the application again (``case_of``).
    activation.process.artifact = application
    return application


@transaction.atomic
def application_submit(*, application: FundingApplication, acting_user) -> FundingApplication:
    """Send the application: it is registered as a case and its workflow starts, at the
    officers' completeness check."""
    # The flow names its task pages, which call the services below: the flow is imported when
    # an application starts it, not when the pages import this module.
    from .flows import FundingApplicationFlow

    application = funding.application_submit(application=application, acting_user=acting_user)
    FundingApplicationFlow.submit.run(application=application)
    return application


@transaction.atomic
def completeness_check(
    *, activation, acting_user, complete: bool, message: str = "", due_on: date | None = None
) -> FundingApplication:
    """The officer finds the application complete (it goes on to assessment) or asks the
    organisation for a supplement by ``due_on``."""
    application = _application(activation, "check_complete")
    if complete:
        application = funding.application_mark_complete(
            application=application, acting_user=acting_user
        )
    else:
        application = funding.application_request_supplement(
            application=application, acting_user=acting_user, message=message, due_on=due_on
        ).application
    activation.execute()
    return application


@transaction.atomic
def supplement_answer(*, activation, acting_user, answer: str) -> FundingApplication:
    """The organisation answers the supplement request; the officer checks it again."""
    application = funding.application_resubmit(
        application=_application(activation, "answer_supplement"),
        acting_user=acting_user,
        answer=answer,
    )
    activation.execute()
    return application


@transaction.atomic
def supplement_overdue(*, activation) -> FundingApplication:
    """The flow's timer: no supplement came by its deadline, so the application goes on to
    assessment on what is there (the waiting task is cancelled by the timer, and this step is
    completed by its node)."""
    return funding.application_supplement_overdue(
        application=_application(activation, "supplement_overdue")
    )


@transaction.atomic
def assessment_record(
    *,
    activation,
    acting_user,
    no_conflict_of_interest: bool,
    proposed_outcome: str,
    proposed_amount: Decimal,
    summary: str,
    scores: dict,
    matter_of_principle: bool = False,
) -> FundingApplication:
    """The officer scores the application per criterion and proposes a decision, declaring
    on conflict of interest; a matter of principle flagged here goes to the board."""
    assessment = funding.assessment_record(
        application=_application(activation, "assess"),
        acting_user=acting_user,
        no_conflict_of_interest=no_conflict_of_interest,
        proposed_outcome=proposed_outcome,
        proposed_amount=proposed_amount,
        summary=summary,
        scores=scores,
        matter_of_principle=matter_of_principle,
    )
    activation.execute()
    return assessment.application


@transaction.atomic
def decision_record(
    *,
    activation,
    acting_user,
    no_conflict_of_interest: bool,
    outcome: str,
    amount_granted: Decimal,
    reasons: str,
) -> FundingApplication:
    """An officer or delegate who holds the route's point of the delegation order, has no
    conflict of interest and did not assess it decides; the service refuses a matter outside
    the route of this task."""
    decision = funding.decision_record(
        application=_application(activation, "decide_as_officer", "decide_as_delegate"),
        acting_user=acting_user,
        no_conflict_of_interest=no_conflict_of_interest,
        outcome=outcome,
        amount_granted=amount_granted,
        reasons=reasons,
        task=activation.flow_task.name,
    )
    activation.execute()
    return decision.application


@transaction.atomic
def board_memo_write(
    *, activation, acting_user, summary: str, proposal: str, meeting_date: date
) -> FundingApplication:
    """The officer's memo puts the application before the board; its secretary records the
    board's decision next."""
    application = _application(activation, "write_board_memo")
    funding.board_memo_request(
        application=application,
        acting_user=acting_user,
        summary=summary,
        proposal=proposal,
        meeting_date=meeting_date,
    )
    activation.execute()
    return application


@transaction.atomic
def board_decision_record(
    *,
    activation,
    acting_user,
    no_conflict_of_interest: bool,
    outcome: str,
    amount_granted: Decimal,
    reasons: str,
    meeting_date: date,
    protocol_paragraph: str,
) -> FundingApplication:
    """The board's secretary records the decision the board took at its meeting, declaring
    on conflict of interest."""
    decision = funding.decision_record(
        application=_application(activation, "record_board_decision"),
        acting_user=acting_user,
        no_conflict_of_interest=no_conflict_of_interest,
        task="record_board_decision",
        outcome=outcome,
        amount_granted=amount_granted,
        reasons=reasons,
        meeting_date=meeting_date,
        protocol_paragraph=protocol_paragraph,
    )
    activation.execute()
    return decision.application


@transaction.atomic
def payout_record(*, activation, acting_user, amount: Decimal, paid_on: date) -> FundingApplication:
    """The officer records one tranche paid; another follows until the grant is paid in
    full, then the organisation reports back."""
    payout = funding.payout_record(
        application=_application(activation, "pay"),
        acting_user=acting_user,
        amount=amount,
        paid_on=paid_on,
    )
    activation.execute()
    return payout.application


@transaction.atomic
def report_back_submit(
    *, activation, acting_user, description: str, amount_used: Decimal, attachments=()
) -> FundingApplication:
    """The organisation reports what was done and the money used, with its attachments."""
    report = funding.report_back_submit(
        application=_application(activation, "report_back"),
        acting_user=acting_user,
        description=description,
        amount_used=amount_used,
        attachments=attachments,
    )
    activation.execute()
    return report.application


@transaction.atomic
def report_back_review(
    *,
    activation,
    acting_user,
    review: str,
    note: str = "",
    repayment_amount: Decimal | None = None,
    repayment_due_on: date | None = None,
) -> FundingApplication:
    """The officer approves the report-back (the case closes), asks for more, or claims back
    money not used as granted (a decision, with its letter)."""
    report = funding.report_back_review(
        application=_application(activation, "review_report"),
        acting_user=acting_user,
        review=review,
        note=note,
        repayment_amount=repayment_amount,
        repayment_due_on=repayment_due_on,
    )
    activation.execute()
    return report.application


@transaction.atomic
def repayment_claim_unreported(
    *,
    application: FundingApplication,
    acting_user,
    amount: Decimal,
    reasons: str,
    due_on: date | None = None,
    decider_title: str = "",
):
    """No report-back came by its deadline after a reminder: the grant is claimed back (a
    decision, with its letter), and the process waiting for the report-back is cancelled in
    the same transaction, its open task recorded; the claim is followed on the case."""
    # The flow names its task pages, which call the services above: read when a case stops.
    from .flows import FundingApplicationFlow

    claim = funding.repayment_claim_unreported(
        application=application,
        acting_user=acting_user,
        amount=amount,
        reasons=reasons,
        due_on=due_on,
        decider_title=decider_title,
    )
    process = FundingProcess.objects.filter(
        flow_class=FundingApplicationFlow,
        artifact_object_id=application.pk,
        status=PROCESS.NEW,
    ).first()
    if process is not None:
        open_tasks = [
            task.flow_task.name
            for task in process.task_set.filter(flow_task_type="HUMAN")
            .exclude(status__in=[STATUS.DONE, STATUS.CANCELED, STATUS.REVIVED])
            .order_by("pk")
        ]
        FundingApplicationFlow.instance.cancel(process)
        events.record(
            application,
            acting_user,
            WorkflowAction.PROCESS_CANCELLED,
            reason=claim.reason,
            data={"process": process.pk, "tasks": open_tasks},
        )
    return claim


# The decision tasks a route once led to that the delegation order may no longer give the case:
# the route now follows the amount applied for, not the assessor's proposal (kommunallagen 6
# kap. 37 §), so a decision waiting here may belong to a delegate or the board.
REROUTABLE = ("decide_as_officer", "decide_as_delegate")


def decision_misrouted(task: Task) -> Route | None:
    """The route the delegation order gives the case of this open decision task, when the task
    is not that route's (nobody may then take it); None when it is where it belongs."""
    if task.flow_task.name not in REROUTABLE or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return None
    route = route_of(FundingProcess.objects.get(pk=task.process_id).application)
    return None if node_of(route) == task.flow_task.name else route


def decisions_misrouted(*, application: FundingApplication | None = None) -> list[Task]:
    """The open decision tasks (of ``application``, or of every case) whose route is wrong."""
    tasks = Task.objects.filter(
        process__flow_class=_flow_class(),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
        flow_task__in=[getattr(_flow_class(), name) for name in REROUTABLE],
    ).select_related("process")
    if application is not None:
        tasks = tasks.filter(process__artifact_object_id=application.pk)
    return [task for task in tasks.order_by("pk") if decision_misrouted(task) is not None]


def _flow_class():
    # The flow names its task pages, which call these services: read when a case is moved.
    from .flows import FundingApplicationFlow

    return FundingApplicationFlow


@transaction.atomic
def decision_reroute(*, task: Task, acting_user, reason: str = "") -> Task:
    """Send a decision that waits where the delegation order no longer puts it (nobody may take
    it) to the route it belongs to: the task is cancelled and the flow's "who decides" step is
    taken again (viewflow's undo and revive), which opens the decision of the right delegate,
    or the memo to the board. The reason is kept in the case's log. An officer or coordinator
    does it from the application's page; ``manage.py reroute_decisions`` does it once for every
    case after the upgrade (``acting_user`` None). Returns the new open task."""
    if acting_user is not None and not org_policy.may_reassign_tasks(acting_user):
        raise PermissionDenied("Only officers and coordinators send a decision on.")
    with task.activation() as activation:
        route = decision_misrouted(activation.task)
        if route is None:
            raise ValidationError(_("The decision waits where the delegation order puts it."))
        application = FundingProcess.objects.get(pk=task.process_id).application
        stranded = activation.task
        activation.cancel()
        # Under the process's lock already: the gateway's own activation, not a second lock.
        gateway = stranded.previous.get()
        choice = gateway.flow_task.activation_class(gateway)
        choice.undo()
        choice.revive()
        opened = (
            Task.objects.filter(
                process_id=task.process_id, status=STATUS.NEW, flow_task_type="HUMAN"
            )
            .exclude(pk=stranded.pk)
            .latest("pk")
        )
    default = _("The delegation order gives this matter to %(route)s (%(why)s).") % {
        "route": route.label.lower(),
        "why": size_of_matter(application),
    }
    events.record(
        application,
        acting_user,
        WorkflowAction.DECISION_REROUTED,
        from_state=stranded.flow_task.name,
        to_state=opened.flow_task.name,
        reason=(reason or "").strip() or default,
        data={"task_id": stranded.pk, "new_task_id": opened.pk, "owner": stranded.owner_id},
    )
    return opened
