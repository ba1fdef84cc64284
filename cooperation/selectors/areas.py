"""What a challenge area's page shows, and who hosts an area.

The public page shows what is public by its nature (the area, its host organisations, signed
agreements, grants of programmes that publish them) and what an owner published (needs and
offers); the people who act as hosts are shown to those who are logged in."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from casework.models import ChallengeArea, PriorityTheme
from documents import contexts as doc
from funding.models import Decision
from funding.models.handling import Outcome
from organisations import policy as org_policy
from partnerships.models import IOPInquiry
from partnerships.models.inquiry import Status as InquiryStatus

from ..models import Event, Host, HostPair, Initiative, Listing

# An inquiry in one of these has a signed agreement: it came out of the area's cooperation.
_AGREED = [InquiryStatus.ACTIVE, InquiryStatus.ENDED, InquiryStatus.TERMINATED]


def may_manage_areas(user) -> bool:
    """Coordinators and officers add and close areas and record their hosts."""
    return user.is_superuser or any(
        org_policy.has_role_permission(user, perm)
        for perm in (org_policy.COORDINATE, org_policy.HANDLE_CASE)
    )


def is_area_host(user, area: ChallengeArea, day=None) -> bool:
    """Whether ``user`` acts as a host of ``area`` on ``day`` (today): hosts plan the area's
    dialogues and workshops."""
    if not getattr(user, "is_authenticated", False):
        return False
    day = day or timezone.localdate()
    return Host.objects.filter(
        user=user,
        pair__area=area,
        pair__period_start__lte=day,
        pair__period_end__gte=day,
    ).exists()


def areas() -> QuerySet[ChallengeArea]:
    """Every area, open ones first: a closed area keeps its page and its history."""
    return ChallengeArea.objects.order_by("-is_active", "position", "name")


def area_or_404(slug: str) -> ChallengeArea:
    return get_object_or_404(ChallengeArea, slug=slug)


def host_pair_for_user_or_404(user, pk: int) -> HostPair:
    """A host pair's agreement is for the managers, the host organisation and the hosts."""
    pair = get_object_or_404(
        HostPair.objects.select_related("area", "organisation", "administration"), pk=pk
    )
    if not (
        may_manage_areas(user)
        or org_policy.acts_for(user, pair.organisation_id)
        or pair.hosts.filter(user=user).exists()
    ):
        raise Http404
    return pair


@dataclass(frozen=True)
class AreaPage:
    area: ChallengeArea
    theme: PriorityTheme | None
    pairs: list[HostPair]
    dialogues: list[Event]
    needs: list[Listing]
    offers: list[Listing]
    agreements: list[IOPInquiry]
    grants: list[dict]
    initiatives: list[Initiative]


def area_page(area: ChallengeArea, today=None) -> AreaPage:
    today = today or timezone.localdate()
    listings = list(
        Listing.objects.filter(challenge_area=area, is_published=True, is_open=True)
        .select_related("organisation")
        .order_by("-created_at")
    )
    return AreaPage(
        area=area,
        theme=PriorityTheme.objects.filter(year=today.year).first(),
        pairs=list(
            area.host_pairs.select_related("organisation", "administration")
            .prefetch_related("hosts__user")
            .order_by("-period_start")
        ),
        # Only what the organisers published: a planned dialogue is theirs until then.
        dialogues=list(
            area.events.filter(is_published=True)
            .exclude(status=Event.Status.CANCELLED)
            .order_by("-starts_at")
        ),
        needs=[item for item in listings if item.side == Listing.Side.NEED],
        offers=[item for item in listings if item.side == Listing.Side.OFFER],
        agreements=list(
            IOPInquiry.objects.filter(case__challenge_area=area, status__in=_AGREED)
            .select_related("case")
            .order_by("-case__registered_at")
        ),
        grants=list(_published_grants(area)),
        # An initiative is named with the organisation that carries it; its description stays
        # with those who work on it.
        initiatives=list(area.initiatives.select_related("organisation").order_by("-created_at")),
    )


def _published_grants(area: ChallengeArea):
    return (
        Decision.objects.filter(
            application__case__challenge_area=area,
            outcome__in=[Outcome.APPROVED, Outcome.PARTLY_APPROVED],
            amount_granted__gt=0,
            application__programme__publication__publish_grants=True,
        )
        .values(
            "amount_granted",
            "decided_at",
            organisation_name=F("application__organisation__name"),
            programme_name=F("application__programme__name"),
        )
        .order_by("-decided_at")
    )


def host_assignment_context(pair: HostPair, today=None) -> doc.HostAssignmentContext:
    """The host assignment as the document the two parties sign."""
    today = today or timezone.localdate()
    organisation, administration = pair.organisation, pair.administration
    theme = PriorityTheme.objects.filter(year=pair.period_start.year).first()
    return doc.HostAssignmentContext(
        case_number=f"VÄRD-{pair.area.slug.upper()}-{pair.period_start.year}",
        document_date=today,
        area=pair.area.name,
        area_description=pair.area.description,
        parties=[
            doc.AgreementParty(
                name=settings.CITY_NAME,
                org_number=settings.CITY_ORGANISATION_NUMBER,
                is_public=True,
                acting_through=[administration.name[:1].lower() + administration.name[1:]],
            ),
            doc.AgreementParty(
                name=organisation.name,
                org_number=organisation.org_number,
                is_public=False,
                address=_address(organisation),
            ),
        ],
        host_administration=administration.name,
        assignment=pair.assignment,
        period_start=pair.period_start,
        period_end=pair.period_end,
        hosts=[
            doc.HostPerson(
                host.user.get_full_name() or host.user.get_username(),
                organisation.name if host.side == Host.Side.ORGANISATION else administration.name,
            )
            for host in pair.hosts.select_related("user").order_by("side", "pk")
        ],
        organisation_contribution=pair.organisation_contribution,
        city_contribution=pair.city_contribution,
        priority_theme=theme.title if theme else "",
    )


def _address(organisation) -> str:
    town = " ".join(part for part in (organisation.postal_code, organisation.city) if part)
    return "\n".join(part for part in (organisation.street_address, town) if part)
