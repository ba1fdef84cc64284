"""The public register shows only agreement versions that every party has signed.

A version some parties have signed is a draft in signing, not a public agreement: its money,
period and parties stay out of the register until the last party has signed it, even when an
earlier version is signed by all and stays in force meanwhile.
"""

import datetime
import re

import pytest
from django.urls import reverse

from partnerships.models import Party, Signature
from tests import factories
from tests.openness.conftest import agreement_version, money, sign_all

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


def _sign(inquiry, version, side) -> None:
    party = inquiry.parties.get(side=side)
    Signature.objects.create(
        inquiry=inquiry, party=party, version=version, signed_by=version.saved_by
    )


@pytest.fixture
def amended(organisation):
    """Version 1 signed by both parties (100,000 kr a year from 2026); version 2, an amendment
    (900,000 kr a year from 2030), signed by the association only so far."""
    user = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=user, title="Ändrat avtal")
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    first = agreement_version(inquiry, user)
    money(first, public, 100_000)
    sign_all(inquiry, first)
    second = agreement_version(inquiry, user, number=2, starts=datetime.date(2030, 1, 1))
    money(second, public, 900_000)
    _sign(inquiry, second, Party.Side.IDEA_BASED)
    return inquiry


def test_a_half_signed_amendment_is_not_shown_the_version_signed_by_all_is(client, amended):
    text = _text(client.get(reverse("openness:agreements"), HTTP_ACCEPT_LANGUAGE="sv"))

    assert "Ändrat avtal" in text
    assert "2026-01-01 – 2027-12-31" in text
    assert "100 000 kr per år" in text
    assert "2030-01-01" not in text
    assert "900 000" not in text


def test_a_half_signed_amendment_does_not_put_the_agreement_in_force_in_its_years(client, amended):
    url = reverse("openness:agreements")

    assert "Ändrat avtal" not in _text(client.get(url, {"year": 2030}))
    assert "Ändrat avtal" in _text(client.get(url, {"year": 2026}))


def test_signatures_spread_over_two_versions_sign_neither(client, organisation):
    user = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=user, title="Spridda underskrifter")
    first = agreement_version(inquiry, user)
    second = agreement_version(inquiry, user, number=2)
    _sign(inquiry, first, Party.Side.PUBLIC)
    _sign(inquiry, second, Party.Side.IDEA_BASED)

    assert "Spridda underskrifter" not in _text(client.get(reverse("openness:agreements")))
