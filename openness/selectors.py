"""Reads for the public register. Only fields that are public records are selected here:
names of organisations and boards, the agreement's purpose, period and money, the challenge
area, and granted amounts. Nothing about people (names, e-mail, telephone) and no comments
leave this module, and a draft agreement is never listed: only one every party has signed.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear

from common.periods import total_for_period
from funding.models import Decision
from funding.models.handling import Outcome
from partnerships.models import AgreementVersion, Contribution, IOPInquiry, Party, Signature


def fully_signed_versions() -> QuerySet[AgreementVersion]:
    """Agreement versions that every party of their inquiry has signed (a party that left the
    inquiry signs nothing, as ``partnerships.selectors.unsigned_parties`` says). A version some
    parties have signed is still being signed: it is no public agreement yet."""
    parties = (
        Party.objects.filter(inquiry=OuterRef("inquiry"), left_at__isnull=True)
        .values("inquiry")
        .annotate(count=Count("pk"))
        .values("count")
    )
    signed = (
        Signature.objects.filter(version=OuterRef("pk"), party__left_at__isnull=True)
        .values("version")
        .annotate(count=Count("party", distinct=True))
        .values("count")
    )
    return AgreementVersion.objects.annotate(
        party_count=Subquery(parties), signed_count=Subquery(signed)
    ).filter(party_count__gt=0, signed_count=F("party_count"))


def signed_inquiries(
    *, year: int | None = None, challenge_area=None, query: str = ""
) -> QuerySet[IOPInquiry]:
    """Inquiries with an agreement version every party has signed, newest case first. ``year``
    keeps the agreements in force some day of that year."""
    signed = fully_signed_versions()
    if year is not None:
        signed = signed.filter(
            period_start__lte=date(year, 12, 31), period_end__gte=date(year, 1, 1)
        )
    inquiries = IOPInquiry.objects.filter(pk__in=signed.values("inquiry_id")).select_related(
        "case__challenge_area"
    )
    if challenge_area is not None:
        inquiries = inquiries.filter(case__challenge_area=challenge_area)
    if query:
        inquiries = inquiries.filter(
            Q(case__title__icontains=query) | Q(parties__organisation__name__icontains=query)
        ).distinct()
    return inquiries.order_by("-case__registered_at", "-pk")


@dataclass
class PublicParty:
    """A party and the money it puts in: per year, and in total over the agreement's period."""

    name: str
    side: str
    money_per_year: Decimal = Decimal(0)
    money_total: Decimal = Decimal(0)


@dataclass
class PublicAgreement:
    case_number: str
    title: str
    purpose: str
    challenge_area: str
    period_start: date
    period_end: date
    parties: list[PublicParty] = field(default_factory=list)

    @property
    def money_per_year(self) -> Decimal:
        return sum((party.money_per_year for party in self.parties), Decimal(0))

    @property
    def money_total(self) -> Decimal:
        return sum((party.money_total for party in self.parties), Decimal(0))


def public_agreements(inquiries) -> list[PublicAgreement]:
    """The public face of one page of signed inquiries: three queries, whatever its length."""
    inquiries = list(inquiries)
    versions = _signed_versions([inquiry.pk for inquiry in inquiries])
    parties = _parties_by_inquiry(versions)
    rows = []
    for inquiry in inquiries:
        version = versions.get(inquiry.pk)
        if version is None:
            continue
        area = inquiry.case.challenge_area
        rows.append(
            PublicAgreement(
                case_number=inquiry.case.case_number,
                title=inquiry.case.title,
                purpose=inquiry.purpose,
                challenge_area=area.name if area else "",
                period_start=version["period_start"],
                period_end=version["period_end"],
                parties=parties.get(inquiry.pk, []),
            )
        )
    return rows


def _signed_versions(inquiry_ids: list[int]) -> dict[int, dict]:
    """The latest version of each inquiry that every party has signed (an amendment is signed
    anew; until then the version before it stays the public one)."""
    versions = {}
    signed = (
        fully_signed_versions()
        .filter(inquiry_id__in=inquiry_ids)
        .values("inquiry_id", "period_start", "period_end", version_id=F("pk"))
        .order_by("inquiry_id", "number")
    )
    for row in signed:
        versions[row["inquiry_id"]] = row
    return versions


def _parties_by_inquiry(versions: dict[int, dict]) -> dict[int, list[PublicParty]]:
    version_ids = [row["version_id"] for row in versions.values()]
    per_year: dict[int, Decimal] = {}
    in_total: dict[int, Decimal] = {}
    money = Contribution.objects.filter(
        version_id__in=version_ids, kind=Contribution.Kind.MONEY
    ).values_list("party_id", "amount_sek", "period_start", "period_end")
    for party_id, amount, start, end in money:
        per_year[party_id] = per_year.get(party_id, Decimal(0)) + amount
        in_total[party_id] = in_total.get(party_id, Decimal(0)) + total_for_period(
            amount, start, end
        )
    parties: dict[int, list[PublicParty]] = {}
    rows = Party.objects.filter(inquiry_id__in=list(versions)).select_related(
        "organisation", "board"
    )
    for party in rows.order_by("side", "pk"):
        parties.setdefault(party.inquiry_id, []).append(
            PublicParty(
                name=str(party),
                side=party.get_side_display(),
                money_per_year=per_year.get(party.pk, Decimal(0)),
                money_total=in_total.get(party.pk, Decimal(0)),
            )
        )
    return parties


def published_grants(*, year: int | None = None, query: str = "") -> QuerySet:
    """Granted amounts per organisation, programme and year, for programmes opted in."""
    decisions = Decision.objects.filter(
        outcome__in=[Outcome.APPROVED, Outcome.PARTLY_APPROVED],
        amount_granted__gt=0,
        application__programme__publication__publish_grants=True,
    )
    if year is not None:
        decisions = decisions.filter(decided_at__year=year)
    if query:
        decisions = decisions.filter(application__organisation__name__icontains=query)
    return (
        decisions.annotate(year=ExtractYear("decided_at"))
        .values(
            "year",
            organisation_name=F("application__organisation__name"),
            programme_name=F("application__programme__name"),
            board_name=F("application__programme__board__name"),
        )
        .annotate(granted=Sum("amount_granted"), grants=Count("pk"))
        .order_by("-year", "organisation_name", "programme_name")
    )
