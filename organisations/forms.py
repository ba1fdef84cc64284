from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Absence


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "starts_on": {"required": _("Give the first day you are away.")},
            "ends_on": {"required": _("Give the last day you are away.")},
        }
