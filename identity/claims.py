"""The claims of the OIDC Sweden profile, read: the personal identity number (validated, kept
only as a keyed hash and a masked form), the organisation a person acts for (``orgAffiliation``)
and the level of assurance (``acr``). Nothing here logs or returns a whole number."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.se import personnummer

PERSONAL_NUMBER = "personalIdentityNumber"
ORG_AFFILIATION = "orgAffiliation"

# Sweden Connect's levels of assurance (tillitsnivåer) and the eIDAS ones, as 1-4. An uncertified
# "loa3" is not level 3: it counts as 2.
LEVELS = {
    "http://id.elegnamnden.se/loa/1.0/loa1": 1,
    "http://id.elegnamnden.se/loa/1.0/loa2": 2,
    "http://id.elegnamnden.se/loa/1.0/loa3": 3,
    "http://id.elegnamnden.se/loa/1.0/loa4": 4,
    "http://id.swedenconnect.se/loa/1.0/uncertified-loa3": 2,
    "http://id.elegnamnden.se/loa/1.0/eidas-low": 2,
    "http://id.elegnamnden.se/loa/1.0/eidas-sub": 3,
    "http://id.elegnamnden.se/loa/1.0/eidas-high": 4,
    "http://id.elegnamnden.se/loa/1.0/eidas-nf-low": 2,
    "http://id.elegnamnden.se/loa/1.0/eidas-nf-sub": 3,
    "http://id.elegnamnden.se/loa/1.0/eidas-nf-high": 4,
}


def assurance_of(acr: str | None) -> int:
    """The level (1-4) an ``acr`` claim stands for; an unknown or missing one is level 1."""
    return LEVELS.get((acr or "").strip(), 1)


@dataclass(frozen=True)
class PersonalNumber:
    """A valid personal identity number, as its keyed hash and its masked form only."""

    digest: str
    masked: str


def personal_number(value: str) -> PersonalNumber:
    """Validate a personal (or coordination) number with python-stdnum's Luhn check and date.
    Raises ValidationError without repeating the number."""
    try:
        compact = personnummer.validate(value or "")
    except InvalidNumber as error:
        raise ValidationError(_("The personal identity number is not valid.")) from error
    full = _with_century(compact)
    return PersonalNumber(digest=digest_of(full), masked=f"{full[:8]}-****")


def digest_of(full: str) -> str:
    """The keyed hash (HMAC-SHA256) a person is matched by; the key is IDENTITY_NUMBER_KEY."""
    key = settings.IDENTITY_NUMBER_KEY or settings.SECRET_KEY
    return salted_hmac("identity.personal-number", full, secret=key, algorithm="sha256").hexdigest()


def _with_century(compact: str) -> str:
    """The twelve digits, YYYYMMDDNNNC (stdnum's compact form keeps a ten-digit number's '+')."""
    birth = personnummer.get_birth_date(compact)
    return f"{birth.year // 100}{compact.replace('-', '').replace('+', '')[-10:]}"


def affiliated_org_number(claims: dict) -> str:
    """The organisation number in ``orgAffiliation`` (OIDC Sweden: ``<person id>@<org number>``),
    without the person's part; "" when the claim is missing or malformed."""
    value = str(claims.get(ORG_AFFILIATION) or "")
    _person, at, org_number = value.rpartition("@")
    return org_number.strip() if at and org_number.strip() else ""
