"""Reads: an inquiry's current state, and the de minimis ledger of an idea-based party."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from . import conf
from .models import (
    AgreementVersion,
    AidEntry,
    BoardDecision,
    Contribution,
    IOPInquiry,
    Party,
    Signature,
    Status,
)


def latest_version(inquiry: IOPInquiry) -> AgreementVersion | None:
    return inquiry.agreement_versions.order_by("-number").first()


def deciding_boards(inquiry: IOPInquiry) -> list:
    """The boards of the public parties, each once, in the order the parties were named."""
    boards = {}
    for party in inquiry.parties.filter(board__isnull=False).select_related("board"):
        boards.setdefault(party.board_id, party.board)
    return list(boards.values())


def round_decisions(inquiry: IOPInquiry) -> list[BoardDecision]:
    return list(inquiry.board_decisions.filter(round=inquiry.board_round).select_related("board"))


def unsigned_parties(inquiry: IOPInquiry, version: AgreementVersion) -> list[Party]:
    signed = Signature.objects.filter(version=version).values("party_id")
    return list(inquiry.parties.exclude(pk__in=signed).select_related("organisation", "board"))


def current_memo(inquiry: IOPInquiry):
    """The memo of the current round of board decisions, if one is written."""
    return inquiry.memos.filter(round=inquiry.board_round).prefetch_related("boards").first()


def signed_version(inquiry: IOPInquiry) -> AgreementVersion | None:
    """The version the parties sign: the latest at the time the boards approved it."""
    memo = inquiry.memos.order_by("-round").select_related("version").first()
    return memo.version if memo else None


@dataclass
class LedgerRow:
    on: date
    source: str
    amount_sek: Decimal


@dataclass
class DeMinimisPosition:
    """An undertaking's de minimis aid over the last three years, against its ceiling."""

    organisation: object
    since: date
    until: date
    is_sgei: bool
    rate: Decimal
    ceiling_eur: Decimal
    rows: list[LedgerRow] = field(default_factory=list)

    @property
    def total_sek(self) -> Decimal:
        return sum((row.amount_sek for row in self.rows), Decimal(0))

    @property
    def ceiling_sek(self) -> Decimal:
        return (self.ceiling_eur * self.rate).quantize(Decimal(1))

    @property
    def remaining_sek(self) -> Decimal:
        return self.ceiling_sek - self.total_sek

    @property
    def exceeded(self) -> bool:
        return self.total_sek > self.ceiling_sek


def de_minimis_position(organisation, *, on: date | None = None, is_sgei: bool = False):
    """Aid to ``organisation`` in the three years up to ``on``: money from public parties under
    the agreements signed in this system (pro rata for the days of the window), plus aid
    recorded by hand."""
    until = on or timezone.localdate()
    since = until - relativedelta(years=conf.DE_MINIMIS_YEARS)
    ceiling = conf.DE_MINIMIS_SGEI_CEILING_EUR if is_sgei else conf.DE_MINIMIS_CEILING_EUR
    position = DeMinimisPosition(organisation, since, until, is_sgei, conf.eur_to_sek(), ceiling)
    position.rows = _agreement_rows(organisation, since, until) + _manual_rows(
        organisation, since, until
    )
    position.rows.sort(key=lambda row: row.on)
    return position


def _agreement_rows(organisation, since: date, until: date) -> list[LedgerRow]:
    signed_versions = Signature.objects.filter(inquiry__status=Status.ACTIVE).values("version_id")
    money = Contribution.objects.filter(
        recipient=organisation,
        kind=Contribution.Kind.MONEY,
        party__side=Party.Side.PUBLIC,
        version__in=signed_versions,
    ).select_related("version__inquiry__case", "party__board", "party__organisation")
    rows = []
    for contribution in money:
        version = contribution.version
        start, end = max(version.period_start, since), min(version.period_end, until)
        if end < start:
            continue
        days = (end - start + timedelta(days=1)).days
        amount = (contribution.amount_sek * days / Decimal(365)).quantize(Decimal("0.01"))
        source = f"{version.inquiry.case.case_number}: {contribution.party}"
        rows.append(LedgerRow(start, source, amount))
    return rows


def _manual_rows(organisation, since: date, until: date) -> list[LedgerRow]:
    entries = AidEntry.objects.filter(
        organisation=organisation, granted_on__gte=since, granted_on__lte=until
    )
    return [LedgerRow(entry.granted_on, entry.granted_by, entry.amount_sek) for entry in entries]


def idea_based_positions(inquiry: IOPInquiry, *, is_sgei: bool = False) -> list:
    parties = inquiry.parties.filter(side=Party.Side.IDEA_BASED).select_related("organisation")
    return [de_minimis_position(party.organisation, is_sgei=is_sgei) for party in parties]
