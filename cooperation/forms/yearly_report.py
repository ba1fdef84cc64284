from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common.once import OneTimeTokenField

from ..models.yearly_report import SectorReportSection


class SectorSectionForm(forms.ModelForm):
    form_token = OneTimeTokenField()
    challenge_area = forms.ModelChoiceField(
        label=_("Challenge area (for a host's report)"),
        queryset=ChallengeArea.objects.all(),
        required=False,
        empty_label=_("None: a section of the sector's own"),
    )

    class Meta:
        model = SectorReportSection
        fields = ["challenge_area", "heading", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
