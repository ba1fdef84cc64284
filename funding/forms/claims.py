"""The officer's forms for repayment claims and for a demand for a decision (12 §)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common import limits
from common.money import AmountField
from common.once import OneTimeTokenField

from .applying import DateInput

MONEY = {"min_value": 0, "max_digits": 12, "decimal_places": 2}


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)


class UnreportedClaimForm(_Form):
    """Claim the grant back: no report-back came by its deadline, after a reminder."""

    amount = AmountField(
        label=_("Amount to repay (kr)"),
        **MONEY,
        error_messages={"required": _("Give the amount to repay.")},
    )
    reasons = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reasons for the repayment claim.")},
    )
    due_on = forms.DateField(
        label=_("To be paid by (empty: in 30 days)"), required=False, widget=DateInput()
    )
    form_token = OneTimeTokenField()


class RepaymentReceivedForm(_Form):
    amount = AmountField(
        label=_("Amount received (kr)"),
        **MONEY,
        error_messages={"required": _("Give the amount received.")},
    )
    received_on = forms.DateField(
        label=_("Day received"),
        widget=DateInput(),
        error_messages={"required": _("Give the day the money was received.")},
    )
    form_token = OneTimeTokenField()


class WriteOffForm(_Form):
    reason = limits.BoundedText(
        max_length=limits.TEXT,
        label=_("Why the claim is written off"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for writing the claim off.")},
    )
    form_token = OneTimeTokenField()


class DemandRejectionForm(_Form):
    reasons = limits.BoundedText(
        max_length=limits.ANSWER,
        label=_("Reasons for rejecting the demand"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reasons for the special decision.")},
    )
    form_token = OneTimeTokenField()
