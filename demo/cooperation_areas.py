"""The five challenge areas of the cooperation plan (seed 001) with their host pairs, needs and
offers, and one match a coordinator confirmed. Hosts are the demo accounts, named by role."""

from datetime import date

from django.utils import timezone

from casework.models import ChallengeArea
from cooperation.models import Listing, Match
from cooperation.services import areas, matching
from organisations.models import Organisation, User

# Seed 001: "Att vara värd för ett område betyder att man ansvarar för att planera, sammankalla
# och hålla i dialoger inom sitt område [och] stödja uppstart av projekt inom området."
ASSIGNMENT = (
    "Värdarna planerar, sammankallar och håller i dialoger inom området och stödjer uppstart "
    "av projekt inom det. De gör kopplingar till hållbarhetsmålen och andra styrdokument och "
    "arbetar enligt riktlinjerna och förhållningssätten i Överenskommelsen Malmöandan."
)

# area, idea-based host, host administration, the idea-based host's account (or none)
HOST_PAIRS = [
    ("ungas-halsa", "Rädda Barnen", "Fritidsförvaltningen", "raddabarnen"),
    ("jamlik-fritid", "Tillsammans i Förening", "Kulturförvaltningen", None),
    ("stadsliv", "Växtverket", "Fastighets- och gatukontoret", "vaxtverket"),
    ("delaktighet", "Malmö Ideella", "Stadskontoret", None),
    ("arbete", "Röda Korset", "Arbetsmarknads- och socialförvaltningen", None),
]

# side, organisation, the account that posts it, title, description, kind, area, district,
# target group, published
LISTINGS = [
    (
        "need",
        "Fritidsförvaltningen",
        "delegat",
        "Lovaktiviteter i Rosengård",
        "Vi söker föreningar som kan hålla i aktiviteter för unga under sommarlovet.",
        "activities",
        "ungas-halsa",
        "Rosengård",
        "unga 13–17 år",
        True,
    ),
    (
        "offer",
        "Rädda Barnen",
        "raddabarnen",
        "Ledare för sommarlovsaktiviteter",
        "Våra volontärer håller i lek och idrott för unga under sommarlovet.",
        "activities",
        "ungas-halsa",
        "Rosengård",
        "unga 10–17 år",
        True,
    ),
    (
        "offer",
        "Växtverket",
        "vaxtverket",
        "Odlingslotter att låna ut",
        "Vi lånar ut odlingslotter och verktyg till grupper som vill odla tillsammans.",
        "premises",
        "stadsliv",
        "Sofielund",
        "boende i området",
        True,
    ),
    (
        "need",
        "Fritidsförvaltningen",
        "delegat",
        "Mötesplats för äldre",
        "Vi söker en lokal där äldre kan mötas på eftermiddagarna.",
        "premises",
        "stadsliv",
        "Sofielund",
        "äldre",
        False,
    ),
]


def load(out) -> None:
    coordinator = User.objects.get(username="samordnare")
    _host_pairs(coordinator)
    _listings()
    _confirmed_match(coordinator)
    out.write("Demo challenge areas, hosts, needs and offers loaded.")


def _host_pairs(coordinator) -> None:
    year = timezone.localdate().year
    for slug, organisation, administration, account in HOST_PAIRS:
        area = ChallengeArea.objects.get(slug=slug)
        if area.host_pairs.exists():
            continue
        host = [User.objects.get(username=account)] if account else []
        areas.host_pair_record(
            area=area,
            organisation=Organisation.objects.get(name=organisation),
            administration=Organisation.objects.get(name=administration),
            period_start=date(year, 1, 1),
            period_end=date(year + 3, 12, 31),
            assignment=ASSIGNMENT,
            organisation_contribution="Värdens arbetstid, åtta timmar i månaden.",
            city_contribution="Värdförvaltningens arbetstid, lokaler för dialogerna och stöd "
            "av samordnarna.",
            organisation_hosts=host,
            acting_user=coordinator,
        )


def _listings() -> None:
    for row in LISTINGS:
        side, organisation, account, title, description, kind, slug, district, group, public = row
        if Listing.objects.filter(title=title).exists():
            continue
        author = User.objects.get(username=account)
        listing = matching.listing_post(
            organisation=Organisation.objects.get(name=organisation),
            side=side,
            title=title,
            description=description,
            resource=kind,
            challenge_area=ChallengeArea.objects.get(slug=slug),
            district=district,
            target_group=group,
            acting_user=author,
        )
        if public:
            matching.listing_publish(listing=listing, publish=True, acting_user=author)


def _confirmed_match(coordinator) -> None:
    need = Listing.objects.get(title="Lovaktiviteter i Rosengård")
    offer = Listing.objects.get(title="Ledare för sommarlovsaktiviteter")
    if Match.objects.filter(need=need, offer=offer, confirmed_at__isnull=False).exists():
        return
    match = matching.match_express_interest(
        listing=offer, other=need, acting_user=User.objects.get(username="raddabarnen")
    )
    matching.match_confirm(match=match, acting_user=coordinator)
