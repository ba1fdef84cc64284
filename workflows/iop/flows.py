"""The IOP inquiry, as the people in it see it: screening, investigation, co-creation, the
memo, the boards' decisions in parallel, signing, and the active partnership: a follow-up every
agreement year, and before the end date the question whether to renew, amend or let it end.

The flow only routes work; every decision is made by a service in ``partnerships.services``
and read back through the named conditions of ``IOPProcess``.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow, lock

from organisations.policy import ACT_FOR_ORGANISATION, HANDLE_CASE
from workflows.models import IOPProcess

from ..nodes import ForEachSplit, HumanTask, PartyDecisionTask, task_object, task_permission
from . import services, views


class IOPFlow(flow.Flow):
    """IOP inquiry

    From an idea-based organisation's proposal, or an assignment from the executive board, to
    a signed partnership. Every organisation named as a party accepts being one before the
    agreement is co-created.
    """

    process_class = IOPProcess
    lock_impl = lock.select_for_update_lock

    # association member (portal) or officer (assignment)
    start = (
        flow.StartHandle(this.start_process)
        .Annotation(title=_("Inquiry registered"))
        .Next(this.screen)
    )
    # officer
    screen = (
        HumanTask(views.ScreeningView.as_view())
        .Annotation(title=_("Screen against the IOP criteria"))
        .Permission(HANDLE_CASE)
        .Next(this.is_iop)
    )
    is_iop = (
        flow.If(act.process.is_iop)
        .Annotation(title=_("An IOP?"))
        .Then(this.investigate)
        .Else(this.not_iop)
    )
    # officer
    investigate = (
        HumanTask(views.InvestigationView.as_view())
        .Annotation(title=_("Investigate: legal assessment"))
        .Permission(HANDLE_CASE)
        .Next(this.is_investigated_as_iop)
    )
    is_investigated_as_iop = (
        flow.If(act.process.is_open)
        .Annotation(title=_("On to co-creation?"))
        .Then(this.are_parties_accepted)
        .Else(this.closed)
    )
    # Added after release: the processes past the investigation never come here (their
    # parties were taken as having accepted, partnerships migration 0006).
    are_parties_accepted = (
        flow.If(act.process.parties_accepted)
        .Annotation(title=_("Has every party accepted being one?"))
        .Then(this.co_create)
        .Else(this.ask_parties)
    )
    ask_parties = (
        ForEachSplit()
        .Annotation(title=_("One acceptance task per party yet to accept"))
        .Next(this.accept, data_source=act.process.acceptance_tasks)
    )
    # members of each organisation named as a party
    accept = (
        HumanTask(views.PartyAcceptanceView.as_view())
        .Annotation(title=_("Accept being a party to the partnership"))
        .Permission(task_permission, obj=task_object)
        .Next(this.parties_accepted)
    )
    parties_accepted = (
        flow.Join().Annotation(title=_("Every party has accepted")).Next(this.co_create)
    )
    # officer, with the idea-based parties
    co_create = (
        HumanTask(views.CoCreationView.as_view())
        .Annotation(title=_("Co-create the agreement"))
        .Permission(HANDLE_CASE)
        .Next(this.is_draft_sent)
    )
    is_draft_sent = (
        flow.If(act.process.draft_awaits_review)
        .Annotation(title=_("Draft sent for review?"))
        .Then(this.review_draft)
        .Else(this.write_memo)
    )
    # members of the organisation
    review_draft = (
        HumanTask(views.ReviewDraftView.as_view())
        .Annotation(title=_("Review the draft agreement"))
        .Permission(ACT_FOR_ORGANISATION, obj=act.process.organisation)
        .Next(this.co_create)
    )
    # officer
    write_memo = (
        HumanTask(views.MemoView.as_view())
        .Annotation(title=_("Write the memo to the boards"))
        .Permission(HANDLE_CASE)
        .Next(this.boards)
    )
    boards = (
        ForEachSplit()
        .Annotation(title=_("One decision task per deciding board"))
        .Next(this.decide, data_source=act.process.board_tasks)
    )
    # the secretary of each deciding board
    decide = (
        HumanTask(views.BoardDecisionView.as_view())
        .Annotation(title=_("Record the board's decision"))
        .Permission(task_permission, obj=task_object)
        .Next(this.boards_done)
    )
    boards_done = (
        flow.Join(continue_on_condition=this.stop_waiting_for_boards)
        .Annotation(title=_("The boards have decided, or one has not approved"))
        .Next(this.are_boards_agreed)
    )
    are_boards_agreed = (
        flow.If(act.process.boards_approved)
        .Annotation(title=_("Every board approved?"))
        .Then(this.signing)
        .Else(this.revise_or_close)
    )
    # officer
    revise_or_close = (
        HumanTask(views.ReviseOrCloseView.as_view())
        .Annotation(title=_("Revise the agreement or close the inquiry"))
        .Permission(HANDLE_CASE)
        .Next(this.is_revised)
    )
    is_revised = (
        flow.If(act.process.is_open)
        .Annotation(title=_("Revised rather than closed?"))
        .Then(this.co_create)
        .Else(this.closed)
    )
    signing = (
        ForEachSplit()
        .Annotation(title=_("One signing task per party"))
        .Next(this.sign, data_source=act.process.signing_tasks)
    )
    # each party's signatory: the one whose right an officer approved, or the person the
    # city's deciding board authorised
    sign = (
        PartyDecisionTask(views.SignView.as_view(), excluded=services.signing_refusal)
        .Annotation(title=_("Sign the agreement"))
        .Permission(task_permission, obj=task_object)
        .Next(this.signed)
    )
    signed = flow.Join().Annotation(title=_("Every party has signed")).Next(this.wait)
    # the calendar of the active agreement (fired by the beat task workflow_timers)
    wait = (
        flow.Timer(act.process.next_milestone_at)
        .Annotation(title=_("Partnership active: wait for the next follow-up or the end date"))
        .Next(this.what_is_due)
    )
    what_is_due = (
        flow.Switch()
        .Annotation(title=_("What is due?"))
        .Case(this.decide_renewal, act.process.renewal_due)
        .Case(this.open_follow_up, act.process.follow_up_due)
        .Case(this.end_agreement, act.process.agreement_over)
        .Default(this.wait)
    )
    open_follow_up = (
        flow.Function(this.follow_up_open)
        .Annotation(title=_("Open the year's follow-up"))
        .Next(this.follow_up_reports)
    )
    follow_up_reports = (
        ForEachSplit()
        .Annotation(title=_("One report task per idea-based party"))
        .Next(this.report, data_source=act.process.follow_up_tasks)
    )
    # members of each idea-based party
    report = (
        HumanTask(views.FollowUpReportView.as_view())
        .Annotation(title=_("Report on the agreement year"))
        .Permission(task_permission, obj=task_object)
        .onCreate(this.report_requested)
        .Next(this.reports_in)
    )
    reports_in = flow.Join().Annotation(title=_("Every report is in")).Next(this.approve_follow_up)
    # officer
    approve_follow_up = (
        HumanTask(views.FollowUpApprovalView.as_view())
        .Annotation(title=_("Approve the year's follow-up"))
        .Permission(HANDLE_CASE)
        .Next(this.wait)
    )
    # officer
    decide_renewal = (
        HumanTask(views.RenewalView.as_view())
        .Annotation(title=_("Renew, amend or let the agreement end"))
        .Permission(HANDLE_CASE)
        .Next(this.is_amending)
    )
    is_amending = (
        flow.If(act.process.is_amending)
        .Annotation(title=_("Renewed or amended?"))
        .Then(this.co_create)
        .Else(this.wait)
    )
    end_agreement = (
        flow.Function(this.agreement_end)
        .Annotation(title=_("The agreement's period is over"))
        .Next(this.ended)
    )
    ended = flow.End().Annotation(title=_("Agreement ended"))
    # Processes finished before the follow-up nodes existed stopped here; their tasks name this
    # node, so it stays (see docs/workflows.md, "Changing a flow").
    active = flow.End().Annotation(title=_("Partnership active"))
    not_iop = flow.End().Annotation(title=_("Closed: not an IOP"))
    closed = flow.End().Annotation(title=_("Closed without agreement"))

    def start_process(self, activation, inquiry):
        activation.process.artifact = inquiry
        return activation.process

    def stop_waiting_for_boards(self, activation, active_tasks) -> bool:
        return activation.process.boards_blocked

    def follow_up_open(self, activation):
        services.follow_up_open(activation=activation)

    def report_requested(self, activation):
        services.follow_up_report_request(activation=activation)

    def agreement_end(self, activation):
        services.agreement_end(activation=activation)
