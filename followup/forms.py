from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common.once import OneTimeTokenField

from .models import NarrativeSection


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class MappingFilterForm(YearForm):
    area = forms.ModelChoiceField(
        label=_("Challenge area"),
        queryset=ChallengeArea.objects.all(),
        required=False,
        empty_label=_("All challenge areas"),
    )


class NarrativeSectionForm(forms.ModelForm):
    form_token = OneTimeTokenField()

    class Meta:
        model = NarrativeSection
        fields = ["topic", "heading", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
