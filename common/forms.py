"""What every form page shares."""

from collections.abc import Callable, Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from . import once


def add_errors(form, error: ValidationError, *, renamed: Mapping[str, str] | None = None) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form.

    ``renamed`` maps a name the service uses to the form's name for the same field.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, texts in error.message_dict.items():
        field = (renamed or {}).get(field, field)
        form.add_error(field if field in form.fields else None, texts)


def form_page(
    request,
    form,
    template: str,
    context: dict,
    *,
    act: Callable[[dict], str],
    back: str,
    repeated: str = "",
):
    """A form page that acts once: on the form's first valid sending ``act(cleaned_data)``
    calls the service and gives the message of success, and the person goes ``back``; a later
    sending of the same form is answered with ``repeated``. The service's refusal is shown on
    the form, and the form is shown again with what was typed."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def action() -> str:
            messages.success(request, act(data))
            return back

        try:
            return once.act(request, data["form_token"], action, default=back, message=repeated)
        except ValidationError as exc:
            add_errors(form, exc)
    return render(request, template, {**context, "form": form})
