"""Amounts of money in Swedish, the one way: "80 000 kr" on pages and in documents, and an
input that takes what people write.

``{% load money %}`` gives ``{{ value|sek }}`` ("80 000 kr", "80 000,50 kr") and
``{{ value|amount }}`` (the number alone). ``AmountField`` is the form field of every amount:
it accepts "80 000", "80 000 kr", "80000,50", "80 000:-" and "80000.50", and shows a saved
amount the same way back ("80 000").
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms, template

register = template.Library()

NBSP = "\u00a0"
# Spaces people and browsers put between thousands: space, no-break space, narrow no-break.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"(?:kr\.?|kronor|sek|:-)$", re.IGNORECASE)


def format_amount(value) -> str:
    """A number with spaces between thousands and a decimal comma, öre only when there are."""
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    return text.replace(",", NBSP).replace(".", ",").replace("-", "\u2212")


def format_sek(value) -> str:
    text = format_amount(value)
    return f"{text}{NBSP}kr" if text else ""


def parse_amount(text: str) -> str:
    """What a person wrote, as a plain decimal number ("80 000,50 kr" → "80000.50"); text that
    is no amount comes back unchanged, for the field to refuse."""
    plain = _CURRENCY.sub("", _SPACES.sub("", text.strip())).replace("\u2212", "-")
    if plain.count(",") == 1 and "." not in plain:
        plain = plain.replace(",", ".")
    return plain


@register.filter
def amount(value) -> str:
    return format_amount(value)


@register.filter
def sek(value) -> str:
    return format_sek(value)


class AmountInput(forms.TextInput):
    """A text box (a number box refuses spaces and "kr") that shows an amount in Swedish."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_amount(value).replace("\u2212", "-").replace(NBSP, " ")
        return super().format_value(value)


class AmountField(forms.DecimalField):
    """An amount in kronor, written as people write it. Refuses "NaN", "sNaN" and "Infinity"
    as soon as it reads them (a formset asks each form whether it has changed before it
    validates, and comparing a signalling NaN with a number raised ``InvalidOperation``)."""

    widget = AmountInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # Django's DecimalField sets ``step`` for a number box; a text box has none.
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return attrs

    def to_python(self, value):
        if isinstance(value, str):
            value = parse_amount(value)
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value
