"""Fuzzing the needs-and-offers form and the hosts' form: never a server error, a clear message,
nothing half-saved, hostile text shown escaped."""

import pytest
from django.urls import reverse
from hypothesis import given

from cooperation.models import HostPair, Listing
from organisations.models import Role
from tests import factories
from tests.fuzz.checks import fuzz_settings, post_and_check
from tests.fuzz.strategies import form_data

pytestmark = pytest.mark.django_db

_AREA = "fuzz-omrade"


@pytest.fixture
def area(db):
    return factories.ChallengeAreaFactory(slug=_AREA)


@fuzz_settings
@given(
    data=form_data(
        {
            "title": "Läxhjälp",
            "description": "Volontärer hjälper med läxor.",
            "resource": "volunteers",
            "district": "Rosengård",
            "target_group": "unga",
        },
        {
            "organisation": "id",
            "title": "text",
            "description": "text",
            "resource": "choice",
            "challenge_area": "id",
            "district": "text",
            "target_group": "text",
        },
    )
)
def test_a_hostile_need_or_offer_is_refused_or_saved_whole(client, member, area, data):
    client.force_login(member)
    own = {"organisation": member.memberships.get().organisation_id, "challenge_area": area.pk}
    data = {**own, **data}
    post_and_check(
        client,
        reverse("cooperation:listing_create"),
        data,
        rows=lambda: Listing.objects.count(),
        name="cooperation.ListingForm",
    )


@fuzz_settings
@given(
    data=form_data(
        {"period_start": "2026-01-01", "period_end": "2026-12-31", "assignment": "Leda dialoger."},
        {
            "organisation": "id",
            "administration": "id",
            "period_start": "date",
            "period_end": "date",
            "assignment": "text",
            "organisation_contribution": "text",
            "city_contribution": "text",
            "organisation_hosts": "id",
        },
    )
)
def test_hostile_hosts_are_refused_or_saved_whole(client, area, data):
    client.force_login(factories.staff(Role.COORDINATOR))
    post_and_check(
        client,
        reverse("cooperation:host_pair_create", args=[area.slug]),
        data,
        rows=lambda: HostPair.objects.count(),
        name="cooperation.HostPairForm",
    )
