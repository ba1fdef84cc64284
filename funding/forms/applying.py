from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common import limits, uploads
from common.money import AmountField
from common.once import OneTimeTokenField
from common.privacy import CollectsPersonalData
from organisations.models import Board, Organisation

from ..models import AttachmentKind, FundingApplication, OtherFunding


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StartApplicationForm(CollectsPersonalData, forms.Form):
    programme = forms.ModelChoiceField(
        queryset=None, label=_("Programme"), widget=forms.HiddenInput
    )
    organisation = forms.ModelChoiceField(queryset=None, label=_("Apply for"), empty_label=None)
    title = forms.CharField(
        label=_("Name of the activity"),
        max_length=limits.NAME,
        help_text=_("A short name. You can change it later."),
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, programmes, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["organisation"].queryset = organisations


class ProjectForm(CollectsPersonalData, forms.ModelForm):
    # A draft may be saved half done; these must be answered before it is sent.
    required_to_send = ("title", "purpose", "activity_start", "activity_end")

    class Meta:
        model = FundingApplication
        fields = [
            "title",
            "purpose",
            "target_group",
            "challenge_area",
            "activity_start",
            "activity_end",
            "participants",
        ]
        widgets = {
            "activity_start": DateInput(),
            "activity_end": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 6}),
        }


class MoneyForm(forms.ModelForm):
    required_to_send = ("amount_applied",)

    class Meta:
        model = FundingApplication
        fields = ["amount_applied", "total_cost"]
        field_classes = {"amount_applied": AmountField, "total_cost": AmountField}
        help_texts = {
            "amount_applied": _("In kronor."),
            "total_cost": _("All costs of the activity, whoever pays them."),
        }


class OtherFundingForm(forms.Form):
    funder = forms.CharField(label=_("Funder"), max_length=limits.NAME, required=False)
    board = forms.ModelChoiceField(
        queryset=Board.objects.filter(is_active=True),
        required=False,
        label=_("Or a board of the city"),
    )
    amount = AmountField(label=_("Amount (kr)"), min_value=0)
    # With the first choice as initial value, an untouched extra row counts as unchanged.
    state = forms.ChoiceField(
        label=_("State"), choices=OtherFunding.State.choices, initial=OtherFunding.State.APPLIED
    )

    def clean(self):
        data = super().clean()
        if not (data.get("funder") or data.get("board")):
            raise forms.ValidationError(_("Name the funder, or choose the board."))
        return data


OtherFundingFormSet = forms.formset_factory(
    OtherFundingForm,
    extra=1,
    can_delete=True,
    max_num=limits.OTHER_FUNDING_ROWS,
    absolute_max=limits.OTHER_FUNDING_ROWS,
    validate_max=True,
)


class AttachmentForm(CollectsPersonalData, forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=AttachmentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or OpenDocument (ODT), at most 10 MB."
        ),
    )
    form_token = OneTimeTokenField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.check_upload(upload)
        return upload


class SourceFinderForm(forms.Form):
    purpose = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("What the project is to do"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    challenge_area = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Challenge area")
    )
    amount = AmountField(label=_("Amount needed (kr)"), min_value=0, decimal_places=0)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), choices=[])
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge_area"].queryset = ChallengeArea.objects.filter(is_active=True)
        self.fields["organisation_kind"].choices = [
            (kind, label)
            for kind, label in Organisation.Kind.choices
            if kind in Organisation.IDEA_BASED_KINDS
        ]


class BoardMeetingForm(forms.Form):
    meeting_date = forms.DateField(
        label=_("Board meeting where they are reported"), widget=DateInput()
    )
    protocol_paragraph = forms.CharField(
        label=_("Protocol §"),
        max_length=20,
        required=False,
        help_text=_("The paragraph of the protocol under which they are reported, e.g. § 95."),
    )
    form_token = OneTimeTokenField()


class ProtocolAnnouncedForm(forms.Form):
    """The day the approval of a meeting's protocol was announced on the notice board."""

    meeting_date = forms.DateField(label=_("Board meeting"), widget=DateInput())
    announced_on = forms.DateField(
        label=_("Approval of the protocol announced on the notice board"),
        widget=DateInput(),
        help_text=_("The three weeks to appeal run from this day."),
    )


class SubmitApplicationForm(CollectsPersonalData, forms.Form):
    """The "send" button under "check your answers": sent twice, the application is sent once."""

    form_token = OneTimeTokenField()


class DelegationListForm(forms.Form):
    meeting_date = forms.DateField(label=_("Board meeting"), required=False, widget=DateInput())
