"""What people and timers do to an IOP case, one function each: the one way in for the pages,
the demo loader and the tests.

Each function takes keyword arguments only: the task's ``activation`` (a task of the flow,
taken and begun by ``acting_user``, as its page does; ``workflows.services.task_take`` does it
from code), the acting user and what they decided. It owns its transaction, calls the domain service
(``partnerships.services``), which decides and records, and then finishes the task with the
engine (``activation.execute()``), so a refused decision leaves the task open. It returns the
inquiry.

Starting (a member proposes, an officer registers an assignment) registers the inquiry and
starts its process in one transaction; ending it early (withdraw, close, terminate) cancels
the running process with viewflow's ``Flow.cancel`` in the same transaction as the domain
service.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import events
from partnerships import policy, selectors
from partnerships import services as domain
from partnerships.models import FollowUpReport, IOPInquiry, Party
from workflows.models import IOPProcess

from .. import ledger
from ..actions import WorkflowAction
from ..nodes import data_object, task_object
from ..services import ensure_task_of
from .planning import memo_planning

WITHDRAW, CLOSE = "withdraw", "close"
# Saving a draft version is work on the co-creation or on the organisation's review.
DRAFT_TASKS = ("co_create", "review_draft")


def _flow():
    # The flow imports its task views, which call these services: the flow class is read
    # when a case starts or stops, not when this module loads.
    from .flows import IOPFlow

    return IOPFlow


# Starting ---------------------------------------------------------------------------------


def _parties(*, boards, partners, lead, contributions: str) -> list[domain.PartyInput]:
    """The parties as chosen: each board's administration (deciding through that board), then
    each partner on its side, the lead organisation first when it is not among the partners.
    The first party carries what the parties would contribute."""
    parties = [
        domain.PartyInput(board.administration, Party.Side.PUBLIC, board=board) for board in boards
    ]
    for organisation in partners:
        side = Party.Side.IDEA_BASED if organisation.is_idea_based else Party.Side.PUBLIC
        parties.append(domain.PartyInput(organisation, side))
    if lead not in partners:
        parties.insert(0, domain.PartyInput(lead, Party.Side.IDEA_BASED))
    first = parties[0]
    parties[0] = domain.PartyInput(first.organisation, first.side, first.board, contributions)
    return parties


@transaction.atomic
def inquiry_propose(
    *,
    acting_user,
    organisation,
    boards: Iterable,
    partners: Iterable = (),
    contributions: str = "",
    title: str,
    purpose: str,
    target_group: str,
    public_benefit_goal: str,
    challenge_area=None,
) -> IOPInquiry:
    """A member proposes a partnership for ``organisation``, one they act for and chose. The
    parties are the ``boards`` and ``partners`` they named; the case gets its number and the
    screening task goes to the officers' queue."""
    partners = list(partners)
    inquiry = domain.inquiry_propose(
        acting_user=acting_user,
        organisation=organisation,
        parties=_parties(
            boards=boards, partners=partners, lead=organisation, contributions=contributions
        ),
        title=title,
        purpose=purpose,
        target_group=target_group,
        public_benefit_goal=public_benefit_goal,
        challenge_area=challenge_area,
    )
    _flow().start.run(inquiry=inquiry)
    return inquiry


@transaction.atomic
def inquiry_register_assignment(
    *,
    acting_user,
    assignment_reference: str,
    lead,
    boards: Iterable,
    partners: Iterable = (),
    contributions: str = "",
    title: str,
    purpose: str,
    target_group: str,
    public_benefit_goal: str,
    challenge_area=None,
) -> IOPInquiry:
    """An officer registers the executive board's assignment to investigate a partnership led
    by ``lead``, with the ``boards`` and ``partners`` named; the screening task is queued."""
    partners = list(partners)
    inquiry = domain.inquiry_register_assignment(
        acting_user=acting_user,
        assignment_reference=assignment_reference,
        lead=lead,
        parties=_parties(boards=boards, partners=partners, lead=lead, contributions=contributions),
        title=title,
        purpose=purpose,
        target_group=target_group,
        public_benefit_goal=public_benefit_goal,
        challenge_area=challenge_area,
    )
    _flow().start.run(inquiry=inquiry)
    return inquiry


# Working on a task that stays open ---------------------------------------------------------


def task_activation(task: Task):
    """The activation of an open ``task`` as it stands, for work on it that does not finish it
    (saving a draft or an assessment) by someone who may take it."""
    return task.flow_task.activation_class(task)


# The tasks --------------------------------------------------------------------------------


def _ensure_doing(activation, acting_user, *nodes: str) -> IOPInquiry:
    """The inquiry of a task of node ``nodes`` that ``acting_user`` has taken."""
    ensure_task_of(activation, nodes)
    if not activation.flow_task.can_execute(acting_user, activation.task):
        raise PermissionDenied("The task is someone else's.")
    return activation.process.inquiry


def _ensure_working_on(activation, acting_user, *nodes: str) -> IOPInquiry:
    """The inquiry of an open task of node ``nodes`` that ``acting_user`` holds or may take."""
    flow_task, task = activation.flow_task, activation.task
    ensure_task_of(activation, nodes)
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED):
        raise ValidationError(_("The task is no longer open"))
    if not (flow_task.can_execute(acting_user, task) or flow_task.can_assign(acting_user, task)):
        raise PermissionDenied("The task is someone else's.")
    return activation.process.inquiry


def _done(activation) -> IOPInquiry:
    activation.execute()
    return activation.process.inquiry


@transaction.atomic
def screening_record(
    *, activation, acting_user, answers: dict, decision_reasons: str = "", suggestions: str = ""
) -> IOPInquiry:
    """The officer screens the inquiry against the four criteria: an IOP is investigated; if
    not, the case closes and the initiator gets a notice with the reasons and suggestions."""
    inquiry = _ensure_doing(activation, acting_user, "screen")
    domain.screening_record(
        inquiry=inquiry,
        acting_user=acting_user,
        answers=answers,
        decision_reasons=decision_reasons,
        suggestions=suggestions,
    )
    return _done(activation)


@transaction.atomic
def legal_assessment_save(*, activation, acting_user, data: dict) -> IOPInquiry:
    """The officer saves the legal assessment; the investigation stays open."""
    inquiry = _ensure_working_on(activation, acting_user, "investigate")
    domain.legal_assessment_save(inquiry=inquiry, acting_user=acting_user, data=data)
    return inquiry


@transaction.atomic
def investigation_conclude(*, activation, acting_user, data: dict) -> IOPInquiry:
    """The officer saves the legal assessment and ends the investigation as it concludes:
    co-create the agreement, or close the inquiry."""
    inquiry = _ensure_doing(activation, acting_user, "investigate")
    domain.legal_assessment_save(inquiry=inquiry, acting_user=acting_user, data=data)
    domain.investigation_conclude(inquiry=inquiry, acting_user=acting_user)
    return _done(activation)


def accepting_party(activation) -> Party:
    """The party an acceptance task is for."""
    return Party.objects.select_related("organisation").get(pk=activation.task.data["party"])


@transaction.atomic
def party_accept(*, activation, acting_user) -> IOPInquiry:
    """A member of an organisation named as a party accepts, for it, being a party; when every
    party has, the agreement is co-created."""
    inquiry = _ensure_doing(activation, acting_user, "accept")
    domain.party_accept(inquiry=inquiry, party=accepting_party(activation), acting_user=acting_user)
    return _done(activation)


@dataclass(frozen=True)
class Draft:
    """A version of the draft agreement as sent: its fields, contributions and a note."""

    data: dict
    contributions: list = field(default_factory=list)
    note: str = ""


def _save(inquiry, acting_user, draft: Draft) -> None:
    domain.agreement_draft_save(
        inquiry=inquiry,
        acting_user=acting_user,
        data=draft.data,
        contributions=draft.contributions,
        note=draft.note,
    )


@transaction.atomic
def agreement_draft_save(*, activation, acting_user, draft: Draft) -> IOPInquiry:
    """The officer (co-creating) or the organisation (reviewing) saves a new version of the
    draft; the task stays open."""
    inquiry = _ensure_working_on(activation, acting_user, *DRAFT_TASKS)
    _save(inquiry, acting_user, draft)
    return inquiry


@transaction.atomic
def draft_send_for_review(*, activation, acting_user, draft: Draft | None = None) -> IOPInquiry:
    """The officer saves the draft (when given) and sends it to the organisation to review."""
    inquiry = _ensure_doing(activation, acting_user, "co_create")
    if draft is not None:
        _save(inquiry, acting_user, draft)
    domain.draft_send_for_review(inquiry=inquiry, acting_user=acting_user)
    return _done(activation)


@transaction.atomic
def co_creation_finish(*, activation, acting_user, draft: Draft | None = None) -> IOPInquiry:
    """The officer saves the draft (when given): it is agreed, the memo comes next. De minimis
    aid in it must keep each receiving organisation under its ceiling, the proposed aid
    counted as granted today."""
    inquiry = _ensure_doing(activation, acting_user, "co_create")
    if draft is not None:
        _save(inquiry, acting_user, draft)
    ledger.ensure_within_ceiling(
        inquiry=inquiry, version=selectors.latest_version(inquiry), on=timezone.localdate()
    )
    domain.co_creation_finish(inquiry=inquiry, acting_user=acting_user)
    return _done(activation)


@transaction.atomic
def draft_review_answer(
    *, activation, acting_user, answer: str, comment: str = "", version: int | None = None
) -> IOPInquiry:
    """The organisation agrees to the draft it read (``version``), or asks for changes."""
    inquiry = _ensure_doing(activation, acting_user, "review_draft")
    domain.draft_review_answer(
        inquiry=inquiry, acting_user=acting_user, answer=answer, comment=comment, version=version
    )
    return _done(activation)


@transaction.atomic
def memo_write(
    *, activation, acting_user, summary: str, proposal: str, distribution: str
) -> IOPInquiry:
    """The officer writes the memo; each deciding board gets its decision task."""
    inquiry = _ensure_doing(activation, acting_user, "write_memo")
    domain.memo_write(
        inquiry=inquiry,
        acting_user=acting_user,
        summary=summary,
        proposal=proposal,
        distribution=distribution,
        planning=memo_planning(selectors.deciding_boards(inquiry)),
    )
    return _done(activation)


@transaction.atomic
def board_decision_record(
    *,
    activation,
    acting_user,
    outcome: str,
    meeting_date,
    protocol_paragraph: str,
    note="",
    signatory=None,
    signatory_title: str = "",
) -> IOPInquiry:
    """A board's secretary records its decision, for the board the task belongs to; an
    approval names the person the board authorised to sign the agreement for it."""
    inquiry = _ensure_doing(activation, acting_user, "decide")
    domain.board_decision_record(
        inquiry=inquiry,
        board=task_object(activation),
        acting_user=acting_user,
        outcome=outcome,
        meeting_date=meeting_date,
        protocol_paragraph=protocol_paragraph,
        note=note,
        signatory=signatory,
        signatory_title=signatory_title,
    )
    return _done(activation)


@transaction.atomic
def inquiry_revise_or_close(*, activation, acting_user, revise: bool, reason: str) -> IOPInquiry:
    """After a board rejected or returned it, the officer revises the agreement with the
    parties, or closes the inquiry without one."""
    inquiry = _ensure_doing(activation, acting_user, "revise_or_close")
    service = domain.inquiry_revise if revise else domain.inquiry_close
    service(inquiry=inquiry, acting_user=acting_user, reason=reason)
    return _done(activation)


def signing_party(activation) -> Party:
    """The party a signing task is for."""
    return _party_of(activation.task)


def _party_of(task: Task) -> Party:
    return Party.objects.select_related("organisation", "board", "inquiry").get(
        pk=task.data["party"]
    )


def signing_refusal(task: Task, user) -> str:
    """Why ``user`` may not take or sign this signing task, in words for them; else empty.
    A task of another node, reached by a forged address, names no party: the engine refuses
    it as not this node's."""
    if "party" not in (task.data or {}):
        return ""
    return policy.signing_refusal(user, _party_of(task))


@transaction.atomic
def agreement_sign(*, activation, acting_user, document_id: int | None = None) -> IOPInquiry:
    """A person with the right to sign for the party the task is for signs the final agreement
    (a signatory whose right an officer approved; for the city, the person its board
    authorised), the version they read (``document_id``); when every party has, the
    municipality seals it and the agreement is active."""
    inquiry = _ensure_doing(activation, acting_user, "sign")
    domain.agreement_sign(
        inquiry=inquiry,
        party=signing_party(activation),
        acting_user=acting_user,
        document_id=document_id,
    )
    return _done(activation)


def reporting_organisation(activation):
    """The party's organisation a follow-up task asks to report: the task's object, or for a
    party of the city the administration the officers report for."""
    return task_object(activation) or data_object(activation.task.data["reports_for"])


def follow_up_report(activation) -> FollowUpReport:
    """The report a follow-up task asks of its organisation."""
    follow_up = selectors.open_follow_up(activation.process.inquiry)
    return follow_up.reports.select_related("follow_up").get(
        organisation=reporting_organisation(activation)
    )


@transaction.atomic
def follow_up_report_submit(*, activation, acting_user, data: dict) -> IOPInquiry:
    """A party reports on the agreement year; the report goes to the officer."""
    _ensure_doing(activation, acting_user, "report")
    domain.follow_up_report_submit(
        report=follow_up_report(activation), acting_user=acting_user, data=data
    )
    return _done(activation)


@transaction.atomic
def follow_up_approve(
    *,
    activation,
    acting_user,
    summary: str,
    steering_group_conclusions: str,
    minutes_date,
    minutes_reference: str,
) -> IOPInquiry:
    """The officer records the steering group's conclusions and approval from its minutes,
    with an assessment; the calendar goes on."""
    inquiry = _ensure_doing(activation, acting_user, "approve_follow_up")
    domain.follow_up_approve(
        follow_up=selectors.open_follow_up(inquiry),
        acting_user=acting_user,
        summary=summary,
        steering_group_conclusions=steering_group_conclusions,
        minutes_date=minutes_date,
        minutes_reference=minutes_reference,
    )
    return _done(activation)


@transaction.atomic
def agreement_renewal_decide(*, activation, acting_user, choice: str, reason: str) -> IOPInquiry:
    """Before the end date the officer renews or amends the agreement, or lets it end."""
    inquiry = _ensure_doing(activation, acting_user, "decide_renewal")
    domain.agreement_renewal_decide(
        inquiry=inquiry, acting_user=acting_user, choice=choice, reason=reason
    )
    return _done(activation)


# What the flow's timer and handlers do --------------------------------------------------------


@transaction.atomic
def follow_up_open(*, activation) -> IOPInquiry:
    """The calendar: an agreement year's follow-up opens (the engine goes on to its tasks)."""
    inquiry = activation.process.inquiry
    domain.follow_up_open(inquiry=inquiry)
    return inquiry


@transaction.atomic
def follow_up_report_request(*, activation) -> IOPInquiry:
    """A report task is created: its organisation is asked for the report, with a deadline
    bound to the task."""
    inquiry = activation.process.inquiry
    domain.follow_up_report_request(
        follow_up=selectors.open_follow_up(inquiry),
        organisation=reporting_organisation(activation),
        task_id=activation.task.pk,
    )
    return inquiry


@transaction.atomic
def agreement_end(*, activation) -> IOPInquiry:
    """The calendar: the agreement's period is over; the partnership ends, its case closes."""
    return domain.agreement_end(inquiry=activation.process.inquiry)


# Beside the tasks: the procurement override and the de minimis declaration ----------------


@transaction.atomic
def procurement_override(*, inquiry: IOPInquiry, acting_user, reasons: str) -> IOPInquiry:
    """A decision-maker lets the investigation go on as an IOP despite the procurement answers,
    with reasons; the officer then concludes the investigation."""
    domain.procurement_override_record(inquiry=inquiry, acting_user=acting_user, reasons=reasons)
    return inquiry


@transaction.atomic
def de_minimis_declare(*, inquiry: IOPInquiry, organisation, acting_user, aids: list) -> IOPInquiry:
    """An idea-based party's member declares the organisation's other de minimis aid."""
    domain.de_minimis_declaration_submit(
        inquiry=inquiry, organisation=organisation, acting_user=acting_user, aids=aids
    )
    return inquiry


# Ending early -----------------------------------------------------------------------------


def how_may_end(user, inquiry: IOPInquiry) -> str:
    """``close`` for an officer, ``withdraw`` for the organisation whose proposal began it,
    else ``""`` (another party may leave the inquiry, not end it)."""
    if policy.may_close(user, inquiry):
        return CLOSE
    return WITHDRAW if policy.may_withdraw(user, inquiry) else ""


@transaction.atomic
def inquiry_end(*, inquiry: IOPInquiry, acting_user, reason: str) -> IOPInquiry:
    """Close (an officer) or withdraw (the initiator) the inquiry, and stop its process."""
    if not inquiry.is_open:
        raise ValidationError(_("The inquiry is no longer open."))
    how = how_may_end(acting_user, inquiry)
    if not how:
        raise PermissionDenied(
            _(
                "Only the city's officers end this inquiry; the organisation that proposed it "
                "may withdraw it, and another party may leave it."
            )
        )
    service = domain.inquiry_close if how == CLOSE else domain.inquiry_withdraw
    inquiry = service(inquiry=inquiry, acting_user=acting_user, reason=reason)
    process_cancel(inquiry=inquiry, acting_user=acting_user, reason=reason)
    return inquiry


@transaction.atomic
def inquiry_leave(*, inquiry: IOPInquiry, party, acting_user, reason: str) -> IOPInquiry:
    """A party other than the one whose case it is leaves the inquiry, which goes on without
    it; nothing of the process is cancelled (no task is the leaving party's yet)."""
    domain.inquiry_leave(inquiry=inquiry, party=party, acting_user=acting_user, reason=reason)
    return inquiry


@transaction.atomic
def partnership_terminate(
    *, inquiry: IOPInquiry, party, acting_user, reason: str, decision_reference: str
) -> IOPInquiry:
    """A person with the right to sign for a party terminates the active agreement, citing the
    party's decision; its waiting timer and open follow-up tasks are cancelled with the
    process."""
    termination = domain.agreement_terminate(
        inquiry=inquiry,
        party=party,
        acting_user=acting_user,
        reason=reason,
        decision_reference=decision_reference,
    )
    process_cancel(inquiry=inquiry, acting_user=acting_user, reason=termination.reason)
    return termination.inquiry


@transaction.atomic
def process_cancel(*, inquiry: IOPInquiry, acting_user, reason: str = "") -> None:
    """Cancel the inquiry's running process and its open tasks; record which were open."""
    flow_class = _flow()
    process = IOPProcess.objects.filter(
        flow_class=flow_class, artifact_object_id=inquiry.pk, status=PROCESS.NEW
    ).first()
    if process is None:
        return
    open_tasks = [
        task.flow_task.name
        for task in process.task_set.filter(flow_task_type="HUMAN")
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED, STATUS.REVIVED])
        .order_by("pk")
    ]
    flow_class.instance.cancel(process)
    events.record(
        inquiry,
        acting_user,
        WorkflowAction.PROCESS_CANCELLED,
        reason=reason,
        data={"process": process.pk, "tasks": open_tasks},
    )
