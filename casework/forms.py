import re

from django import forms
from django.utils.translation import gettext_lazy as _

from common import limits
from common.once import OneTimeTokenField
from common.privacy import CollectsPersonalData

from .models import Case

# The ids a database's 64-bit integer column can hold.
_SMALLEST_ID, _LARGEST_ID = -(2**63), 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no database column can hold before it queries with them.

    Django checks each id with an ``exact`` lookup, which answers "no such object" for an id out
    of range, but then fetches them all with ``__in``, which SQLite refuses with an
    ``OverflowError`` (a server error, found by fuzzing)."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            text = str(pk).strip()
            if re.fullmatch(r"-?[0-9]+", text) and not _SMALLEST_ID <= int(text) <= _LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class CommentForm(CollectsPersonalData, forms.Form):
    body = limits.BoundedText(
        label=_("Comment"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write something before you send the comment.")},
    )
    internal = forms.BooleanField(
        label=_("Working note: not shown to the organisation in the portal"),
        help_text=_(
            "A working note can become a public record, and the party has the right to see "
            "the material of the case (förvaltningslagen 10 §). Write it so that the party "
            "may read it."
        ),
        required=False,
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, may_comment_internally: bool = False, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        if not may_comment_internally:
            del self.fields["internal"]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of case"),
        required=False,
        choices=[("", _("All kinds"))] + list(Case.Kind.choices),
    )
    open_only = forms.BooleanField(label=_("Only open cases"), required=False)


class ClockPauseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the case paused?"),
        max_length=300,
        error_messages={"required": _("Give the reason for the pause.")},
    )


class DecisionDemandForm(forms.Form):
    demanded_on = forms.DateField(
        label=_("Day the party demanded a decision"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the day the demand was received.")},
    )


class DelayNoticeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the decision is delayed"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the delay.")},
    )
    expected_on = forms.DateField(
        label=_("Expected decision date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the date you expect to decide by.")},
    )
    # Sent twice, the organisation would be told twice.
    form_token = OneTimeTokenField()
