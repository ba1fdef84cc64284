from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.once import OneTimeTokenField

from . import services
from .models import ApiToken, Resource


def _valid_days_choices():
    # Called at each rendering, in the person's language.
    return [
        (days, ngettext("%(days)s day", "%(days)s days", days) % {"days": days})
        for days in services.VALID_DAYS
    ]


class TokenForm(forms.Form):
    """A new API token: what it is for, what it may read, for how long."""

    form_token = OneTimeTokenField()
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is used for, for example the e-archive's import."),
        error_messages={"required": _("Name the token.")},
    )
    resources = forms.MultipleChoiceField(
        label=_("The token may read"),
        choices=Resource.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only reading: the API changes nothing. Choose only what is needed."),
        error_messages={"required": _("Choose at least one thing the token may read.")},
    )
    valid_days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=_valid_days_choices,
        coerce=int,
        initial=services.DEFAULT_VALID_DAYS,
        widget=forms.RadioSelect,
    )
