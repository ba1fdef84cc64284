"""The funding flow's task pages and the view that starts the flow on submission.

Each task view binds its form, calls one service of ``funding.services``, finishes the task
and redirects; a refusal from the service is shown on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from common import once
from funding import delegation, forms, memos, policy, services
from funding import views as funding_views
from funding.models import FundingApplication

SENT_TWICE = gettext_lazy("Your application was already sent; it was sent twice.")


@login_required
def application_submit(request, pk):
    """Submit the application: it is registered as a case and its workflow starts.

    Sent twice (a double click, the back button, two tabs), it is registered once: the repeat
    finds its token spent, or the application already sent, and goes to the application."""
    from .flows import FundingApplicationFlow

    application = policy.get_application_or_404(request.user, pk)
    if request.method != "POST":
        policy.editable_or_404(request.user, application)
        return HttpResponseNotAllowed(["POST"])
    form = forms.SubmitApplicationForm(request.POST)
    token = form.cleaned_data["form_token"] if form.is_valid() else ""

    def submit():
        policy.editable_or_404(request.user, application)
        with transaction.atomic():
            sent = services.application_submit(application=application, acting_user=request.user)
            FundingApplicationFlow.submit.run(application=sent)
        messages.success(
            request,
            _("Your application is sent. Its case number is %(number)s.")
            % {"number": sent.case.case_number},
        )
        return _detail(pk)

    try:
        return once.act(request, token, submit, default=_detail(pk), message=SENT_TWICE)
    except ValidationError as error:
        return funding_views.refused(request, application, error)
    except (Http404, PermissionDenied):
        if not _sent_by_applicant(request.user, pk):
            raise
        return once.repeat(request, token, default=_detail(pk), message=SENT_TWICE)


def _detail(pk) -> str:
    return reverse("funding:application_detail", args=[pk])


def _sent_by_applicant(user, pk) -> bool:
    application = FundingApplication.objects.get(pk=pk)
    return application.case_id is not None and policy.acts_for_applicant(user, application)


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


class FundingTaskView(FormView):
    template_name = "workflows/funding/task.html"
    success_message = gettext_lazy("The task is done.")

    @cached_property
    def application(self) -> FundingApplication:
        return FundingApplication.objects.select_related(
            "programme__board", "organisation", "case"
        ).get(pk=self.request.activation.process.artifact_object_id)

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            activation=self.request.activation,
            assessment=getattr(application, "assessment", None),
            decision=getattr(application, "decision", None),
            route=delegation.route_of(application),
            supplement_requests=application.supplement_requests.all(),
            payouts=application.payouts.all(),
            report_backs=application.report_backs.all(),
            attachments=application.attachments.filter(report_back__isnull=True),
            **kwargs,
        )

    def perform(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        # The Site's Turbo shows the answer to a failed POST only when it is not a 200.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_url(self):
        if policy.acts_for_applicant(self.request.user, self.application):
            return self.application_url()
        return self.request.activation.get_success_url(self.request)

    def application_url(self):
        from django.urls import reverse

        return reverse("funding:application_detail", kwargs={"pk": self.application.pk})


class CompletenessCheckView(FundingTaskView):
    form_class = forms.CompletenessForm

    def perform(self, form):
        data, user = form.cleaned_data, self.request.user
        if data["result"] == form.COMPLETE:
            services.application_mark_complete(application=self.application, acting_user=user)
        else:
            services.application_request_supplement(
                application=self.application,
                acting_user=user,
                message=data["message"],
                due_on=data["due_on"],
            )


class SupplementAnswerView(FundingTaskView):
    form_class = forms.SupplementAnswerForm
    success_message = gettext_lazy("Your answer is sent. The officer will check it.")

    def perform(self, form):
        services.application_resubmit(
            application=self.application, acting_user=self.request.user, **form.cleaned_data
        )


class AssessmentView(FundingTaskView):
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
            application=self.application,
            acting_user=self.request.user,
            no_conflict_of_interest=data["no_conflict_of_interest"],
            proposed_outcome=data["proposed_outcome"],
            proposed_amount=data["proposed_amount"],
            summary=data["summary"],
            scores=form.scores(),
        )


class DecisionView(FundingTaskView):
    form_class = forms.DecisionForm

    def get_initial(self):
        assessment = getattr(self.application, "assessment", None)
        if assessment is None:
            return {}
        return {
            "outcome": assessment.proposed_outcome,
            "amount_granted": assessment.proposed_amount,
        }

    def perform(self, form):
        services.decision_record(
            application=self.application, acting_user=self.request.user, **form.cleaned_data
        )


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
        services.board_memo_request(
            application=self.application, acting_user=self.request.user, **form.cleaned_data
        )


class BoardDecisionView(DecisionView):
    form_class = forms.BoardDecisionForm


class PayoutView(FundingTaskView):
    form_class = forms.PayoutForm

    def get_initial(self):
        from funding.services.reporting import paid_so_far

        granted = self.application.decision.amount_granted
        return {**super().get_initial(), "amount": granted - paid_so_far(self.application)}

    def perform(self, form):
        services.payout_record(
            application=self.application, acting_user=self.request.user, **form.cleaned_data
        )


class ReportBackView(FundingTaskView):
    form_class = forms.ReportBackForm
    success_message = gettext_lazy("Your report-back is sent.")

    def perform(self, form):
        services.report_back_submit(
            application=self.application, acting_user=self.request.user, **form.cleaned_data
        )


class ReportReviewView(FundingTaskView):
    form_class = forms.ReportReviewForm

    def perform(self, form):
        services.report_back_review(
            application=self.application, acting_user=self.request.user, **form.cleaned_data
        )
