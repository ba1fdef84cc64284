"""How much one person can make the system do with one request: the length of a free text,
the number and total size of files, the pages of a generated document and the time and memory
of its render. Every limit is defined here, once; forms, services and documents read it here.

Limits bind new input only. A text stored before its limit existed is a public record: it is
never cut, its column stays plain text, and saving it back unchanged is allowed.

- A free text is a ``BoundedTextField`` on its model: its form field (``BoundedText``) refuses
  more characters or lines than the limit, and saving the model refuses a new or changed value
  over it (``pre_save``), whichever service saves it. A form field without a model field uses
  ``BoundedText`` itself.
- Files are counted by ``check_room_for_files`` before more are stored.
- The document ceilings are read by ``documents`` (pages) and the Celery settings (time,
  memory, attempts).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Free texts, by purpose.
NAME = 200  # a title, a name, a reference
SHORT_TEXT = 1_000  # a distribution list, a short note
TEXT = 5_000  # a comment, a reason, the reasoning on one question
ANSWER = 10_000  # an applicant's or a party's answer, an assessment, a report-back

# A text may start a new line once per this many characters of its limit: ten thousand
# one-letter lines would turn one answer into some two hundred pages of a receipt.
CHARACTERS_PER_LINE = 40

# Rows of a formset: a sent form count beyond these is refused rather than built and drawn
# (found by fuzzing: "TOTAL_FORMS=2000" cost minutes).
OTHER_FUNDING_ROWS = 30
CONTRIBUTION_ROWS = 60
DECLARED_AID_ROWS = 30
# Files of one application (its own attachments) and of one report-back.
FILES_PER_APPLICATION = 20
FILES_PER_REPORT_BACK = 20
BYTES_PER_APPLICATION = 50 * 1024 * 1024
BYTES_PER_REPORT_BACK = 50 * 1024 * 1024

# Generated documents: at most this many pages; a render stops after this many seconds and
# this much memory in its worker child, and a render whose worker was killed is tried this
# many times before it is recorded as failed.
DOCUMENT_PAGES = 60
RENDER_SECONDS = 120
RENDER_MEMORY_MB = 1024
RENDER_ATTEMPTS = 3


def lines_allowed(max_length: int) -> int:
    return max(1, max_length // CHARACTERS_PER_LINE)


def _lines(value: str) -> int:
    return value.count("\n") + 1


@deconstructible
class MaxLinesValidator:
    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value):
        if _lines(value) > self.limit:
            raise ValidationError(
                _(
                    "Write this in at most %(limit)s lines: it has %(lines)s. Join some lines; "
                    "what you wrote is still here."
                ),
                code="too_many_lines",
                params={"limit": number_format(self.limit), "lines": number_format(_lines(value))},
            )

    def __eq__(self, other):
        return isinstance(other, MaxLinesValidator) and other.limit == self.limit


class BoundedText(forms.CharField):
    """A free text of at most ``max_length`` characters and its share of lines. Line ends are
    counted as one character, as the browser counts them while one types."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators.append(MaxLinesValidator(lines_allowed(max_length)))
        self.error_messages["max_length"] = _(
            "Write this in at most %(limit_value)s characters: it has %(show_value)s. Shorten "
            "it; what you wrote is still here."
        )

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


def too_long(value, max_length: int) -> bool:
    return isinstance(value, str) and (
        len(value) > max_length or _lines(value) > lines_allowed(max_length)
    )


class BoundedTextField(models.TextField):
    """A model's free text with a limit from this module (``max_length`` is required).

    The column stays ``text`` (its migrations name a plain ``TextField``), so nothing stored is
    ever cut. Saving refuses a value over the limit unless it is the value already stored.
    """

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BoundedText, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if too_long(value, self.max_length) and (add or value != self._stored(model_instance)):
            raise ValidationError(
                {
                    self.name: ValidationError(
                        _(
                            "Write this in at most %(limit)s characters and %(lines)s lines. "
                            "Nothing was saved."
                        ),
                        code="max_length",
                        params={
                            "limit": number_format(self.max_length),
                            "lines": number_format(lines_allowed(self.max_length)),
                        },
                    )
                }
            )
        return value

    def _stored(self, model_instance):
        model = type(model_instance)
        return (
            model._base_manager.filter(pk=model_instance.pk)
            .values_list(self.attname, flat=True)
            .first()
        )


def check_room_for_files(
    uploads, *, kept_files: int = 0, kept_bytes: int = 0, max_files: int, max_bytes: int
) -> None:
    """Refuse ``uploads`` where ``kept_files`` files of ``kept_bytes`` are kept already, if
    together they would be more files or more bytes than allowed."""
    if kept_files + len(uploads) > max_files:
        raise ValidationError(
            ngettext_lazy(
                "At most %(limit)s file may be sent: there would be %(count)s. Leave out or "
                "remove the files you need least, then send again.",
                "At most %(limit)s files may be sent: there would be %(count)s. Leave out or "
                "remove the files you need least, then send again.",
                "limit",
            ),
            code="too_many_files",
            params={"limit": max_files, "count": kept_files + len(uploads)},
        )
    total = kept_bytes + sum(upload.size for upload in uploads)
    if total > max_bytes:
        raise ValidationError(
            _(
                "The files may be at most %(limit)s together: they would be %(total)s. Leave "
                "out or remove a file, or make one smaller, then send again."
            ),
            code="too_many_bytes",
            params={"limit": filesizeformat(max_bytes), "total": filesizeformat(total)},
        )
