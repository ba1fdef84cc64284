"""Cell text to model values.

A parser gets the text of a cell that is not empty and returns the value, or raises
ValidationError with a message the user can act on. Empty cells never reach a parser: they
take the model field's default.
"""

import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organisations.validators import normalise_org_number

Parser = Callable[[str], object]

YES = {"ja", "j", "x", "1", "yes", "true", "sant"}
NO = {"nej", "n", "0", "no", "false", "falskt"}


def text(value: str) -> str:
    return value


def org_number(value: str) -> str:
    """NNNNNN-NNNN, so that 8020000132 and 802000-0132 find the same organisation."""
    return normalise_org_number(value)


def amount(value: str) -> Decimal:
    # Swedish Excel writes 1 500 000,50: spaces (also non-breaking) group the thousands.
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(_("“%(value)s” is not a number."), params={"value": value})
    return number


def whole_number(value: str) -> int:
    number = amount(value)
    if number != number.to_integral_value():
        raise ValidationError(_("“%(value)s” is not a whole number."), params={"value": value})
    return int(number)


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            _("“%(value)s” is not a date (YYYY-MM-DD)."), params={"value": value}
        ) from exc


def yes_no(value: str) -> bool:
    answer = value.casefold()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise ValidationError(_("“%(value)s” is neither ja nor nej."), params={"value": value})


def choice(choices) -> Parser:
    """The stored value or its label in the active language, in any case."""

    def parse(value: str) -> str:
        return _find(choices, value)

    return parse


def choice_list(choices) -> Parser:
    """Values or labels separated by commas; the order is kept."""

    def parse(value: str) -> list[str]:
        return [_find(choices, part.strip()) for part in value.split(",") if part.strip()]

    return parse


def _find(choices, value: str) -> str:
    wanted = value.casefold()
    for stored, label in choices:
        if wanted in (str(stored).casefold(), str(label).casefold()):
            return stored
    raise ValidationError(
        _("“%(value)s” is not one of: %(choices)s."),
        params={"value": value, "choices": ", ".join(str(label).lower() for _v, label in choices)},
    )
