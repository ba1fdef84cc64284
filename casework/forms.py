from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Case


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write something before you send the comment.")},
    )
    internal = forms.BooleanField(
        label=_("Internal comment (only staff can see it)"), required=False
    )

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
