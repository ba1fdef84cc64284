"""The OIDC Sweden claims: levels of assurance, personal identity numbers, orgAffiliation."""

import pytest
from django.core.exceptions import ValidationError

from identity import claims

# Invented test numbers, valid by checksum (identity/provider/identities.json).
NUMBER = "191212121212"


@pytest.mark.parametrize(
    ("acr", "level"),
    [
        ("http://id.elegnamnden.se/loa/1.0/loa2", 2),
        ("http://id.elegnamnden.se/loa/1.0/loa3", 3),
        ("http://id.elegnamnden.se/loa/1.0/loa4", 4),
        ("http://id.elegnamnden.se/loa/1.0/eidas-sub", 3),
        ("http://id.swedenconnect.se/loa/1.0/uncertified-loa3", 2),
        ("urn:unknown", 1),
        (None, 1),
    ],
)
def test_an_acr_claim_is_read_as_a_level_of_assurance(acr, level):
    assert claims.assurance_of(acr) == level


def test_a_number_is_kept_only_as_its_hash_and_masked_form_whichever_way_it_is_written():
    number = claims.personal_number(NUMBER)
    assert number.masked == "19121212-****"
    assert NUMBER not in number.digest and "1212" not in number.masked.split("-")[1]
    assert claims.personal_number("19121212-1212") == number
    # Ten digits with "-": under a hundred years old (stdnum), so another person.
    assert claims.personal_number("121212-1212") != number


@pytest.mark.parametrize("value", ["191212121213", "19121312-1212", "", "abc"])
def test_an_invalid_number_is_refused_without_repeating_it(value):
    with pytest.raises(ValidationError) as refused:
        claims.personal_number(value)
    assert value not in str(refused.value) or not value


def test_the_organisation_of_org_affiliation_is_kept_without_the_persons_part():
    claim = {"orgAffiliation": f"{NUMBER}@8020000132"}
    assert claims.affiliated_org_number(claim) == "8020000132"
    assert claims.affiliated_org_number({"orgAffiliation": "no-at-sign"}) == ""
    assert claims.affiliated_org_number({}) == ""
