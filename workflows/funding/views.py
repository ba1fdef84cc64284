"""The funding flow's task pages: the application at a glance above the task's form.

Each binds its form and hands the cleaned data to the task's workflow service
(``workflows.funding.services``), which does the work and finishes the task; a refusal is shown
on the form (``workflows.task_views.TaskFormView``).
"""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from funding import delegation, eligibility, forms, memos, policy, selectors
from funding.models import FundingApplication
from funding.services.reporting import paid_so_far

from ..task_views import DraftTaskView, TaskFormView
from . import services


class FundingTaskView(TaskFormView):
    template_name = "workflows/funding/task.html"

    @cached_property
    def application(self) -> FundingApplication:
        return FundingApplication.objects.select_related(
            "programme__board", "organisation", "case"
        ).get(pk=self.activation.process.artifact_object_id)

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            activation=self.activation,
            assessment=getattr(application, "assessment", None),
            decision=getattr(application, "decision", None),
            route=delegation.route_of(application),
            supplement_requests=application.supplement_requests.all(),
            payouts=application.payouts.all(),
            report_backs=application.report_backs.all(),
            attachments=application.attachments.filter(report_back__isnull=True),
            other_funding=application.other_funding.select_related("board"),
            other_funding_total=selectors.other_funding_total(application),
            warnings=eligibility.plausibility_warnings(application),
            **kwargs,
        )

    def get_success_url(self):
        if policy.acts_for_applicant(self.request.user, self.application):
            return reverse("funding:application_detail", kwargs={"pk": self.application.pk})
        return self.activation.get_success_url(self.request)


class CompletenessCheckView(FundingTaskView):
    form_class = forms.CompletenessForm

    def perform(self, form):
        data = form.cleaned_data
        # The application as the step left it: where to go next asks only whose it is.
        self.application = services.completeness_check(
            activation=self.activation,
            acting_user=self.request.user,
            complete=data["result"] == form.COMPLETE,
            message=data["message"],
            due_on=data["due_on"],
        )


class SupplementAnswerView(FundingTaskView):
    form_class = forms.SupplementAnswerForm
    success_message = gettext_lazy("Your answer is sent. The officer will check it.")

    def get_context_data(self, **kwargs):
        # The parts of the application to change before answering, each a link.
        return super().get_context_data(parts=selectors.parts_of(self.application), **kwargs)

    def perform(self, form):
        services.supplement_answer(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )


class AssessmentView(DraftTaskView, FundingTaskView):
    """The assessment; saved half done as often as needed, checked when completed."""

    form_class = forms.AssessmentForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "criteria": self.application.programme.criteria.all(),
            "initial": {"proposed_amount": self.application.amount_applied},
        }

    def perform(self, form):
        data = form.cleaned_data
        services.assessment_record(
            activation=self.activation,
            acting_user=self.request.user,
            no_conflict_of_interest=data["no_conflict_of_interest"],
            proposed_outcome=data["proposed_outcome"],
            proposed_amount=data["proposed_amount"],
            summary=data["summary"],
            scores=form.scores(),
            matter_of_principle=data["matter_of_principle"],
        )


class DecisionView(FundingTaskView):
    form_class = forms.DecisionForm
    service = staticmethod(services.decision_record)

    def get_initial(self):
        assessment = getattr(self.application, "assessment", None)
        if assessment is None:
            return {}
        return {
            "outcome": assessment.proposed_outcome,
            "amount_granted": assessment.proposed_amount,
        }

    def perform(self, form):
        self.service(activation=self.activation, acting_user=self.request.user, **form.cleaned_data)


class BoardMemoView(FundingTaskView):
    form_class = forms.BoardMemoForm
    success_message = gettext_lazy("The memo is made; the board's secretary records the decision.")

    def get_initial(self):
        assessment = getattr(self.application, "assessment", None)
        return {
            "summary": assessment.summary if assessment else "",
            "proposal": memos.proposal_for(self.application),
        }

    def perform(self, form):
        services.board_memo_write(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )


class BoardDecisionView(DecisionView):
    form_class = forms.BoardDecisionForm
    service = staticmethod(services.board_decision_record)


class PayoutView(FundingTaskView):
    form_class = forms.PayoutForm

    def get_initial(self):
        granted = self.application.decision.amount_granted
        return {**super().get_initial(), "amount": granted - paid_so_far(self.application)}

    def perform(self, form):
        services.payout_record(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )


class ReportBackView(FundingTaskView):
    form_class = forms.ReportBackForm
    success_message = gettext_lazy("Your report-back is sent.")

    def perform(self, form):
        services.report_back_submit(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )


class ReportReviewView(FundingTaskView):
    form_class = forms.ReportReviewForm

    def perform(self, form):
        services.report_back_review(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )
