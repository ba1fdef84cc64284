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
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from viewflow.workflow.flow.views import AssignTaskView


def add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


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
