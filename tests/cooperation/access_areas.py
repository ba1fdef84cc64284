"""Access-rule makers for the challenge areas' and matching URLs, for
``tests/config/test_object_urls.py`` and the permission matrix."""

from datetime import date

from django.utils import timezone

from cooperation.models import Host, HostPair, Listing, Match
from tests import factories
from tests.access import PUBLIC_OBJECT_URLS, object_url

PUBLIC_OBJECT_URLS["cooperation:area_detail"] = (
    "a challenge area's page is public; tests/cooperation/test_areas.py checks that it shows "
    "only what is public or published"
)


@object_url("cooperation:area_detail")
@object_url("cooperation:area_close")
@object_url("cooperation:host_pair_create")
def _area(organisation) -> dict:
    # An area belongs to no organisation: only coordinators and officers manage it.
    return {"slug": factories.ChallengeAreaFactory().slug}


@object_url("cooperation:host_assignment_pdf")
@object_url("cooperation:host_assignment_make")
@object_url("cooperation:host_assignment_sign")
def _host_pair(organisation) -> dict:
    """A host pair whose idea-based host is ``organisation``."""
    coordinator = factories.staff()
    pair = HostPair.objects.create(
        area=factories.ChallengeAreaFactory(),
        organisation=organisation,
        administration=factories.AdministrationFactory(),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        assignment="Leda områdets dialoger.",
        recorded_by=coordinator,
    )
    Host.objects.create(pair=pair, user=factories.member(organisation), side="organisation")
    return {"pk": pair.pk}


def _listing(organisation, *, published=False) -> Listing:
    side = "need" if organisation.kind == "administration" else "offer"
    return Listing.objects.create(
        side=side,
        organisation=organisation,
        title="Läxhjälp",
        description="Volontärer som hjälper med läxor.",
        resource="volunteers",
        challenge_area=factories.ChallengeAreaFactory(),
        is_published=published,
        created_by=factories.member(organisation),
    )


@object_url("cooperation:listing_detail")
@object_url("cooperation:listing_publish")
def _own_listing(organisation) -> dict:
    """An offer of ``organisation``, not published."""
    return {"pk": _listing(organisation).pk}


@object_url("cooperation:match_interest")
def _listing_and_a_need(organisation) -> dict:
    need = _listing(factories.AdministrationFactory(), published=True)
    return {"pk": _listing(organisation).pk, "other_pk": need.pk}


@object_url("cooperation:match_confirm")
def _match(organisation) -> dict:
    need = _listing(factories.AdministrationFactory(), published=True)
    match = Match.objects.create(
        need=need, offer=_listing(organisation), offer_interested_at=timezone.now()
    )
    return {"pk": match.pk}
