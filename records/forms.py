from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Case
from common.once import OneTimeTokenField

from . import selectors
from .kinds import HoldReason
from .models import Retention


class RetentionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.case.case_number}: {obj.description} ({obj.dispose_on:%Y-%m-%d})"


class BuildListForm(forms.Form):
    """Records due, chosen for one list; those of a case under a legal hold cannot be chosen."""

    form_token = OneTimeTokenField()
    name = forms.CharField(
        label=_("Name of the list"),
        max_length=200,
        help_text=_("For example: Funding applications closed in 2019."),
        error_messages={"required": _("Give the list a name.")},
    )
    retentions = RetentionChoice(
        label=_("Records to dispose of"),
        queryset=Retention.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one record that is due."),
            "invalid_choice": _("A record chosen is no longer due or is on another list."),
            "invalid_pk_value": _("A record chosen is no longer due or is on another list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Due today: read when the form is made, not when the module was loaded.
        self.fields["retentions"].queryset = selectors.due_retentions().filter(held=False)


class ReviewForm(forms.Form):
    # Every field but these is marked optional on the page (includes/form_field.html).
    required_to_send = ("decision",)
    form_token = OneTimeTokenField()
    decision = forms.ChoiceField(
        label=_("Your review"),
        choices=[
            ("approve", _("Approve: every record on the list may be disposed of")),
            ("return", _("Return: the list is not right")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Approve the list or return it.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you return the list: say what is not right."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say why the list is returned."))
        return cleaned


class ExecuteForm(forms.Form):
    form_token = OneTimeTokenField()
    confirm = forms.BooleanField(
        label=_(
            "I have checked the list: its records and their files are removed for good, and a "
            "disposal record is kept of each."
        ),
        error_messages={"required": _("Confirm that the records are to be removed.")},
    )


class HoldForm(forms.Form):
    required_to_send = ("case_number", "reason")
    form_token = OneTimeTokenField()
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=30,
        help_text=_("For example FRN-2026-00012."),
        error_messages={"required": _("Give the case number.")},
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=HoldReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason for the hold.")},
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=200,
        help_text=_("The court's case, the request's or the audit's reference; no names."),
    )

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip().upper()
        case = Case.objects.filter(case_number=number).first()
        if case is None:
            raise forms.ValidationError(_("There is no case with this number."))
        return case
