"""Amounts in Swedish, the one way (``common.money``): shown as "80 000 kr", and written as
people write them in every amount field."""

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template

from common.money import AmountField, format_sek
from funding.forms.applying import MoneyForm, OtherFundingForm
from funding.forms.handling import AssessmentForm

NBSP = "\u00a0"


class _Form(forms.Form):
    amount = AmountField(min_value=0)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("80 000", Decimal("80000")),
        ("80 000 kr", Decimal("80000")),
        ("80\u00a0000\u00a0kr", Decimal("80000")),
        ("80000,50", Decimal("80000.50")),
        ("80 000:-", Decimal("80000")),
        ("80000.50", Decimal("80000.50")),
        ("1 250 000 SEK", Decimal("1250000")),
    ],
)
def test_an_amount_is_read_as_people_write_it(written, read):
    form = _Form({"amount": written})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == read


@pytest.mark.parametrize("written", ["NaN", "sNaN", "Infinity", "åttiotusen", "80,000,50", "-5"])
def test_what_is_no_amount_is_refused_on_the_field(written):
    form = _Form({"amount": written})

    assert not form.is_valid() and "amount" in form.errors


def test_a_saved_amount_is_shown_back_in_the_box_as_it_is_written():
    html = str(_Form(initial={"amount": Decimal("80000.00")})["amount"])

    assert 'value="80 000"' in html and 'inputmode="decimal"' in html and 'type="text"' in html
    assert _Form({"amount": "80 000"}).has_changed() is True
    unchanged = _Form({"amount": "80 000"}, initial={"amount": Decimal("80000.00")})
    assert unchanged.has_changed() is False


def test_every_amount_field_is_the_one_amount_field():
    assert isinstance(MoneyForm().fields["amount_applied"], AmountField)
    assert isinstance(MoneyForm().fields["total_cost"], AmountField)
    assert isinstance(OtherFundingForm().fields["amount"], AmountField)
    assert isinstance(AssessmentForm.base_fields["proposed_amount"], AmountField)


def test_pages_and_documents_show_kronor_with_spaces():
    assert format_sek(Decimal("80000")) == f"80{NBSP}000{NBSP}kr"
    assert format_sek(Decimal("80000.5")) == f"80{NBSP}000,50{NBSP}kr"
    page = Template("{% load money %}{{ a|sek }}").render(Context({"a": Decimal("1250000.00")}))
    assert page == f"1{NBSP}250{NBSP}000{NBSP}kr"
