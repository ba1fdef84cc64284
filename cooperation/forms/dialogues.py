"""The forms of dialogues and initiatives. None asks for a private person's data: people are
chosen among the accounts that exist, and the documentation names organisations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import ModelMultipleChoiceField
from common import limits
from common.once import OneTimeTokenField
from common.privacy import CollectsPersonalData
from funding.models import FundingProgramme
from funding.selectors import open_programmes
from organisations.models import Organisation, User

from ..models import Event, Initiative, ParticipantContribution


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    form_token = OneTimeTokenField()
    organisers = ModelMultipleChoiceField(
        label=_("Other organisers"),
        help_text=_("Hosts and coordinators who plan and lead the event with you."),
        queryset=User.objects.filter(is_active=True, memberships__isnull=False).distinct(),
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "challenge_area",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "is_published",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge_area"].queryset = areas  # the open areas the person plans in


class EventChangeForm(forms.ModelForm):
    """What those who plan an event change after planning it."""

    form_token = OneTimeTokenField()

    class Meta:
        model = Event
        fields = ["title", "description", "starts_at", "ends_at", "place", "capacity"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}


class EventCancelForm(forms.Form):
    form_token = OneTimeTokenField()
    reason = limits.BoundedText(
        max_length=limits.SHORT_TEXT,
        label=_("Why is the event cancelled?"),
        help_text=_("Those registered, those waiting and the invited organisations are told."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the event is cancelled.")},
    )


class InvitationForm(forms.Form):
    organisations = ModelMultipleChoiceField(
        label=_("Organisations to invite"),
        queryset=Organisation.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("I take part for"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Who came"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(r.pk), f"{r.person} ({r.organisation})") for r in registrations
        ]
        self.initial.setdefault("attended", [str(r.pk) for r in registrations if r.attended])


class DocumentationForm(forms.Form):
    summary = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("What was done"),
        help_text=_("The methods and the questions worked with."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    reflections = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Reflections of the day"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class FileForm(CollectsPersonalData, forms.Form):
    """A file of the documentation: notes and photos of a dialogue may name or show people."""

    file = forms.FileField(label=_("A file of the documentation"))


class ContributionForm(forms.ModelForm):
    class Meta:
        model = ParticipantContribution
        fields = ["participant", "brought", "reflections"]
        widgets = {
            "brought": forms.Textarea(attrs={"rows": 2}),
            "reflections": forms.Textarea(attrs={"rows": 2}),
        }


class NextStepForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = limits.BoundedText(
        max_length=limits.SHORT_TEXT,
        label=_("Next step"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.CharField(label=_("Who takes it on"), max_length=200, required=False)


ContributionFormSet = forms.formset_factory(
    ContributionForm,
    extra=2,
    max_num=limits.CONTRIBUTION_ROWS,
    absolute_max=limits.CONTRIBUTION_ROWS,
    validate_max=True,
    can_delete=True,
)
NextStepFormSet = forms.formset_factory(
    NextStepForm,
    extra=2,
    max_num=limits.CONTRIBUTION_ROWS,
    absolute_max=limits.CONTRIBUTION_ROWS,
    validate_max=True,
    can_delete=True,
)


class InitiativeForm(forms.ModelForm):
    form_token = OneTimeTokenField()

    class Meta:
        model = Initiative
        fields = ["title", "description", "organisation"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            is_active=True, kind__in=Organisation.IDEA_BASED_KINDS
        )


class FundingForm(forms.Form):
    form_token = OneTimeTokenField()
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=FundingProgramme.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Name of the activity"), max_length=limits.NAME)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = open_programmes()
