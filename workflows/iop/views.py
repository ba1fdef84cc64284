"""Task views of the IOP flow: each binds its form and hands it to the task's workflow service
(``workflows.iop.services``), which decides and finishes the task."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.assurance import may_bind
from common.forms import add_errors
from partnerships import documents, forms, selectors
from workflows import ledger

from ..nodes import task_object
from ..task_views import DraftTaskView, TaskFormView
from . import drafts, screening, services

SAVED = _("A new version of the draft is saved.")
UNCHANGED = _("The draft is unchanged: no new version is saved.")


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
            legal_parties=selectors.legal_parties(inquiry),
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

    def get_initial(self):
        return {
            **super().get_initial(),
            "suggestions": screening.suggested_programmes(self.inquiry),
        }

    def perform(self, form):
        answers = dict(form.cleaned_data)
        reasons = answers.pop("decision_reasons")
        suggestions = answers.pop("suggestions")
        services.screening_record(
            activation=self.activation,
            acting_user=self.request.user,
            answers=answers,
            decision_reasons=reasons,
            suggestions=suggestions,
        )


class InvestigationView(DraftTaskView, TaskView):
    """The legal assessment; saved as often as needed (half done as a draft), then concluded."""

    form_class = forms.LegalAssessmentForm
    template_name = "workflows/iop/investigate.html"
    saved_message = _("The assessment is saved.")

    def get_form_kwargs(self):
        instance = getattr(self.inquiry, "legal_assessment", None)
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        inquiry = self.inquiry
        return super().get_context_data(
            positions=ledger.idea_based_positions(inquiry),
            declarations=inquiry.de_minimis_declarations.select_related(
                "organisation", "declared_by"
            ).prefetch_related("aids"),
            assessment=getattr(inquiry, "legal_assessment", None),
            **kwargs,
        )

    def _data(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in form.Meta.fields}

    def save_whole(self, form) -> bool:
        services.legal_assessment_save(
            activation=self.activation, acting_user=self.request.user, data=self._data(form)
        )
        return True

    def perform(self, form):
        services.investigation_conclude(
            activation=self.activation, acting_user=self.request.user, data=self._data(form)
        )


class CoCreationView(DraftTaskView, TaskView):
    """The officer's workspace: save versions (a half-done draft is kept on the task), send the
    draft for review, or finish."""

    template_name = "workflows/iop/co_create.html"
    saved_message = SAVED
    actions = {
        "send": (services.draft_send_for_review, _("The draft is sent to the organisation.")),
        "finish": (services.co_creation_finish, _("The co-creation is finished.")),
    }

    @property
    def saving(self) -> bool:
        return self.request.POST.get("action", "save") not in self.actions

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        draft, self.formset = drafts.draft_forms(self.inquiry, data, kept=self.draft)
        return draft

    def get_context_data(self, **kwargs):
        reviews = self.inquiry.draft_reviews.select_related("answered_by", "version")
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(
            draft=kwargs["form"], formset=self.formset, reviews=reviews, **kwargs
        )

    def save_whole(self, form) -> bool:
        if not self.formset.is_valid():
            return False
        before = selectors.latest_version(self.inquiry)
        services.agreement_draft_save(
            activation=self.activation,
            acting_user=self.request.user,
            draft=drafts.posted(form, self.formset),
        )
        if before is not None and selectors.latest_version(self.inquiry) == before:
            self.saved_message = UNCHANGED
        return True

    def form_valid(self, form):
        if not self.formset.is_valid():
            return self.form_invalid(form)
        service, message = self.actions[self.request.POST["action"]]
        response = self.save_draft_once(form, self.formset, service, message, self.get_success_url)
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
        answer = self.get_form_class()(initial=self.get_initial())
        context = self.get_context_data(form=answer, draft=draft, formset=formset)
        return self.render_to_response(context)

    def get_initial(self):
        version = selectors.latest_version(self.inquiry)
        return {"version_number": version.number if version else None}

    def perform(self, form):
        services.draft_review_answer(
            activation=self.activation,
            acting_user=self.request.user,
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
            version=form.cleaned_data["version_number"],
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


class PartyAcceptanceView(TaskView):
    """An organisation named as a party accepts being one, for the partnership to go on."""

    form_class = forms.PartyAcceptanceForm
    template_name = "workflows/iop/accept.html"
    success_message = _("Your organisation has accepted being a party.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            party=services.accepting_party(self.activation),
            **kwargs,
        )

    def perform(self, form):
        services.party_accept(activation=self.activation, acting_user=self.request.user)


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
            electronic=bool(settings.SIGNING_SERVICE),
            may_bind=may_bind(self.request),
            **kwargs,
        )

    def get_initial(self):
        document = documents.final_agreement(self.inquiry)
        return {**super().get_initial(), "document": document.pk if document else None}

    def perform(self, form):
        if not may_bind(self.request):
            raise ValidationError(
                _(
                    "Signing binds the party. Log in with e-legitimation at assurance level 3 "
                    "or higher, then sign."
                )
            )
        services.agreement_sign(
            activation=self.activation,
            acting_user=self.request.user,
            document_id=form.cleaned_data.get("document"),
        )


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
            activation=self.activation, acting_user=self.request.user, **form.cleaned_data
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
