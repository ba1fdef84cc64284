from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common import limits
from common.once import OneTimeTokenField
from common.privacy import CollectsPersonalData

from ..models.directory import District, TargetGroup


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ModelChoiceField(
        label=_("Challenge area"),
        required=False,
        queryset=ChallengeArea.objects.filter(is_active=True),
        empty_label=_("All challenge areas"),
    )
    district = forms.ChoiceField(
        label=_("District"), required=False, choices=[("", _("All districts")), *District.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All target groups")), *TargetGroup.choices],
    )


class DirectoryProfileForm(CollectsPersonalData, forms.Form):
    form_token = OneTimeTokenField()
    what_we_do = forms.CharField(
        label=_("What we do"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown to everyone once you publish the profile."),
    )
    districts = forms.MultipleChoiceField(
        label=_("Where we work"),
        choices=District.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    challenge_areas = forms.ModelMultipleChoiceField(
        label=_("Challenge areas"),
        queryset=ChallengeArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    contact_person = forms.CharField(
        label=_("Contact person (optional)"),
        required=False,
        max_length=limits.NAME,
        help_text=_("Only with that person's consent. Messages reach your members in any case."),
    )
    contact_person_consents = forms.BooleanField(
        label=_("The contact person has agreed to be named in the public directory"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_person") and not cleaned.get("contact_person_consents"):
            self.add_error(
                "contact_person_consents",
                _("Name a contact person only with their consent, or leave the name empty."),
            )
        return cleaned


class DirectoryContactForm(CollectsPersonalData, forms.Form):
    form_token = OneTimeTokenField()
    message = forms.CharField(
        label=_("Your message"),
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The organisation's members receive it in the portal with your name, and answer you."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
