"""What every form page shares."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError


def add_errors(form, error: ValidationError, *, renamed: Mapping[str, str] | None = None) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form.

    ``renamed`` maps a name the service uses to the form's name for the same field.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        field = (renamed or {}).get(field, field)
        form.add_error(field if field in form.fields else None, messages)
