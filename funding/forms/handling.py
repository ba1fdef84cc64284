"""Forms of the city's tasks and the association's answers in the workflow."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import limits, uploads
from common.money import AmountField
from common.privacy import CollectsPersonalData

from ..models import ReportBack
from ..models.handling import Outcome
from .applying import DateInput

MONEY = {"min_value": 0, "max_digits": 12, "decimal_places": 2}


class CompletenessForm(forms.Form):
    COMPLETE, SUPPLEMENT = "complete", "supplement"
    result = forms.ChoiceField(
        label=_("Is the application complete?"),
        widget=forms.RadioSelect,
        choices=[
            (COMPLETE, _("Yes, it can be assessed")),
            (SUPPLEMENT, _("No, ask the organisation for a supplement")),
        ],
    )
    message = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("What is missing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due_on = forms.DateField(label=_("Answer by"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("result") == self.SUPPLEMENT:
            if not data.get("message"):
                self.add_error("message", _("Tell the organisation what is missing."))
            if not data.get("due_on"):
                self.add_error("due_on", _("Give the date to answer by."))
        return data


class SupplementAnswerForm(CollectsPersonalData, forms.Form):
    answer = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Change the application's answers and attachments first if asked to; "
            "then send it back here."
        ),
    )


def conflict_of_interest_field() -> forms.BooleanField:
    """The declaration on conflict of interest (FL 16–18 §§) on every task that assesses,
    decides or records a decision; the service refuses the task without it."""
    return forms.BooleanField(
        label=_("I have no conflict of interest (jäv) in this case"),
        required=False,
        help_text=_(
            "Förvaltningslagen 16–18 §§: you are disqualified if you or someone close to you "
            "is a party, a member of the applying organisation's board, or could gain or lose "
            "by the decision. If so, pass the task to a colleague and give the conflict as "
            "the reason."
        ),
    )


NO_CONFLICT_DECLARED = _(
    "Declare that you have no conflict of interest (jäv), or pass the task to a colleague "
    "giving the conflict as the reason."
)


class DeclaresOnConflict:
    """A form with the declaration on conflict of interest reports a missing one with its other
    errors, not only after they are corrected (the service refuses it too)."""

    def clean(self):
        data = super().clean()
        if not data.get("no_conflict_of_interest"):
            self.add_error("no_conflict_of_interest", NO_CONFLICT_DECLARED)
        return data


class AssessmentForm(DeclaresOnConflict, forms.Form):
    no_conflict_of_interest = conflict_of_interest_field()
    matter_of_principle = forms.BooleanField(
        label=_("This is a matter of principle: the board decides"),
        required=False,
        help_text=_("Kommunallagen 6 kap. 38 §: a matter of principle is never delegated."),
    )
    summary = limits.BoundedText(
        max_length=limits.ANSWER, label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 5})
    )
    proposed_outcome = forms.ChoiceField(label=_("Proposed decision"), choices=Outcome.choices)
    proposed_amount = AmountField(label=_("Proposed amount (kr)"), **MONEY)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)d): score")
                % {"criterion": criterion.name, "weight": criterion.weight},
                choices=[("", "–"), *[(n, str(n)) for n in range(6)]],
                coerce=int,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = limits.BoundedText(
                max_length=limits.TEXT,
                label=_("%(criterion)s: comment") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        outcome, amount = data.get("proposed_outcome"), data.get("proposed_amount")
        if outcome == Outcome.REJECTED and amount:
            self.add_error("proposed_amount", _("A rejection proposes 0 kr."))
        elif outcome and outcome != Outcome.REJECTED and amount == 0:
            self.add_error("proposed_amount", _("Propose the amount to grant."))
        return data

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class DecisionForm(DeclaresOnConflict, forms.Form):
    no_conflict_of_interest = conflict_of_interest_field()
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    amount_granted = AmountField(label=_("Amount granted (kr)"), **MONEY)
    reasons = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The decision letter states them (förvaltningslagen 32 §)."),
    )


class BoardMemoForm(forms.Form):
    summary = limits.BoundedText(
        max_length=limits.ANSWER, label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5})
    )
    proposal = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Proposed decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One point of the proposal per line."),
    )
    meeting_date = forms.DateField(label=_("Board meeting"), widget=DateInput())


class BoardDecisionForm(DecisionForm):
    meeting_date = forms.DateField(label=_("Board meeting"), widget=DateInput())
    protocol_paragraph = forms.CharField(label=_("Protocol §"), max_length=20)


class PayoutForm(forms.Form):
    amount = AmountField(label=_("Amount of this tranche (kr)"), **MONEY)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), initial=timezone.localdate)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; what they may be is for ``common.uploads`` to say."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files if file]


class ReportBackForm(CollectsPersonalData, forms.Form):
    description = limits.BoundedText(
        max_length=limits.ANSWER, label=_("What was done"), widget=forms.Textarea(attrs={"rows": 6})
    )
    amount_used = AmountField(label=_("Money used of the grant (kr)"), **MONEY)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or OpenDocument (ODT), at most 10 MB."
        ),
    )

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        limits.check_room_for_files(
            files, max_files=limits.FILES_PER_REPORT_BACK, max_bytes=limits.BYTES_PER_REPORT_BACK
        )
        for upload in files:
            uploads.check_upload(upload)
        return files


class ReportReviewForm(forms.Form):
    review = forms.ChoiceField(
        label=_("Your review"), widget=forms.RadioSelect, choices=ReportBack.Review.choices
    )
    note = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("Note to the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    repayment_amount = AmountField(label=_("Amount to repay (kr)"), required=False, **MONEY)
    repayment_due_on = forms.DateField(
        label=_("To be paid by (empty: in 30 days)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
