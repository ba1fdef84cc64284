"""The de minimis ledger of an idea-based organisation: the state aid it received in the last
three years, against its ceiling, shown to the officer who assesses an IOP inquiry.

It adds aid from two apps that are peers and may not read each other: the agreements and aid
recorded by hand (``partnerships.selectors``) and the grants decided in the funding app. So it
lives here, in the layer above both.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from funding.models.handling import Decision, Outcome
from partnerships import conf
from partnerships.models import IOPInquiry, Party
from partnerships.selectors import LedgerRow, agreement_aid, manual_aid


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
    def exceeded(self) -> bool:
        return self.total_sek > self.ceiling_sek


def de_minimis_position(organisation, *, on: date | None = None, is_sgei: bool = False):
    """Aid to ``organisation`` in the three years up to ``on``: money from public parties under
    the agreements signed in this system (pro rata for the days in force inside the window),
    the grants decided in the funding app, and aid recorded by hand."""
    until = on or timezone.localdate()
    since = until - relativedelta(years=conf.DE_MINIMIS_YEARS)
    ceiling = conf.DE_MINIMIS_SGEI_CEILING_EUR if is_sgei else conf.DE_MINIMIS_CEILING_EUR
    position = DeMinimisPosition(organisation, since, until, is_sgei, conf.eur_to_sek(), ceiling)
    position.rows = [
        *agreement_aid(organisation, since, until),
        *_grant_rows(organisation, since, until),
        *manual_aid(organisation, since, until),
    ]
    position.rows.sort(key=lambda row: row.on)
    return position


def idea_based_positions(inquiry: IOPInquiry, *, is_sgei: bool = False) -> list:
    parties = inquiry.parties.filter(side=Party.Side.IDEA_BASED).select_related("organisation")
    return [de_minimis_position(party.organisation, is_sgei=is_sgei) for party in parties]


def _grant_rows(organisation, since: date, until: date) -> list[LedgerRow]:
    """Grants decided in the funding app (read only): the amount granted, on the day of the
    decision, which is when the aid counts as granted."""
    decisions = Decision.objects.filter(
        application__organisation=organisation,
        outcome__in=[Outcome.APPROVED, Outcome.PARTLY_APPROVED],
        amount_granted__gt=0,
    ).select_related("application__case", "application__programme__board")
    rows = []
    for decision in decisions:
        on = timezone.localdate(decision.decided_at)
        if since <= on <= until:
            application = decision.application
            source = f"{application.case.case_number}: {application.programme.board}"
            rows.append(LedgerRow(on, source, decision.amount_granted))
    return rows
