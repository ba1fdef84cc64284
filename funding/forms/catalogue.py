"""The coordinators' form for a funding source of the catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.money import AmountField
from common.once import OneTimeTokenField
from organisations.models import Organisation

from ..models import FundingSource
from .applying import DateInput


def _idea_based_kinds():
    return [
        (kind, label)
        for kind, label in Organisation.Kind.choices
        if kind in Organisation.IDEA_BASED_KINDS
    ]


class FundingSourceForm(forms.ModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Kinds of organisation that may apply"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_idea_based_kinds,
        help_text=_("None ticked: any idea-based organisation."),
    )
    url = forms.URLField(
        label=_("more information"), required=False, assume_scheme="https", max_length=200
    )
    form_token = OneTimeTokenField()

    class Meta:
        model = FundingSource
        fields = [
            "name",
            "provider",
            "provider_kind",
            "board",
            "programme",
            "purpose",
            "keywords",
            "eligible_kinds",
            "challenge_areas",
            "min_amount",
            "max_amount",
            "deadline",
            "max_months",
            "url",
            "is_active",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "challenge_areas": forms.CheckboxSelectMultiple,
            "deadline": DateInput(),
        }
        field_classes = {"min_amount": AmountField, "max_amount": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge_areas"].queryset = self.fields["challenge_areas"].queryset.filter(
            is_active=True
        )
