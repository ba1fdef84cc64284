"""Task views of the IOP flow: each binds its form and hands it to the task's workflow service
(``workflows.iop.services``), which decides and finishes the task."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships import documents, forms, selectors
from workflows import ledger

from ..nodes import task_object
from ..task_views import TaskFormView, add_errors
from . import drafts, services

SAVED = _("A new version of the draft is saved.")


class TaskView(TaskFormView):
    """A task page of the IOP flow: the case at a glance above the task's form."""

    template_name = "workflows/iop/task.html"

    @property
    def inquiry(self):
        return self.activation.process.inquiry

    def get_context_data(self, **kwargs):
        inquiry = self.inquiry
        return super().get_context_data(
            inquiry=inquiry,
            task=self.activation.task,
            parties=inquiry.parties.select_related("organisation", "board"),
            version=selectors.latest_version(inquiry),
            **kwargs,
        )

    def get_success_url(self):
        return reverse("partnerships:inquiry", args=[self.inquiry.case.case_number])

    def save_draft_once(self, draft, formset, work, message, url):
        """Do ``work`` with the posted draft once (sent twice, the repeat goes where the first
        sending went and nothing is saved again); a refusal is shown on the draft's form."""

        def save():
            work(activation=self.activation, acting_user=self.request.user, draft=draft_data)
            messages.success(self.request, message)
            return url()

        draft_data = drafts.posted(draft, formset)
        try:
            return drafts.act(self.request, draft, save)
        except ValidationError as error:
            add_errors(draft, error)
            return None


class ScreeningView(TaskView):
    form_class = forms.ScreeningForm

    def perform(self, form):
        answers = dict(form.cleaned_data)
        reasons = answers.pop("decision_reasons")
        services.screening_record(
            activation=self.activation,
            acting_user=self.request.user,
            answers=answers,
            decision_reasons=reasons,
        )


class InvestigationView(TaskView):
    """The legal assessment; saved as often as needed, then concluded."""

    form_class = forms.LegalAssessmentForm
    template_name = "workflows/iop/investigate.html"

    @property
    def concludes(self) -> bool:
        return self.request.POST.get("action") == "conclude"

    @property
    def success_message(self):
        return TaskView.success_message if self.concludes else _("The assessment is saved.")

    def get_form_kwargs(self):
        instance = getattr(self.inquiry, "legal_assessment", None)
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            positions=ledger.idea_based_positions(self.inquiry), **kwargs
        )

    def perform(self, form):
        service = (
            services.investigation_conclude if self.concludes else services.legal_assessment_save
        )
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        service(activation=self.activation, acting_user=self.request.user, data=data)

    def get_success_url(self):
        return super().get_success_url() if self.concludes else self.request.get_full_path()


class CoCreationView(TaskView):
    """The officer's workspace: save versions, send the draft for review, or finish."""

    template_name = "workflows/iop/co_create.html"
    actions = {
        "send": (services.draft_send_for_review, _("The draft is sent to the organisation.")),
        "finish": (services.co_creation_finish, _("The co-creation is finished.")),
    }

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        draft, self.formset = drafts.draft_forms(self.inquiry, data)
        return draft

    def get_context_data(self, **kwargs):
        reviews = self.inquiry.draft_reviews.select_related("answered_by", "version")
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(
            draft=kwargs["form"], formset=self.formset, reviews=reviews, **kwargs
        )

    def form_valid(self, form):
        if not self.formset.is_valid():
            return self.form_invalid(form)
        action = self.request.POST.get("action", "save")
        service, message = services.agreement_draft_save, SAVED
        url = self.request.get_full_path
        if action in self.actions:
            service, message = self.actions[action]
            url = self.get_success_url
        response = self.save_draft_once(form, self.formset, service, message, url)
        return response if response is not None else self.form_invalid(form)


class ReviewDraftView(TaskView):
    """The organisation reads the draft (and may save its own version), then answers."""

    form_class = forms.ReviewForm
    template_name = "workflows/iop/review_draft.html"
    success_message = _("Your answer is sent to the officer.")

    def get_context_data(self, **kwargs):
        if "draft" not in kwargs:
            kwargs["draft"], kwargs["formset"] = drafts.draft_forms(self.inquiry)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "save":
            return super().post(request, *args, **kwargs)
        draft, formset = drafts.draft_forms(self.inquiry, request.POST)
        if draft.is_valid() and formset.is_valid():
            saved = self.save_draft_once(
                draft, formset, services.agreement_draft_save, SAVED, request.get_full_path
            )
            if saved is not None:
                return saved
        context = self.get_context_data(form=self.get_form_class()(), draft=draft, formset=formset)
        return self.render_to_response(context)

    def perform(self, form):
        services.draft_review_answer(
            activation=self.activation,
            acting_user=self.request.user,
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
        )


class MemoView(TaskView):
    form_class = forms.MemoForm
    success_message = _("The memo is written and sent to the boards.")

    def perform(self, form):
        services.memo_write(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )


class BoardDecisionView(TaskView):
    form_class = forms.BoardDecisionForm
    template_name = "workflows/iop/decide.html"
    success_message = _("The board's decision is recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": task_object(self.activation)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            board=task_object(self.activation),
            memo=selectors.current_memo(self.inquiry),
            **kwargs,
        )

    def perform(self, form):
        services.board_decision_record(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )


class ReviseOrCloseView(TaskView):
    form_class = forms.ReviseOrCloseForm

    def get_context_data(self, **kwargs):
        decisions = selectors.round_decisions(self.inquiry)
        return super().get_context_data(decisions=decisions, **kwargs)

    def perform(self, form):
        services.inquiry_revise_or_close(
            activation=self.activation,
            acting_user=self.request.user,
            revise=form.cleaned_data["choice"] == forms.ReviseOrCloseForm.REVISE,
            reason=form.cleaned_data["reason"],
        )


class SignView(TaskView):
    form_class = forms.SignForm
    template_name = "workflows/iop/sign.html"
    success_message = _("Your signature is recorded.")

    def get_context_data(self, **kwargs):
        document = documents.final_agreement(self.inquiry)
        return super().get_context_data(
            party=services.signing_party(self.activation),
            signed_version=selectors.signed_version(self.inquiry),
            document=document,
            signings=document.signings.all() if document else [],
            today=timezone.localdate(),
            **kwargs,
        )

    def perform(self, form):
        services.agreement_sign(activation=self.activation, acting_user=self.request.user)


class FollowUpReportView(TaskView):
    """An idea-based party reports on the agreement year; the report goes to the officer."""

    form_class = forms.FollowUpReportForm
    template_name = "workflows/iop/report.html"
    success_message = _("Your follow-up is sent to the officer.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=services.follow_up_report(self.activation), **kwargs)

    def perform(self, form):
        services.follow_up_report_submit(
            activation=self.activation, acting_user=self.request.user, data=form.cleaned_data
        )


class FollowUpApprovalView(TaskView):
    form_class = forms.FollowUpApprovalForm
    template_name = "workflows/iop/approve_follow_up.html"
    success_message = _("The follow-up is approved.")

    def get_context_data(self, **kwargs):
        follow_up = selectors.open_follow_up(self.inquiry)
        reports = follow_up.reports.select_related("organisation", "submitted_by")
        return super().get_context_data(follow_up=follow_up, reports=reports, **kwargs)

    def perform(self, form):
        services.follow_up_approve(
            activation=self.activation,
            acting_user=self.request.user,
            summary=form.cleaned_data["summary"],
        )


class RenewalView(TaskView):
    form_class = forms.RenewalForm
    template_name = "workflows/iop/decide_renewal.html"
    success_message = _("The decision on the agreement is recorded.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signed_version=selectors.signed_version(self.inquiry),
            follow_ups=self.inquiry.follow_ups.order_by("year_end"),
            **kwargs,
        )

    def perform(self, form):
        services.agreement_renewal_decide(
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
        )
