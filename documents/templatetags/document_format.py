"""Swedish number formats for documents: ``{{ amount|sek }}`` → "1 250 000 kr"."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

NBSP = "\u00a0"


@register.filter
def amount(value) -> str:
    """A number with spaces between thousands and a decimal comma, öre only when there are."""
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    return text.replace(",", NBSP).replace(".", ",").replace("-", "\u2212")


@register.filter
def sek(value) -> str:
    if value is None or value == "":
        return ""
    return f"{amount(value)}{NBSP}kr"
