"""Task views of the IOP flow: each binds a form, calls one service, finishes the task."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from partnerships import documents, forms, selectors, services
from partnerships.models import Party
from workflows import ledger

from ..nodes import task_object
from . import drafts


class TaskView(FormView):
    """A task page of the IOP flow: the case at a glance above the task's form."""

    template_name = "workflows/iop/task.html"
    done_message = _("The task is done.")

    @property
    def inquiry(self):
        return self.request.activation.process.inquiry

    def get_context_data(self, **kwargs):
        inquiry = self.inquiry
        return super().get_context_data(
            inquiry=inquiry,
            task=self.request.activation.task,
            parties=inquiry.parties.select_related("organisation", "board"),
            version=selectors.latest_version(inquiry),
            **kwargs,
        )

    def perform(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(self.request, self.done_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("partnerships:inquiry", args=[self.inquiry.case.case_number])


class ScreeningView(TaskView):
    form_class = forms.ScreeningForm

    def perform(self, form):
        data = dict(form.cleaned_data)
        reasons = data.pop("decision_reasons")
        services.screening_record(
            inquiry=self.inquiry,
            acting_user=self.request.user,
            answers=data,
            decision_reasons=reasons,
        )


class InvestigationView(TaskView):
    """The legal assessment; saved as often as needed, then concluded."""

    form_class = forms.LegalAssessmentForm
    template_name = "workflows/iop/investigate.html"

    def get_form_kwargs(self):
        instance = getattr(self.inquiry, "legal_assessment", None)
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            positions=ledger.idea_based_positions(self.inquiry), **kwargs
        )

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.legal_assessment_save(
                inquiry=self.inquiry, acting_user=self.request.user, data=data
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        if self.request.POST.get("action") != "conclude":
            messages.success(self.request, _("The assessment is saved."))
            return redirect(self.request.get_full_path())
        return super().form_valid(form)

    def perform(self, form):
        services.investigation_conclude(inquiry=self.inquiry, acting_user=self.request.user)


class CoCreationView(TaskView):
    """The officer's workspace: save versions, send the draft for review, or finish."""

    template_name = "workflows/iop/co_create.html"
    actions = {
        "send": (services.draft_send_for_review, _("The draft is sent to the organisation.")),
        "finish": (services.co_creation_finish, _("The co-creation is finished.")),
    }

    def get_form(self, form_class=None):
        return None

    def get_context_data(self, **kwargs):
        if "draft" not in kwargs:
            kwargs["draft"], kwargs["formset"] = drafts.draft_forms(self.inquiry)
        reviews = self.inquiry.draft_reviews.select_related("answered_by", "version")
        return super().get_context_data(reviews=reviews, **kwargs)

    def post(self, request, *args, **kwargs):
        inquiry = self.inquiry
        draft, formset = drafts.draft_forms(inquiry, request.POST)
        action = request.POST.get("action", "save")
        if not (draft.is_valid() and formset.is_valid()):
            return self.render_to_response(self.get_context_data(draft=draft, formset=formset))

        def save():
            drafts.save_version(inquiry, request.user, draft, formset)
            if action not in self.actions:
                messages.success(request, _("A new version of the draft is saved."))
                return request.get_full_path()
            service, done = self.actions[action]
            service(inquiry=inquiry, acting_user=request.user)
            request.activation.execute()
            messages.success(request, done)
            return self.get_success_url()

        try:
            return drafts.act(request, draft, save)
        except ValidationError as error:
            draft.add_error(None, error.messages)
            return self.render_to_response(self.get_context_data(draft=draft, formset=formset))


class ReviewDraftView(TaskView):
    """The organisation reads the draft (and may save its own version), then answers."""

    form_class = forms.ReviewForm
    template_name = "workflows/iop/review_draft.html"
    done_message = _("Your answer is sent to the officer.")

    def get_context_data(self, **kwargs):
        if "draft" not in kwargs:
            kwargs["draft"], kwargs["formset"] = drafts.draft_forms(self.inquiry)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "save":
            return super().post(request, *args, **kwargs)
        draft, formset = drafts.draft_forms(self.inquiry, request.POST)
        if draft.is_valid() and formset.is_valid():

            def save():
                drafts.save_version(self.inquiry, request.user, draft, formset)
                messages.success(request, _("A new version of the draft is saved."))
                return request.get_full_path()

            try:
                return drafts.act(request, draft, save)
            except ValidationError as error:
                draft.add_error(None, error.messages)
        context = self.get_context_data(form=self.get_form_class()(), draft=draft, formset=formset)
        return self.render_to_response(context)

    def perform(self, form):
        services.draft_review_answer(
            inquiry=self.inquiry,
            acting_user=self.request.user,
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
        )


class MemoView(TaskView):
    form_class = forms.MemoForm
    done_message = _("The memo is written and sent to the boards.")

    def perform(self, form):
        services.memo_write(
            inquiry=self.inquiry, acting_user=self.request.user, **form.cleaned_data
        )


class BoardDecisionView(TaskView):
    form_class = forms.BoardDecisionForm
    template_name = "workflows/iop/decide.html"
    done_message = _("The board's decision is recorded.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            board=self.request.activation.task.owner_permission_obj,
            memo=selectors.current_memo(self.inquiry),
            **kwargs,
        )

    def perform(self, form):
        services.board_decision_record(
            inquiry=self.inquiry,
            board=self.request.activation.task.owner_permission_obj,
            acting_user=self.request.user,
            **form.cleaned_data,
        )


class ReviseOrCloseView(TaskView):
    form_class = forms.ReviseOrCloseForm

    def get_context_data(self, **kwargs):
        decisions = selectors.round_decisions(self.inquiry)
        return super().get_context_data(decisions=decisions, **kwargs)

    def perform(self, form):
        service = (
            services.inquiry_revise
            if form.cleaned_data["choice"] == forms.ReviseOrCloseForm.REVISE
            else services.inquiry_close
        )
        service(
            inquiry=self.inquiry, acting_user=self.request.user, reason=form.cleaned_data["reason"]
        )


class SignView(TaskView):
    form_class = forms.SignForm
    template_name = "workflows/iop/sign.html"
    done_message = _("Your signature is recorded.")

    @property
    def party(self):
        party_pk = self.request.activation.task.data["party"]
        return Party.objects.select_related("organisation", "board").get(pk=party_pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            party=self.party,
            signed_version=selectors.signed_version(self.inquiry),
            checksum=documents.agreement_checksum(self.inquiry),
            today=timezone.localdate(),
            **kwargs,
        )

    def perform(self, form):
        services.agreement_sign(
            inquiry=self.inquiry, party=self.party, acting_user=self.request.user
        )


class FollowUpReportView(TaskView):
    """An idea-based party reports on the agreement year; the report goes to the officer."""

    form_class = forms.FollowUpReportForm
    template_name = "workflows/iop/report.html"
    done_message = _("Your follow-up is sent to the officer.")

    @property
    def report(self):
        organisation = task_object(self.request.activation)
        follow_up = selectors.open_follow_up(self.inquiry)
        return follow_up.reports.select_related("follow_up").get(organisation=organisation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)

    def perform(self, form):
        services.follow_up_report_submit(
            report=self.report, acting_user=self.request.user, data=form.cleaned_data
        )


class FollowUpApprovalView(TaskView):
    form_class = forms.FollowUpApprovalForm
    template_name = "workflows/iop/approve_follow_up.html"
    done_message = _("The follow-up is approved.")

    @property
    def follow_up(self):
        return selectors.open_follow_up(self.inquiry)

    def get_context_data(self, **kwargs):
        follow_up = self.follow_up
        reports = follow_up.reports.select_related("organisation", "submitted_by")
        return super().get_context_data(follow_up=follow_up, reports=reports, **kwargs)

    def perform(self, form):
        services.follow_up_approve(
            follow_up=self.follow_up,
            acting_user=self.request.user,
            summary=form.cleaned_data["summary"],
        )


class RenewalView(TaskView):
    form_class = forms.RenewalForm
    template_name = "workflows/iop/decide_renewal.html"
    done_message = _("The decision on the agreement is recorded.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signed_version=selectors.signed_version(self.inquiry),
            follow_ups=self.inquiry.follow_ups.order_by("year_end"),
            **kwargs,
        )

    def perform(self, form):
        services.agreement_renewal_decide(
            inquiry=self.inquiry, acting_user=self.request.user, **form.cleaned_data
        )
