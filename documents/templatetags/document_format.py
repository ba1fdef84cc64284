"""Swedish number formats for documents: ``{{ amount|sek }}`` → "1 250 000 kr"."""

from django import template

from common.money import format_amount, format_sek

register = template.Library()


@register.filter
def amount(value) -> str:
    """A number with spaces between thousands and a decimal comma, öre only when there are."""
    return format_amount(value)


@register.filter
def sek(value) -> str:
    return format_sek(value)
