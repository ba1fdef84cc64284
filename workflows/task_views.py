"""The one base of every task page: the case at a glance above the task's form.

A task view binds its form and hands the cleaned data to ``perform``, which calls the one
workflow service for the task (``workflows/<flow>/services.py``); that service calls the domain
service and finishes the task in one transaction. A refusal (``ValidationError``) is shown on
the form, field by field where the service names a field. The answer to a refused form is a
200 with the form; viewflow's ``HotwireTurboMiddleware`` turns it into the 422 that Turbo
needs to show it, so no view sets a status code by hand.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, RedirectView
from viewflow.workflow.flow.views import AssignTaskView

from common import once
from common.forms import add_errors

from . import services
from .models.base import case_of


class TaskFormView(FormView):
    """A task page; subclasses set ``form_class`` and write ``perform``."""

    success_message = _("The task is done.")

    @property
    def activation(self):
        return self.request.activation

    def perform(self, form) -> None:
        """Do the task with ``form.cleaned_data`` through its workflow service."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


# What a posted form carries besides its answers; a draft keeps none of it.
_NOT_ANSWERS = ("csrfmiddlewaretoken", "action", once.FIELD_NAME)


def draft_initial(form, data: MultiValueDict) -> dict:
    """The answers of a kept draft as ``form``'s initial values, read by each field's widget
    the way it reads a sent form (a box, a date, a choice of several)."""
    initial = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if not field.widget.value_omitted_from_data(data, {}, key):
            initial[name] = field.widget.value_from_datadict(data, {}, key)
    return initial


def show_draft(form, data: MultiValueDict | None) -> None:
    """Fill an unbound ``form`` with a kept draft's answers."""
    if data is not None and not form.is_bound:
        form.initial = {**form.initial, **draft_initial(form, data)}


def draft_rows(formset, data: MultiValueDict) -> list[dict]:
    """The rows of a kept draft's ``formset`` as initial rows; rows marked for deletion and
    rows left empty are left out."""
    try:
        total = min(int(data.get(formset.add_prefix("TOTAL_FORMS"), 0)), formset.absolute_max)
    except ValueError:
        return []
    rows = []
    for index in range(total):
        prefix = formset.add_prefix(index)
        form = formset.form(prefix=prefix, **formset.get_form_kwargs(index))
        row = draft_initial(form, data)
        if data.get(f"{prefix}-DELETE") or not any(row.values()):
            continue
        rows.append(row)
    return rows


class DraftTaskView(TaskFormView):
    """A task page whose form is saved half done: "Save" (``action=save``) keeps what was typed
    as the task's draft without demanding every answer, and the page shows it again; the form
    is checked, every error at once, when the task is completed.

    A view that can store a whole form as its own record (the legal assessment, a version of
    the draft agreement) does so in ``save_whole`` when the form is complete; the kept draft is
    then dropped."""

    saves_drafts = True
    draft_message = _("Your draft is saved. It is checked when you complete the task.")
    saved_message = _("Saved.")

    @property
    def saving(self) -> bool:
        return self.request.POST.get("action") == "save"

    @property
    def draft(self) -> MultiValueDict | None:
        kept = self.activation.task.data.get("draft") if self.activation.task.data else None
        return MultiValueDict(kept) if kept else None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        show_draft(form, self.draft)
        return form

    def save_whole(self, form) -> bool:
        """Store a complete form as the view's own record; False when there is none."""
        return False

    def post(self, request, *args, **kwargs):
        if not self.saving:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        try:
            with transaction.atomic():
                whole = form.is_valid() and self.save_whole(form)
        except ValidationError:
            whole = False
        kept = None
        if not whole:
            kept = {
                key: request.POST.getlist(key)
                for key in request.POST
                if key.rsplit("-", 1)[-1] not in _NOT_ANSWERS
            }
        services.task_draft_keep(task=self.activation.task, acting_user=request.user, data=kept)
        messages.success(request, self.saved_message if whole else self.draft_message)
        return redirect(request.get_full_path())


class TakeTaskView(AssignTaskView):
    """Taking a task from the queue, in the portal's shell: the case and what the task asks,
    with one button (viewflow's own page showed the engine's fields and ids)."""

    template_name = "workflows/task_assign.html"
    # Without viewflow's placeholders: its message links the engine's pages by internal ids.
    success_message = _("You have taken the task. It is now among your tasks.")

    def get_context_data(self, **kwargs):
        activation = self.activation
        process = activation.process.coerced
        return super().get_context_data(
            **kwargs,
            task=activation.task,
            case=process.case,
            organisation=process.organisation,
            task_title=activation.flow_task.task_title,
            task_brief=activation.task.brief,
        )

    @property
    def activation(self):
        return self.request.activation


class TaskIndexView(RedirectView):
    """A task's own address (in notifications, on the start page, after a task): on to doing
    it or taking it, as the person may; else to its case. Never to the engine's task detail,
    which shows its raw fields (``workflows.scoping`` answers 404 there)."""

    def get_redirect_url(self, *args, **kwargs):
        activation = self.request.activation
        task, flow_task, user = activation.task, activation.flow_task, self.request.user
        if activation.start.can_proceed() and flow_task.can_execute(user, task):
            return flow_task.reverse("execute", args=[task.process_id, task.pk])
        if activation.assign.can_proceed() and flow_task.can_assign(user, task):
            return flow_task.reverse("assign", args=[task.process_id, task.pk])
        return case_of(activation.process).get_absolute_url()
