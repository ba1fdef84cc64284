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
from django.utils.translation import gettext as _

from casework.models import ChallengeArea, PriorityTheme
from documents import contexts as doc
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document
from documents.policy import visible_documents
from funding.models import Decision
from funding.models.handling import Outcome
from organisations import policy as org_policy
from organisations.models import Board, Role
from organisations.selectors import current_memberships_of
from partnerships.documents import organisation_signatory
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
    """A host pair's agreement is for the managers, the host organisation, the hosts and the
    person authorised to sign it for the municipality."""
    pair = get_object_or_404(
        HostPair.objects.select_related("area", "organisation", "administration"), pk=pk
    )
    if not (
        may_manage_areas(user)
        or org_policy.acts_for(user, pair.organisation_id)
        or pair.hosts.filter(user=user).exists()
        or getattr(city_signing_authority(pair), "person_id", None) == user.pk
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


def host_assignment(pair: HostPair) -> Document | None:
    """The latest final version of the pair's host assignment, as it is stored and signed."""
    if pair.case_id is None:
        return None
    return (
        Document.objects.filter(
            case_id=pair.case_id, kind=Kind.HOST_ASSIGNMENT, status=Document.Status.FINAL
        )
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class HostAssignmentRow:
    """A pair's assignment as a person sees it on the area's page."""

    pair: HostPair
    document: Document | None  # the latest final version, if the person may see it
    may_sign: bool  # the person signs for a party that has not signed yet
    may_make: bool  # a manager makes the agreement (again, as a new version)


def host_assignments(user, pairs: list[HostPair]) -> list[HostAssignmentRow]:
    """Each pair's assignment as ``user`` sees it: the stored agreement only to whoever may
    see its case (the host organisation, the host administration, coordinators and the staff
    with the right), and the signing to its signatories."""
    manages = may_manage_areas(user)
    rows = []
    for pair in pairs:
        document = host_assignment(pair)
        signs = document is not None and _signs_now(pair, document, user)
        if not signs and document and not visible_documents(user).filter(pk=document.pk).exists():
            document = None
        rows.append(
            HostAssignmentRow(
                pair=pair,
                document=document,
                may_sign=signs,
                may_make=manages and pair.area.is_active,
            )
        )
    return rows


def _signs_now(pair: HostPair, document: Document, user) -> bool:
    signed = set(document.signings.values_list("party", flat=True))
    if pair.organisation.name not in signed and any(
        membership.user_id == user.pk for membership in organisation_signatories(pair)
    ):
        return True
    standing = city_signing_authority(pair)
    return (
        settings.CITY_NAME not in signed and standing is not None and standing.person_id == user.pk
    )


@in_document_language
def host_assignment_context(pair: HostPair, today=None) -> doc.HostAssignmentContext:
    """The host assignment as the document the two parties sign: the municipality through
    the host administration's board, and the idea-based host's organisation."""
    today = today or timezone.localdate()
    organisation, administration = pair.organisation, pair.administration
    theme = PriorityTheme.objects.filter(year=pair.period_start.year).first()
    return doc.HostAssignmentContext(
        case_number=(
            pair.case.case_number
            if pair.case_id
            else f"VÄRD-{pair.area.slug.upper()}-{pair.period_start.year}"
        ),
        document_date=today,
        area=pair.area.name,
        area_description=pair.area.description,
        parties=[
            doc.AgreementParty(
                name=settings.CITY_NAME,
                org_number=settings.CITY_ORGANISATION_NUMBER,
                is_public=True,
                acting_through=[administration.name[:1].lower() + administration.name[1:]],
                signatories=[city_signatory(pair, day=today) or doc.Signatory(name="")],
            ),
            doc.AgreementParty(
                name=organisation.name,
                org_number=organisation.org_number,
                is_public=False,
                address=_address(organisation),
                signatories=[
                    organisation_signatory(membership)
                    for membership in organisation_signatories(pair)
                ]
                or [doc.Signatory(name="", title=str(Role.SIGNATORY.label))],
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


def organisation_signatories(pair: HostPair) -> list:
    """The host organisation's signatories whose right to sign an officer approved."""
    memberships = current_memberships_of(pair.organisation, Role.SIGNATORY).select_related(
        "user", "signing_evidence"
    )
    return [membership for membership in memberships if membership.may_sign]


def city_signing_authority(pair: HostPair, day=None):
    """The standing decision by which the host administration's board authorised a person to
    sign for it (the municipality's side of the assignment), or None if no board has one."""
    for board in Board.objects.filter(
        administration=pair.administration, parent=None, is_active=True
    ).order_by("name"):
        standing = org_policy.board_signing_authority(board.pk, day)
        if standing is not None:
            return standing
    return None


def city_signatory(pair: HostPair, day=None) -> doc.Signatory | None:
    """Who signs for the municipality, in the office and by the decision that authorise them."""
    standing = city_signing_authority(pair, day)
    if standing is None:
        return None
    return doc.Signatory(
        name=str(standing.person),
        title=standing.office or standing.board.name,
        authority=_("Authorised by the decision of %(reference)s")
        % {"reference": standing.protocol_reference},
    )


def _address(organisation) -> str:
    town = " ".join(part for part in (organisation.postal_code, organisation.city) if part)
    return "\n".join(part for part in (organisation.street_address, town) if part)
