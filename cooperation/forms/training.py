from django import forms
from django.utils.translation import gettext_lazy as _

from common.once import OneTimeTokenField
from organisations.models import Organisation

from ..models.training import TrainingSession


class TrainingRegistrationForm(forms.Form):
    form_token = OneTimeTokenField()
    session = forms.ModelChoiceField(label=_("Session"), queryset=TrainingSession.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1, initial=1)

    def __init__(self, *args, sessions, organisations, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["organisation"].queryset = organisations


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        registrations = session.registrations.select_related("organisation")
        self.fields["attended"].queryset = registrations
        self.fields["attended"].label_from_instance = lambda r: str(r.organisation)
        self.initial.setdefault("attended", [r.pk for r in registrations if r.attended])
