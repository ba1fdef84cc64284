from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import ModelMultipleChoiceField
from common import limits
from common.once import OneTimeTokenField
from organisations.models import Membership, Organisation, User

from ..models import HostPair


class AreaForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the challenge area"),
        max_length=200,
        error_messages={"required": _("Give the challenge area a name.")},
    )
    description = limits.BoundedText(
        label=_("Description"),
        max_length=limits.TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)


def _people():
    return (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class HostPairForm(forms.ModelForm):
    """The two hosts of an area for a period, the people who act as hosts, and the assignment
    agreed with the idea-based host's organisation."""

    organisation_hosts = ModelMultipleChoiceField(
        label=_("People who act as the idea-based host"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Members of the idea-based host organisation."),
    )
    administration_hosts = ModelMultipleChoiceField(
        label=_("People who act as the host administration"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Staff of the host administration."),
    )
    form_token = OneTimeTokenField()

    class Meta:
        model = HostPair
        fields = [
            "organisation",
            "administration",
            "period_start",
            "period_end",
            "assignment",
            "organisation_contribution",
            "city_contribution",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "assignment": forms.Textarea(attrs={"rows": 4}),
            "organisation_contribution": forms.Textarea(attrs={"rows": 2}),
            "city_contribution": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "organisation": {"required": _("Choose the idea-based host organisation.")},
            "administration": {"required": _("Choose the host administration.")},
            "period_start": {"required": _("Give the first day of the period.")},
            "period_end": {"required": _("Give the last day of the period.")},
            "assignment": {"required": _("Describe the assignment.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        active = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["organisation"].queryset = active.exclude(kind=Organisation.Kind.ADMINISTRATION)
        self.fields["administration"].queryset = active.filter(
            kind=Organisation.Kind.ADMINISTRATION
        )
        self.fields["organisation_hosts"].queryset = _people()
        self.fields["administration_hosts"].queryset = _people()

    def clean(self):
        data = super().clean()
        for field, organisation in (
            ("organisation_hosts", data.get("organisation")),
            ("administration_hosts", data.get("administration")),
        ):
            people = data.get(field) or []
            if organisation is None or not people:
                continue
            members = set(
                Membership.objects.filter(organisation=organisation, user__in=people).values_list(
                    "user_id", flat=True
                )
            )
            if any(person.pk not in members for person in people):
                self.add_error(field, _("A host must belong to the organisation chosen."))
        return data
