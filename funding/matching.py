"""Which funding sources fit a described project, best first, and why each fits or not.

Hard conditions (kind of organisation, amount, deadline, period) decide whether a source
fits; soft signals (challenge area, words of the purpose) order those that fit. Every
source is returned with its reasons, so that a coordinator can explain the ranking.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import FundingSource

_WORD = re.compile(r"[\wåäöéü]+", re.IGNORECASE)


@dataclass(frozen=True)
class Project:
    purpose: str
    amount: Decimal
    organisation_kind: str
    challenge_area_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass
class Match:
    source: FundingSource
    fits: bool = True
    score: int = 0
    reasons_for: list[str] = field(default_factory=list)
    reasons_against: list[str] = field(default_factory=list)

    def against(self, reason: str) -> None:
        self.fits = False
        self.reasons_against.append(reason)

    def points(self, score: int, reason: str) -> None:
        self.score += score
        self.reasons_for.append(reason)


def _money(amount: Decimal) -> str:
    return f"{amount:,.0f}".replace(",", " ") + " kr"


def _check_kind(match: Match, project: Project) -> None:
    kinds = match.source.eligible_kinds
    if kinds and project.organisation_kind not in kinds:
        match.against(_("This kind of organisation may not apply."))
    else:
        match.points(0, _("This kind of organisation may apply."))


def _check_amount(match: Match, project: Project) -> None:
    low, high = match.source.min_amount, match.source.max_amount
    if high is not None and project.amount > high:
        match.against(_("Gives at most %(max)s.") % {"max": _money(high)})
    elif low is not None and project.amount < low:
        match.against(_("Gives at least %(min)s.") % {"min": _money(low)})
    elif high is not None:
        match.points(1, _("The amount is within its limit of %(max)s.") % {"max": _money(high)})


def _check_dates(match: Match, project: Project, today: date) -> None:
    source = match.source
    if source.deadline is not None and source.deadline < today:
        match.against(
            _("The deadline, %(date)s, has passed.")
            % {"date": date_format(source.deadline, "j F Y")}
        )
    elif source.deadline is not None:
        match.points(0, _("Apply by %(date)s.") % {"date": date_format(source.deadline, "j F Y")})
    else:
        match.points(0, _("Open for applications at any time."))
    if source.max_months and project.starts_on and project.ends_on:
        months = (project.ends_on - project.starts_on).days / 30.44
        if months > source.max_months:
            match.against(
                ngettext(
                    "Funds projects of at most %(months)d month.",
                    "Funds projects of at most %(months)d months.",
                    source.max_months,
                )
                % {"months": source.max_months}
            )


def _check_purpose(match: Match, project: Project, area_ids: set[int]) -> None:
    if project.challenge_area_id and project.challenge_area_id in area_ids:
        match.points(3, _("Funds work in the challenge area chosen."))
    words = {w.lower() for w in _WORD.findall(project.purpose)}
    hits = [k for k in match.source.keyword_list if k in words or k in project.purpose.lower()]
    if hits:
        names = _("Funds what the description names: %(words)s.") % {"words": ", ".join(hits)}
        match.points(2 * len(hits), names)
    if match.source.programme_id:
        match.points(1, _("A programme of the city: apply in this portal."))


def rank(project: Project, sources=None, today: date | None = None) -> list[Match]:
    """Every active source with its reasons: those that fit first, by score."""
    today = today or timezone.localdate()
    sources = sources if sources is not None else FundingSource.objects.filter(is_active=True)
    matches = []
    for source in sources.prefetch_related("challenge_areas"):
        match = Match(source)
        _check_kind(match, project)
        _check_amount(match, project)
        _check_dates(match, project, today)
        _check_purpose(match, project, {area.pk for area in source.challenge_areas.all()})
        matches.append(match)
    return sorted(matches, key=lambda m: (not m.fits, -m.score, m.source.name))
