"""Ranking funding sources for a described project, with reasons."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from casework.models import ChallengeArea
from funding import matching
from tests import factories

pytestmark = pytest.mark.django_db


def _project(**kwargs):
    values = {
        "purpose": "Fotboll för unga",
        "amount": Decimal("20000"),
        "organisation_kind": "association",
    }
    return matching.Project(**{**values, **kwargs})


def test_hard_conditions_decide_whether_a_source_fits():
    today = timezone.localdate()
    factories.FundingSourceFactory(name="Stiftelser", eligible_kinds=["foundation"])
    factories.FundingSourceFactory(name="Liten", max_amount=Decimal("10000"))
    factories.FundingSourceFactory(name="Stängd", deadline=today - timedelta(days=1))
    factories.FundingSourceFactory(name="Passar")
    matches = matching.rank(_project())
    assert [m.source.name for m in matches if m.fits] == ["Passar"]
    reasons = {m.source.name: m.reasons_against for m in matches}
    assert "10 000 kr" in reasons["Liten"][0]
    assert reasons["Stängd"] and reasons["Stiftelser"]


def test_challenge_area_and_words_of_the_purpose_order_the_sources():
    area = factories.ChallengeAreaFactory()
    factories.FundingSourceFactory(name="Allmän")
    factories.FundingSourceFactory(name="Fotboll", keywords="fotboll, idrott")
    in_area = factories.FundingSourceFactory(name="Området")
    in_area.challenge_areas.add(area)
    names = [m.source.name for m in matching.rank(_project(challenge_area_id=area.pk))]
    assert names == ["Området", "Fotboll", "Allmän"]


def test_the_demo_ranks_a_youth_project_and_an_employment_project(demo_data):
    youth = _project(
        purpose="Lovaktiviteter med fotboll för barn och unga under sommarlovet",
        amount=Decimal("40000"),
        challenge_area_id=ChallengeArea.objects.get(slug="ungas-halsa").pk,
    )
    assert [m.source.name for m in matching.rank(youth)[:2]] == [
        "Lovaktivitetsbidrag",
        "Utvecklingsbidrag",
    ]
    work = _project(
        purpose="Vägar till arbete för nyanlända kvinnor genom föreningslivet",
        amount=Decimal("400000"),
        challenge_area_id=ChallengeArea.objects.get(slug="arbete").pk,
    )
    ranked = matching.rank(work)
    assert ranked[0].fits
    assert ranked[0].source.name == "Bidrag till arbetsmarknadsinsatser i föreningslivet"
    closed = next(m for m in ranked if m.source.name == "Stöd till insatser mot segregation")
    assert not closed.fits and len(closed.reasons_against) == 1  # only its deadline has passed
