"""Validation of Swedish organisation numbers and giro accounts (python-stdnum)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


def normalise_org_number(value: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise ValidationError."""
    try:
        return orgnr.format(orgnr.validate(value))
    except StdnumError as exc:
        raise ValidationError(
            _("“%(value)s” is not a valid Swedish organisation number (NNNNNN-NNNN)."),
            code="invalid_org_number",
            params={"value": value},
        ) from exc


def _giro_digits(value: str) -> str:
    return "".join(ch for ch in value if ch not in " -")


def validate_bankgiro(value: str) -> None:
    digits = _giro_digits(value)
    if not (digits.isdigit() and 7 <= len(digits) <= 8 and luhn.is_valid(digits)):
        raise ValidationError(
            _("“%(value)s” is not a valid bankgiro number."),
            code="invalid_bankgiro",
            params={"value": value},
        )


def validate_plusgiro(value: str) -> None:
    digits = _giro_digits(value)
    if not (digits.isdigit() and 2 <= len(digits) <= 8 and luhn.is_valid(digits)):
        raise ValidationError(
            _("“%(value)s” is not a valid plusgiro number."),
            code="invalid_plusgiro",
            params={"value": value},
        )
