"""Which offers fit a need (or needs an offer), best first, and why: the funding matcher's
approach (``funding.matching``), with points and the reasons behind them shown."""

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from organisations import policy as org_policy

from ..models import Listing, Match

_WORD = re.compile(r"[\wåäöéü]{5,}", re.IGNORECASE)
# Words that say nothing of what is needed or offered.
_COMMON = {"behov", "erbjuder", "erbjudande", "söker", "finns", "under", "kunna", "efter"}
MOST_WORDS = 3


def may_confirm(user) -> bool:
    """Coordinators bring needs and offers together."""
    return user.is_superuser or org_policy.has_role_permission(user, org_policy.COORDINATE)


def owns(user, listing: Listing) -> bool:
    roles = org_policy.roles_of(user)
    return listing.organisation_id in roles.organisation_ids | roles.administration_ids


def visible_listings(user) -> QuerySet[Listing]:
    """Published listings, and the person's own organisations'; coordinators see all."""
    listings = Listing.objects.select_related("organisation", "challenge_area")
    if may_confirm(user):
        return listings
    roles = org_policy.roles_of(user)
    return listings.filter(
        Q(is_published=True)
        | Q(organisation_id__in=roles.organisation_ids | roles.administration_ids)
    )


def listing_for_user_or_404(user, pk: int) -> Listing:
    return get_object_or_404(visible_listings(user), pk=pk)


def own_listing_or_404(user, pk: int) -> Listing:
    listing = listing_for_user_or_404(user, pk)
    if not owns(user, listing):
        raise Http404
    return listing


def match_for_coordinator_or_404(user, pk: int) -> Match:
    if not may_confirm(user):
        raise Http404
    return get_object_or_404(Match.objects.select_related("need", "offer"), pk=pk)


@dataclass
class Suggestion:
    listing: Listing
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    match: Match | None = None

    def points(self, score: int, reason: str) -> None:
        self.score += score
        self.reasons.append(reason)


def _words(listing: Listing) -> set[str]:
    text = f"{listing.title} {listing.description}".lower()
    return {word for word in _WORD.findall(text) if word not in _COMMON}


def _score(listing: Listing, other: Listing) -> Suggestion:
    suggestion = Suggestion(other)
    if listing.challenge_area_id and listing.challenge_area_id == other.challenge_area_id:
        suggestion.points(
            3, _("Works in the same challenge area: %(area)s.") % {"area": other.challenge_area}
        )
    if listing.resource == other.resource:
        suggestion.points(
            2, _("Asks for what is offered: %(kind)s.") % {"kind": other.get_resource_display()}
        )
    if listing.district and listing.district.strip().lower() == other.district.strip().lower():
        reason = _("In the same district: %(district)s.") % {"district": other.district}
        suggestion.points(2, reason)
    if listing.target_group and _words_of(listing.target_group) & _words_of(other.target_group):
        reason = _("For the same target group: %(group)s.") % {"group": other.target_group}
        suggestion.points(1, reason)
    shared = sorted(_words(listing) & _words(other))[:MOST_WORDS]
    if shared:
        suggestion.points(len(shared), _("Both name: %(words)s.") % {"words": ", ".join(shared)})
    return suggestion


def _words_of(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[\wåäöéü]{3,}", text)}


def suggestions(user, listing: Listing) -> list[Suggestion]:
    """The open listings of the other side that fit ``listing``, best first, with reasons.
    Only what ``user`` may see is suggested: another organisation's unpublished listing is not."""
    other_side = Listing.Side.OFFER if listing.side == Listing.Side.NEED else Listing.Side.NEED
    candidates = (
        visible_listings(user)
        .filter(side=other_side, is_open=True)
        .exclude(organisation=listing.organisation)
    )
    key = "offer" if listing.side == Listing.Side.NEED else "need"
    matches = {
        getattr(match, f"{key}_id"): match
        for match in Match.objects.filter(**{listing.side: listing})
    }
    ranked = []
    for other in candidates:
        suggestion = _score(listing, other)
        if suggestion.score:
            suggestion.match = matches.get(other.pk)
            ranked.append(suggestion)
    return sorted(ranked, key=lambda s: (-s.score, s.listing.title))


def matches_to_confirm() -> QuerySet[Match]:
    """Matches one side is interested in, not yet confirmed: the coordinators' list."""
    return (
        Match.objects.filter(confirmed_at__isnull=True)
        .filter(Q(need_interested_at__isnull=False) | Q(offer_interested_at__isnull=False))
        .select_related("need__organisation", "offer__organisation")
        .order_by("pk")
    )
