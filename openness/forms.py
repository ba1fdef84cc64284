from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Organisation or title"), required=False, max_length=200)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        error_messages={
            "min_value": _("Give a year from 2000 on."),
            "max_value": _("Give a year before 2100."),
        },
    )
    challenge_area = forms.ModelChoiceField(
        label=_("Challenge area"),
        required=False,
        queryset=ChallengeArea.objects.filter(is_active=True).order_by("position", "name"),
        empty_label=_("All challenge areas"),
    )


class GrantFilterForm(forms.Form):
    q = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    year = RegisterFilterForm.base_fields["year"]


class PayoutFilterForm(forms.Form):
    year = RegisterFilterForm.base_fields["year"]
