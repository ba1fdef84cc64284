"""Posting needs and offers, publishing them, interest in a match and its confirmation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events
from organisations.models import Organisation

from ..actions import DialogueAction, MatchingAction
from ..models import Initiative, Listing, Match
from ..selectors.matching import may_confirm, owns


def _ensure_owner(user, listing: Listing) -> None:
    if not owns(user, listing):
        raise PermissionDenied


@transaction.atomic
def listing_post(
    *,
    organisation: Organisation,
    side: str,
    title: str,
    description: str,
    resource: str,
    challenge_area,
    district: str = "",
    target_group: str = "",
    acting_user,
) -> Listing:
    """An administration posts a need, an idea-based organisation an offer. It stays within
    the portal's coordinators and the organisation until the organisation publishes it."""
    is_administration = organisation.kind == Organisation.Kind.ADMINISTRATION
    if side == Listing.Side.NEED and not is_administration:
        raise ValidationError({"side": _("Needs are posted by a city administration.")})
    if side == Listing.Side.OFFER and is_administration:
        raise ValidationError({"side": _("Offers are posted by an idea-based organisation.")})
    listing = Listing(
        organisation=organisation,
        side=side,
        title=title.strip(),
        description=description.strip(),
        resource=resource,
        challenge_area=challenge_area,
        district=district.strip(),
        target_group=target_group.strip(),
        created_by=acting_user,
    )
    _ensure_owner(acting_user, listing)
    if not challenge_area.is_active:
        raise ValidationError({"challenge_area": _("The challenge area is closed.")})
    listing.full_clean()
    listing.save()
    events.record(listing, acting_user, MatchingAction.LISTING_POSTED)
    return listing


@transaction.atomic
def listing_publish(*, listing: Listing, publish: bool, acting_user) -> Listing:
    """Show the listing to everyone (on its area's public page), or take it down at once."""
    _ensure_owner(acting_user, listing)
    listing.is_published = publish
    listing.save(update_fields=["is_published"])
    action = MatchingAction.LISTING_PUBLISHED if publish else MatchingAction.LISTING_WITHDRAWN
    events.record(listing, acting_user, action)
    return listing


@transaction.atomic
def match_express_interest(*, listing: Listing, other: Listing, acting_user) -> Match:
    """The owner of ``listing`` is interested in ``other``: the coordinators see the match."""
    _ensure_owner(acting_user, listing)
    if listing.side == other.side or not other.is_open:
        raise ValidationError(_("Choose an open listing of the other side."))
    need, offer = (listing, other) if listing.side == Listing.Side.NEED else (other, listing)
    match, _created = Match.objects.select_for_update().get_or_create(need=need, offer=offer)
    field = "need_interested_at" if listing.side == Listing.Side.NEED else "offer_interested_at"
    if getattr(match, field) is None:
        setattr(match, field, timezone.now())
        match.save(update_fields=[field])
        events.record(match, acting_user, MatchingAction.INTEREST_EXPRESSED)
    return match


@transaction.atomic
def match_confirm(*, match: Match, acting_user) -> Match:
    """A coordinator confirms the match: it opens an initiative of the two organisations in
    the area, which can go on to an IOP proposal or a funding application."""
    if not may_confirm(acting_user):
        raise PermissionDenied
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.is_confirmed:
        raise ValidationError(_("The match is already confirmed."))
    if match.need_interested_at is None and match.offer_interested_at is None:
        raise ValidationError(_("Neither side has expressed interest yet."))
    match.confirmed_by = acting_user
    match.confirmed_at = timezone.now()
    match.initiative = _open_initiative(match, acting_user)
    match.save(update_fields=["confirmed_by", "confirmed_at", "initiative"])
    events.record(match, acting_user, MatchingAction.MATCH_CONFIRMED)
    return match


def _open_initiative(match: Match, acting_user) -> Initiative:
    """The initiative a confirmed match opens, carried by the offering organisation; it is
    recorded as started, as one from a dialogue's next step is."""
    need, offer = match.need, match.offer
    initiative = Initiative.objects.create(
        title=_("%(need)s with %(organisation)s")
        % {"need": need.title, "organisation": offer.organisation.name},
        description=f"{need.description}\n\n{offer.description}",
        challenge_area=need.challenge_area,
        organisation=offer.organisation,
        created_by=acting_user,
    )
    events.record(initiative, acting_user, DialogueAction.INITIATIVE_STARTED)
    return initiative
