"""The rules that bind an IOP to its legal assessment: a procurement answer stops the inquiry
unless a decision-maker overrides it with reasons, state aid needs a lawful route, and de
minimis aid is counted in euro at the rate of the day it is granted.

DOMAIN.md (IOP; Kammarrätten i Göteborg 3556-18): an agreement where the city pays for services
of direct economic interest to it is a procurement under LOU. Regulation (EU) 2023/2831 (de
minimis) and 2023/2832 (SGEI de minimis): ceilings of EUR 300,000 and EUR 750,000 over any
three years; aid counts in full on the day the right to it is granted, in-kind aid at its
value, converted at the rate of that day.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import conf
from .models import (
    AgreementVersion,
    AidRoute,
    Contribution,
    EuroRate,
    LegalAssessment,
    Party,
)


@dataclass(frozen=True)
class Regulation:
    """What the documents and the ledger say of a route: the act and, for de minimis, the
    ceiling."""

    act: str
    ceiling_eur: Decimal | None = None


REGULATIONS = {
    AidRoute.DE_MINIMIS: Regulation(
        "kommissionens förordning (EU) 2023/2831", conf.DE_MINIMIS_CEILING_EUR
    ),
    AidRoute.SGEI_DE_MINIMIS: Regulation(
        "kommissionens förordning (EU) 2023/2832", conf.DE_MINIMIS_SGEI_CEILING_EUR
    ),
    AidRoute.SGEI_DECISION: Regulation("kommissionens beslut 2012/21/EU"),
    AidRoute.GBER: Regulation("kommissionens förordning (EU) nr 651/2014"),
    AidRoute.NOTIFICATION: Regulation("artikel 108.3 i EUF-fördraget"),
}
# Routes that rest on an act the assessment must name (entrustment, article, case number).
ROUTES_WITH_BASIS = (AidRoute.SGEI_DECISION, AidRoute.GBER, AidRoute.NOTIFICATION)


def ensure_may_continue_as_iop(assessment: LegalAssessment) -> None:
    """Refuse to go on as an IOP when the answers say procurement (unless a decision-maker
    overrode them with reasons) or state aid without a lawful route."""
    if assessment.conclusion != LegalAssessment.Conclusion.PROCEED:
        return
    errors = {}
    if assessment.is_procurement and not assessment.procurement_overridden:
        errors["conclusion"] = _(
            "The answers on procurement law say the city receives a counter-performance of "
            "direct economic interest: that is a procurement (LOU), not an IOP. Conclude that "
            "it must be procured, or ask a decision-maker to override with reasons."
        )
    if assessment.is_state_aid and not assessment.state_aid_route:
        errors["state_aid_route"] = _(
            "The answers find state aid: choose the lawful route for it before going on."
        )
    elif assessment.state_aid_route in ROUTES_WITH_BASIS and not (
        assessment.state_aid_route_basis.strip()
    ):
        errors["state_aid_route_basis"] = _(
            "Name the legal basis of the route: the entrustment act, the article or the "
            "Commission's case number."
        )
    if errors:
        raise ValidationError(errors)


class MissingRate(ValidationError):
    """No euro rate is kept for a day that aid is counted on."""


def rate_on(day: date) -> Decimal:
    """The euro's rate in kronor on ``day``, from the administrators' table; never a guess."""
    rate = EuroRate.objects.filter(valid_from__lte=day, valid_until__gte=day).first()
    if rate is None:
        raise MissingRate(
            _(
                "No euro exchange rate is kept for %(day)s. An administrator adds it under "
                "Euro exchange rates; until then de minimis aid cannot be counted."
            )
            % {"day": date_format(day, "Y-m-d")}
        )
    return rate.sek_per_eur


def aid_to(version: AgreementVersion, organisation, until: date | None = None) -> Decimal:
    """The aid from the public parties to ``organisation`` under ``version`` from its start to
    ``until`` (its end when not given): money and in-kind contributions (premises, staff) at
    their value, per year times the years. In-kind aid without a named recipient goes to the
    one idea-based party, when there is only one."""
    recipient = Q(recipient=organisation)
    idea_based = version.inquiry.parties.filter(side=Party.Side.IDEA_BASED)
    if [party.organisation_id for party in idea_based] == [organisation.pk]:
        recipient |= Q(recipient__isnull=True) & ~Q(kind=Contribution.Kind.MONEY)
    contributions = version.contributions.filter(recipient, party__side=Party.Side.PUBLIC)
    per_year = sum((c.amount_sek for c in contributions), Decimal(0))
    until = version.period_end if until is None else until
    days = max((until - version.period_start).days + 1, 0)
    return (per_year * days / Decimal(365)).quantize(Decimal("0.01"))


def aid_recipients(version: AgreementVersion) -> list:
    """The idea-based organisations that receive aid from a public party under ``version``."""
    parties = version.inquiry.parties.filter(side=Party.Side.IDEA_BASED).select_related(
        "organisation"
    )
    return [party.organisation for party in parties if aid_to(version, party.organisation)]
