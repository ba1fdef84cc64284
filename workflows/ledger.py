"""The de minimis ledger of an idea-based organisation: the de minimis aid granted to it in the
three years up to a day, against its ceiling, shown to the officer who assesses an IOP inquiry
(never to another party) and checked before a draft agreement with de minimis aid goes on.

It adds aid from two apps that are peers and may not read each other: the agreements, the aid
recorded by hand and the organisation's declaration (``partnerships.selectors``) and the grants
decided in the funding app. So it lives here, in the layer above both.

Regulation (EU) 2023/2831 art. 3 (2023/2832 for SGEI): aid counts in full on the day the right
to it is granted; the ceiling holds over any period of three years, so the window rolls with
the day of the check; amounts in kronor convert to euro at the rate of the day each was granted
(``partnerships.state_aid.rate_on``, a table administrators keep; a missing rate is an error).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.models.handling import Decision, Outcome
from partnerships import conf, selectors, state_aid
from partnerships.models import AgreementVersion, AidRoute, IOPInquiry, Party
from partnerships.selectors import LedgerRow, agreement_aid, declared_aid, manual_aid


@dataclass
class DeMinimisPosition:
    """An undertaking's de minimis aid in the three years up to ``until``, in euro."""

    organisation: object
    since: date
    until: date
    is_sgei: bool
    rows: list[LedgerRow] = field(default_factory=list)
    missing_rates: list[date] = field(default_factory=list)

    @property
    def ceiling_eur(self) -> Decimal:
        return conf.DE_MINIMIS_SGEI_CEILING_EUR if self.is_sgei else conf.DE_MINIMIS_CEILING_EUR

    def _sum(self, rows) -> Decimal:
        return sum((row.amount_eur for row in rows if row.amount_eur is not None), Decimal(0))

    @property
    def total_eur(self) -> Decimal:
        """The aid that counts against this ceiling: general de minimis aid alone for the
        general ceiling; every de minimis aid for the SGEI ceiling (2023/2832 art. 5)."""
        rows = self.rows if self.is_sgei else [row for row in self.rows if not row.is_sgei]
        return self._sum(rows)

    @property
    def all_de_minimis_eur(self) -> Decimal:
        return self._sum(self.rows)

    @property
    def exceeded(self) -> bool:
        return (
            self.total_eur > self.ceiling_eur
            or self.all_de_minimis_eur > conf.DE_MINIMIS_SGEI_CEILING_EUR
        )

    @property
    def proposed_eur(self) -> Decimal:
        return self._sum(row for row in self.rows if row.proposed)


def window(until: date) -> date:
    """The first day of the three years that end on ``until``."""
    return until - relativedelta(years=conf.DE_MINIMIS_YEARS) + timedelta(days=1)


def de_minimis_position(
    organisation,
    *,
    on: date | None = None,
    is_sgei: bool = False,
    proposed: AgreementVersion | None = None,
) -> DeMinimisPosition:
    """Aid to ``organisation`` in the three years up to ``on``: the agreements signed in this
    system, the grants decided in the funding app, aid recorded by hand, the organisation's
    declared aid and, when given, the ``proposed`` version's aid as granted on ``on``."""
    until = on or timezone.localdate()
    since = window(until)
    position = DeMinimisPosition(organisation, since, until, is_sgei)
    position.rows = [
        *agreement_aid(organisation, since, until, proposed),
        *_grant_rows(organisation, since, until),
        *manual_aid(organisation, since, until),
        *declared_aid(organisation, since, until),
    ]
    position.rows.sort(key=lambda row: (row.on, row.proposed))
    for row in position.rows:
        _convert(row, position.missing_rates)
    return position


def _convert(row: LedgerRow, missing: list[date]) -> None:
    try:
        rate = state_aid.rate_on(row.on)
    except state_aid.MissingRate:
        if row.on not in missing:
            missing.append(row.on)
        return
    if row.amount_eur is None:
        row.amount_eur = (row.amount_sek / rate).quantize(Decimal("0.01"))
    elif row.amount_sek is None:
        row.amount_sek = (row.amount_eur * rate).quantize(Decimal("0.01"))


def idea_based_positions(inquiry: IOPInquiry) -> list[DeMinimisPosition]:
    """For the officer only: each idea-based party's position under the inquiry's route."""
    assessment = getattr(inquiry, "legal_assessment", None)
    is_sgei = bool(assessment and assessment.state_aid_route == AidRoute.SGEI_DE_MINIMIS)
    parties = inquiry.parties.filter(side=Party.Side.IDEA_BASED).select_related("organisation")
    return [de_minimis_position(party.organisation, is_sgei=is_sgei) for party in parties]


def ensure_within_ceiling(*, inquiry: IOPInquiry, version: AgreementVersion, on: date) -> None:
    """Refuse a draft whose de minimis aid, with what each receiving organisation has had in
    the three years up to ``on`` and has declared, would pass the ceiling; or whose aid cannot
    be counted (no declaration, no rate)."""
    assessment = getattr(inquiry, "legal_assessment", None)
    if assessment is None or not assessment.is_de_minimis:
        return
    is_sgei = assessment.state_aid_route == AidRoute.SGEI_DE_MINIMIS
    for organisation in state_aid.aid_recipients(version):
        if selectors.latest_declaration(organisation, inquiry) is None:
            raise ValidationError(
                _(
                    "%(organisation)s has not declared its other de minimis aid of the last "
                    "three years in this case: its member makes the declaration first."
                )
                % {"organisation": organisation}
            )
        position = de_minimis_position(organisation, on=on, is_sgei=is_sgei, proposed=version)
        if position.missing_rates:
            state_aid.rate_on(position.missing_rates[0])
        if position.exceeded:
            raise ValidationError(_ceiling_message(position))


def _ceiling_message(position: DeMinimisPosition) -> str:
    return _(
        "The de minimis ceiling would be exceeded: %(organisation)s has had EUR %(had)s in the "
        "three years up to %(on)s, and the proposed aid is EUR %(proposed)s; the ceiling is "
        "EUR %(ceiling)s. Reduce the aid or choose another lawful route."
    ) % {
        "organisation": position.organisation,
        "had": _euro(position.total_eur - position.proposed_eur),
        "proposed": _euro(position.proposed_eur),
        "ceiling": _euro(position.ceiling_eur),
        "on": position.until.isoformat(),
    }


def _euro(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal(1)):,}".replace(",", "\u00a0")


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
