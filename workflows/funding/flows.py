"""A funding application from submission to report-back.

The association submits (the flow starts) → an officer checks completeness, or asks the
association for a supplement (repeatable) → an officer assesses → the decision is taken by
whoever the programme's delegation order names for the amount (an officer or delegate who
did not assess it, or the board through its secretary) → payout in one or more tranches →
the association reports back → an officer approves it, asks for more, or claims repayment.

A supplement not answered by its deadline: the waiting task is cancelled by a timer on the
node, the officer is told, and the application goes on to assessment on what is there. A
decision beyond every delegation goes to the board with the officer's memo first.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow, lock

from funding.delegation import conflict_refusal, refusal
from funding.selectors import open_supplement_request
from organisations.policy import (
    ACT_FOR_BOARD,
    ACT_FOR_ORGANISATION,
    DECIDE_ON_DELEGATION,
    HANDLE_CASE,
)
from workflows.models import FundingProcess

from ..nodes import DecisionTask, HumanTask
from . import services, views


def _has_conflict(process, user) -> str:
    """Nobody assesses a case in which they have a conflict of interest (FL 16–18 §§): a
    member of the applying organisation, or someone who declared a conflict."""
    return conflict_refusal(user, process.application)


def _may_not_decide(node: str):
    """A decision task is taken and done only by a person who holds the route's point of the
    delegation order from its board (or the board's secretary, for the board), without a
    conflict of interest and who did not assess it; never by an administrator as such."""

    def excluded(process, user) -> str:
        return refusal(user, process.application, node)

    return excluded


class FundingApplicationFlow(flow.Flow):
    process_class = FundingProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Funding application")
    process_description = _("From submission to decision, payout and report-back.")

    # association: ``services.application_submit`` starts it with the registered application
    submit = (
        flow.StartHandle(this.start_process)
        .Annotation(title=_("Application submitted"))
        .Next(this.check_complete)
    )
    # officer
    check_complete = (
        HumanTask(views.CompletenessCheckView.as_view())
        .Annotation(title=_("Check that the application is complete"))
        .Permission(HANDLE_CASE)
        .Next(this.is_complete)
    )
    is_complete = (
        flow.If(act.process.is_complete)
        .Annotation(title=_("Complete?"))
        .Then(this.assess)
        .Else(this.answer_supplement)
    )
    # association
    answer_supplement = (
        HumanTask(views.SupplementAnswerView.as_view())
        .Annotation(title=_("Complete the application"))
        .Permission(ACT_FOR_ORGANISATION, obj=act.process.organisation)
        .OnTimeout(this.supplement_due, this.supplement_overdue, title=_("Deadline passed"))
        .Next(this.check_complete)
    )
    # system: the officer is told and assesses on what is there
    supplement_overdue = (
        flow.Function(this.go_on_without_supplement)
        .Annotation(title=_("No supplement by the deadline"))
        .Next(this.assess)
    )
    # officer
    assess = (
        DecisionTask(views.AssessmentView.as_view(), excluded=_has_conflict)
        .Annotation(title=_("Assess the application"))
        .Permission(HANDLE_CASE)
        .Next(this.route_decision)
    )
    route_decision = (
        flow.Switch()
        .Annotation(title=_("Who decides, by the delegation order"))
        .Case(this.decide_as_officer, act.process.decided_by_officer)
        .Case(this.decide_as_delegate, act.process.decided_by_delegate)
        .Default(this.write_board_memo)
    )
    # officer who holds the route's point and did not assess the application
    decide_as_officer = (
        DecisionTask(views.DecisionView.as_view(), excluded=_may_not_decide("decide_as_officer"))
        .Annotation(title=_("Decide on the application (officer's delegation)"))
        .Permission(HANDLE_CASE)
        .Next(this.is_granted)
    )
    # head of unit (delegate)
    decide_as_delegate = (
        DecisionTask(views.DecisionView.as_view(), excluded=_may_not_decide("decide_as_delegate"))
        .Annotation(title=_("Decide on the application (delegation)"))
        .Permission(DECIDE_ON_DELEGATION)
        .Next(this.is_granted)
    )
    # officer
    write_board_memo = (
        HumanTask(views.BoardMemoView.as_view())
        .Annotation(title=_("Write the memo to the board"))
        .Permission(HANDLE_CASE)
        .Next(this.record_board_decision)
    )
    # secretary of the programme's board
    record_board_decision = (
        DecisionTask(
            views.BoardDecisionView.as_view(), excluded=_may_not_decide("record_board_decision")
        )
        .Annotation(title=_("Record the board's decision"))
        .Permission(ACT_FOR_BOARD, obj=act.process.board)
        .Next(this.is_granted)
    )
    is_granted = (
        flow.If(act.process.is_granted)
        .Annotation(title=_("Granted?"))
        .Then(this.pay)
        .Else(this.rejected)
    )
    # officer
    pay = (
        HumanTask(views.PayoutView.as_view())
        .Annotation(title=_("Pay out the grant"))
        .Permission(HANDLE_CASE)
        .Next(this.is_paid_in_full)
    )
    is_paid_in_full = (
        flow.If(act.process.is_paid_in_full)
        .Annotation(title=_("Paid in full?"))
        .Then(this.report_back)
        .Else(this.pay)
    )
    # association
    report_back = (
        HumanTask(views.ReportBackView.as_view())
        .Annotation(title=_("Report back on the grant"))
        .Permission(ACT_FOR_ORGANISATION, obj=act.process.organisation)
        .Next(this.review_report)
    )
    # officer
    review_report = (
        HumanTask(views.ReportReviewView.as_view())
        .Annotation(title=_("Review the report-back"))
        .Permission(HANDLE_CASE)
        .Next(this.needs_more_report)
    )
    needs_more_report = (
        flow.If(act.process.needs_more_report)
        .Annotation(title=_("More needed?"))
        .Then(this.report_back)
        .Else(this.settled)
    )
    rejected = flow.End().Annotation(title=_("Rejected"))
    settled = flow.End().Annotation(title=_("Settled"))

    def start_process(self, activation, application):
        activation.process.artifact = application
        return activation.process

    def supplement_due(self, activation) -> datetime:
        """The supplement may come in all through its last day."""
        request = open_supplement_request(activation.process.coerced.application)
        day_after = request.due_on + timedelta(days=1)
        return timezone.make_aware(datetime.combine(day_after, time.min))

    def go_on_without_supplement(self, activation):
        services.supplement_overdue(activation=activation)
