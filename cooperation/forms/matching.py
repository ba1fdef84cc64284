from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common.once import OneTimeTokenField
from organisations import policy as org_policy
from organisations.models import Organisation

from ..models import Listing


class ListingForm(forms.ModelForm):
    """A need (from an administration) or an offer (from an idea-based organisation): which
    one follows from the organisation it is posted for."""

    form_token = OneTimeTokenField()

    class Meta:
        model = Listing
        fields = [
            "organisation",
            "title",
            "description",
            "resource",
            "challenge_area",
            "district",
            "target_group",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "organisation": {"required": _("Choose the organisation you post for.")},
            "title": {"required": _("Give a title.")},
            "description": {"required": _("Describe what is needed or offered.")},
            "resource": {"required": _("Choose what kind of help it is.")},
            "challenge_area": {"required": _("Choose a challenge area.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        roles = org_policy.roles_of(user)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=roles.organisation_ids | roles.administration_ids, is_active=True
        ).order_by("name")
        self.fields["organisation"].help_text = _(
            "A city administration posts a need; an idea-based organisation posts an offer."
        )
        self.fields["challenge_area"].queryset = ChallengeArea.objects.filter(is_active=True)

    def side(self) -> str:
        organisation = self.cleaned_data["organisation"]
        if organisation.kind == Organisation.Kind.ADMINISTRATION:
            return Listing.Side.NEED
        return Listing.Side.OFFER
