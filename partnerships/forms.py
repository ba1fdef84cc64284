"""Forms of the IOP pages. Labels and help texts are what the user reads: keep them plain."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework.forms import ModelMultipleChoiceField
from casework.models import ChallengeArea
from common import limits
from common.money import AmountField
from common.once import OneTimeTokenField
from common.privacy import CollectsPersonalData
from organisations.models import Board, Organisation, User

from . import selectors
from .models import (
    SCREENING_CRITERIA,
    AgreementVersion,
    BoardDecision,
    Contribution,
    DeclaredAid,
    DraftReview,
    FollowUpReport,
    LegalAssessment,
    Party,
    RenewalDecision,
    Screening,
)

YES_NO = [(True, _("Yes")), (False, _("No"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )


class InquiryForm(CollectsPersonalData, forms.Form):
    form_token = OneTimeTokenField()
    title = forms.CharField(label=_("Name of the activity"), max_length=300)
    purpose = limits.BoundedText(
        max_length=limits.ANSWER, label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3})
    )
    target_group = limits.BoundedText(
        max_length=limits.TEXT, label=_("Target group"), widget=forms.Textarea(attrs={"rows": 2})
    )
    public_benefit_goal = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Common public-benefit goal"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    challenge_area = forms.ModelChoiceField(
        label=_("Challenge area"),
        queryset=ChallengeArea.objects.filter(is_active=True),
        required=False,
    )
    boards = ModelMultipleChoiceField(
        label=_("Public parties (the boards that would take part)"),
        queryset=Board.objects.filter(is_active=True, parent__isnull=True),
        widget=forms.CheckboxSelectMultiple,
    )
    partners = ModelMultipleChoiceField(
        label=_("Other parties (idea-based organisations, universities)"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.ADMINISTRATION).filter(
            is_active=True
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contributions = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("What each party would contribute"),
        help_text=_("Money, premises, staff hours or other resources, party by party."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProposalForm(InquiryForm):
    """A member's proposal, for one of the organisations they act for: chosen when they act
    for several; when they act for one, it is that one whatever the sending says."""

    field_order = ["organisation"]
    organisation = forms.ModelChoiceField(
        label=_("The organisation that proposes"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.only = organisations[0] if len(organisations) == 1 else None
        if self.only is None:
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]

    def clean(self):
        cleaned_data = super().clean()
        if self.only is not None:
            cleaned_data["organisation"] = self.only
        return cleaned_data


class AssignmentForm(InquiryForm):
    assignment_reference = forms.CharField(
        label=_("The executive board's decision (date and §)"), max_length=200
    )
    lead = forms.ModelChoiceField(
        label=_("Idea-based organisation that leads"),
        queryset=Organisation.objects.filter(kind__in=Organisation.IDEA_BASED_KINDS),
    )


class ScreeningForm(forms.Form):
    decision_reasons = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("If this is not an IOP: the notice's reasons, for the initiator"),
        help_text=_("A notice (besked) that the proposal is not an IOP, and why."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    suggestions = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("Suggestions for the initiator"),
        help_text=_(
            "Funding programmes that may fit, or another way forward. The programmes that fit "
            "the proposal are filled in; change them as you see fit."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = {}
        for name, question in SCREENING_CRITERIA:
            criteria[name] = _yes_no(question)
            # Each reasoning names its criterion: four fields all called "Reasoning" would read
            # the same in the error summary and to a screen reader.
            criterion = Screening._meta.get_field(name).verbose_name
            criteria[f"{name}_reasoning"] = limits.BoundedText(
                max_length=limits.TEXT,
                label=format_lazy(_("Reasoning: {criterion}"), criterion=criterion),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields = {**criteria, **self.fields}


class LegalAssessmentForm(forms.ModelForm):
    class Meta:
        model = LegalAssessment
        fields = [
            "counter_performance",
            "direct_economic_interest",
            "existing_market",
            "procurement_reasoning",
            "state_resources",
            "advantage",
            "selectivity",
            "distorts_competition",
            "affects_trade",
            "is_sgei",
            "state_aid_reasoning",
            "state_aid_route",
            "state_aid_route_basis",
            "gdpr_role",
            "gdpr_reasoning",
            "gdpr_arrangement",
            "conclusion",
            "conclusion_reasoning",
        ]
        widgets = {
            "procurement_reasoning": forms.Textarea(attrs={"rows": 3}),
            "state_aid_reasoning": forms.Textarea(attrs={"rows": 3}),
            "gdpr_reasoning": forms.Textarea(attrs={"rows": 2}),
            "gdpr_arrangement": forms.Textarea(attrs={"rows": 3}),
            "conclusion_reasoning": forms.Textarea(attrs={"rows": 3}),
        }


class DraftForm(forms.ModelForm):
    form_token = OneTimeTokenField()

    class Meta:
        model = AgreementVersion
        fields = [
            "goals",
            "governance",
            "budget",
            "period_start",
            "period_end",
            "notice_months",
            "follow_up",
            "note",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "governance": forms.Textarea(attrs={"rows": 3}),
            "budget": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "period_start": DATE,
            "period_end": DATE,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", _("The agreement must end after it starts."))
        return data


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = [
            "party",
            "kind",
            "description",
            "amount_sek",
            "period_start",
            "period_end",
            "recipient",
        ]
        field_classes = {"amount_sek": AmountField}
        widgets = {"period_start": DATE, "period_end": DATE}
        help_texts = {
            "amount_sek": _(
                "Per year. Premises and staff are valued at what they would cost. The agreement "
                "shows the amount per year and the total for the period."
            ),
            "period_start": _("Leave empty for the agreement's whole period."),
            "period_end": _("Leave empty for the agreement's whole period."),
        }

    def __init__(self, *args, inquiry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = inquiry.parties.select_related("organisation", "board")
        self.fields["recipient"].queryset = Organisation.objects.filter(
            pk__in=inquiry.parties.filter(side="idea_based").values("organisation_id")
        )
        self.fields["amount_sek"].validators.append(MinValueValidator(0))
        self.fields["amount_sek"].widget.attrs["min"] = "0"
        for name in ("period_start", "period_end"):
            self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("period_start"), cleaned_data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("A contribution must end after it starts."))
        return cleaned_data


ContributionFormSet = forms.formset_factory(
    ContributionForm,
    extra=2,
    can_delete=True,
    max_num=limits.CONTRIBUTION_ROWS,
    absolute_max=limits.CONTRIBUTION_ROWS,
    validate_max=True,
)


class ReviewForm(CollectsPersonalData, forms.ModelForm):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=DraftReview.Answer.choices, widget=forms.RadioSelect
    )
    # The version the person read: the answer is recorded for that one.
    version_number = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("answer") == DraftReview.Answer.CHANGES and not data.get("comment", "").strip():
            self.add_error("comment", _("Say which changes you ask for."))
        return data

    class Meta:
        model = DraftReview
        fields = ["answer", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"comment": _("Required when you ask for changes: say which.")}


class MemoForm(forms.Form):
    summary = limits.BoundedText(
        max_length=limits.ANSWER, label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4})
    )
    proposal = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Proposed decision"),
        help_text=_("One point a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    distribution = limits.BoundedText(
        max_length=limits.SHORT_TEXT,
        label=_("The decision is sent to"),
        help_text=_("One recipient a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BoardDecisionForm(forms.ModelForm):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=BoardDecision.Outcome.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = BoardDecision
        fields = [
            "outcome",
            "meeting_date",
            "protocol_paragraph",
            "signatory",
            "signatory_title",
            "note",
        ]
        widgets = {
            "meeting_date": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "signatory": _(
                "The person the board's decision authorises to sign the agreement for it. "
                "Needed when the board approves; they alone are offered the signing."
            )
        }

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = selectors.may_be_authorised(board) if board is not None else None
        self.fields["signatory"].queryset = people if people is not None else User.objects.none()

    def clean(self):
        data = super().clean()
        approved = data.get("outcome") == BoardDecision.Outcome.APPROVED
        if approved and not data.get("signatory"):
            self.add_error(
                "signatory", _("Name the person the board authorised to sign the agreement.")
            )
        return data


class ReviseOrCloseForm(forms.Form):
    REVISE, CLOSE = "revise", "close"
    choice = forms.ChoiceField(
        label=_("What happens next"),
        choices=[
            (REVISE, _("Revise the agreement with the parties")),
            (CLOSE, _("Close the inquiry without an agreement")),
        ],
        widget=forms.RadioSelect,
    )
    reason = limits.BoundedText(
        max_length=limits.TEXT, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PartyAcceptanceForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("We accept that our organisation is a party to the partnership"), required=True
    )


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that I sign the agreement for the party named above"), required=True
    )
    # The final agreement the signer read: a newer version since then is refused.
    document = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReasonForm(forms.Form):
    reason = limits.BoundedText(
        max_length=limits.TEXT, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class FollowUpReportForm(CollectsPersonalData, forms.ModelForm):
    class Meta:
        model = FollowUpReport
        fields = ["goals_reached", "contributions_delivered", "budget_against_actual", "reflection"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {
            "goals_reached": _(
                "For each goal of the agreement: its indicators and what you reached."
            ),
            "contributions_delivered": _(
                "What your organisation put in this year, money and in kind."
            ),
            "budget_against_actual": _("The budget of the year against what was actually spent."),
            "reflection": _("What worked, what did not, and what the parties should change."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class FollowUpApprovalForm(forms.Form):
    summary = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Your assessment of the year"),
        help_text=_("The parties see it on the inquiry's page."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    steering_group_conclusions = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("The steering group's conclusions"),
        help_text=_("As the partnership's steering group recorded them in its minutes."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    minutes_date = forms.DateField(
        label=_("Date of the steering group's minutes"),
        help_text=_("The meeting where the steering group approved the follow-up."),
        widget=DATE,
    )
    minutes_reference = forms.CharField(
        label=_("Reference to the minutes"),
        help_text=_("For example the minutes' number and paragraph."),
        max_length=200,
    )


class RenewalForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("What happens to the agreement"),
        choices=RenewalDecision.Choice.choices,
        widget=forms.RadioSelect,
    )
    reason = limits.BoundedText(
        max_length=limits.TEXT, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class TerminationForm(forms.Form):
    party = forms.ModelChoiceField(label=_("The party that terminates"), queryset=None)
    decision_reference = forms.CharField(
        label=_("The party's decision to terminate"),
        max_length=200,
        help_text=_(
            "Who decided, when and where: for example the board's protocol (date and §) or "
            "the association's board minutes."
        ),
    )
    reason = limits.BoundedText(
        max_length=limits.TEXT, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(pk__in=[p.pk for p in parties])
        if len(parties) == 1:
            self.fields["party"].initial = parties[0].pk


class ProcurementOverrideForm(forms.Form):
    reasons = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("Reasons to go on as an IOP"),
        help_text=_(
            "Why the partnership is not a procurement although the answers say the city "
            "receives a counter-performance of direct economic interest. Kept in the case."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    form_token = OneTimeTokenField()


class DeclarationForm(CollectsPersonalData, forms.Form):
    organisation = forms.ModelChoiceField(label=_("The organisation that declares"), queryset=None)
    complete = forms.BooleanField(
        label=_(
            "We declare that the aid listed is all the de minimis aid the organisation has "
            "received in the last three years, from others than this portal's grants"
        ),
        help_text=_("If there is none, list none and tick this box."),
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[party.organisation_id for party in parties]
        )
        if len(parties) == 1:
            self.fields["organisation"].initial = parties[0].organisation_id


class DeclaredAidForm(forms.ModelForm):
    class Meta:
        model = DeclaredAid
        fields = ["granted_by", "granted_on", "amount", "currency", "is_sgei"]
        field_classes = {"amount": AmountField}
        widgets = {"granted_on": DATE}
        help_texts = {"granted_by": _("The authority, municipality or region that gave it.")}


DeclaredAidFormSet = forms.formset_factory(
    DeclaredAidForm,
    extra=3,
    max_num=limits.DECLARED_AID_ROWS,
    absolute_max=limits.DECLARED_AID_ROWS,
    validate_max=True,
)


class LeaveForm(forms.Form):
    party = forms.ModelChoiceField(label=_("The party that leaves"), queryset=None)
    reason = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("Why the party leaves"),
        help_text=_("The officers and the other parties see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    form_token = OneTimeTokenField()

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(pk__in=[p.pk for p in parties])
        if len(parties) == 1:
            self.fields["party"].initial = parties[0].pk
