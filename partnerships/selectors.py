"""Reads: an inquiry's current state, and the aid an idea-based party received through this app
(the de minimis ledger, which adds the funding app's grants, is ``workflows.ledger``)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from organisations.models import STAFF_ROLES, Membership, User

from . import conf, state_aid
from .models import (
    AgreementVersion,
    AidEntry,
    AidRoute,
    BoardDecision,
    DeclaredAid,
    DeMinimisDeclaration,
    IOPInquiry,
    LegalAssessment,
    Party,
    Signature,
    Termination,
)


def may_be_authorised(board):
    """The people a board may authorise to sign an agreement for it: those who hold a staff
    role in its administration today."""
    today = timezone.localdate()
    current = Membership.objects.filter(
        organisation_id=board.administration_id, role__in=STAFF_ROLES, valid_from__lte=today
    ).exclude(valid_until__lt=today)
    return (
        User.objects.filter(is_active=True, memberships__in=current)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def latest_version(inquiry: IOPInquiry) -> AgreementVersion | None:
    return inquiry.agreement_versions.order_by("-number").first()


def deciding_boards(inquiry: IOPInquiry) -> list:
    """The boards of the public parties, each once, in the order the parties were named."""
    boards = {}
    for party in inquiry.parties.filter(board__isnull=False).select_related("board"):
        boards.setdefault(party.board_id, party.board)
    return list(boards.values())


@dataclass(frozen=True)
class LegalParty:
    """A party as a legal person: the municipality once, through the boards that act for it
    (``parties``: its rows, one per board), or another party's organisation (one row)."""

    name: str
    org_number: str
    is_public: bool
    parties: tuple
    boards: tuple = ()

    @property
    def is_municipality(self) -> bool:
        return bool(self.boards)


def legal_parties(inquiry: IOPInquiry) -> list[LegalParty]:
    """The parties as legal persons, in the order named: the municipality once (where its first
    board was named, with the city's organisation number, through each deciding board), then
    each other party's organisation."""
    result, city_rows, at = [], [], None
    named = inquiry.parties.filter(left_at__isnull=True)  # a party that left is named no more
    for party in named.select_related("organisation", "board").order_by("pk"):
        if party.is_municipality:
            at = len(result) if at is None else at
            city_rows.append(party)
            continue
        organisation = party.organisation
        result.append(
            LegalParty(
                organisation.name,
                organisation.org_number,
                party.side == Party.Side.PUBLIC,
                (party,),
            )
        )
    if city_rows:
        boards = tuple({party.board_id: party.board for party in city_rows}.values())
        city = LegalParty(
            settings.CITY_NAME, settings.CITY_ORGANISATION_NUMBER, True, tuple(city_rows), boards
        )
        result.insert(at, city)
    return result


def round_decisions(inquiry: IOPInquiry) -> list[BoardDecision]:
    return list(inquiry.board_decisions.filter(round=inquiry.board_round).select_related("board"))


def unsigned_parties(inquiry: IOPInquiry, version: AgreementVersion) -> list[Party]:
    signed = Signature.objects.filter(version=version).values("party_id")
    parties = inquiry.parties.filter(left_at__isnull=True).exclude(pk__in=signed)
    return list(parties.select_related("organisation", "board"))


def current_memo(inquiry: IOPInquiry):
    """The memo of the current round of board decisions, if one is written."""
    return inquiry.memos.filter(round=inquiry.board_round).prefetch_related("boards").first()


def signed_version(inquiry: IOPInquiry) -> AgreementVersion | None:
    """The version the parties sign: the latest at the time the boards approved it."""
    memo = inquiry.memos.order_by("-round").select_related("version").first()
    return memo.version if memo else None


@dataclass
class LedgerRow:
    """One line of the de minimis ledger: aid whose right was granted on a day, where it came
    from, its amount (in kronor, or in euro when declared so) and whether it is SGEI aid."""

    on: date
    source: str
    amount_sek: Decimal | None
    is_sgei: bool = False
    amount_eur: Decimal | None = None
    proposed: bool = False


# Routes whose aid is not de minimis aid: such an agreement is not in the ledger.
_NOT_DE_MINIMIS = (AidRoute.SGEI_DECISION, AidRoute.GBER, AidRoute.NOTIFICATION)


def _route(inquiry: IOPInquiry) -> str:
    assessment = LegalAssessment.objects.filter(inquiry=inquiry).first()
    return assessment.state_aid_route if assessment else ""


def _signed_versions(organisation) -> list[AgreementVersion]:
    """The versions every party signed in which ``organisation`` is an idea-based party."""
    candidates = AgreementVersion.objects.filter(
        inquiry__parties__organisation=organisation,
        inquiry__parties__side=Party.Side.IDEA_BASED,
        signature__isnull=False,
    ).distinct()
    return [v for v in candidates.select_related("inquiry") if not unsigned_parties(v.inquiry, v)]


def _in_force_until(version: AgreementVersion, later_versions: list[AgreementVersion]) -> date:
    """The last day ``version`` gives aid: its end, a later version's start, or the end of a
    termination's notice."""
    until = version.period_end
    for later in later_versions:
        if later.inquiry_id == version.inquiry_id and later.number > version.number:
            until = min(until, later.period_start - timedelta(days=1))
    termination = Termination.objects.filter(inquiry_id=version.inquiry_id).first()
    return min(until, termination.ends_on) if termination else until


def agreement_aid(
    organisation, since: date, until: date, proposed: AgreementVersion | None = None
) -> list[LedgerRow]:
    """The aid to ``organisation`` under the agreements signed in this system, each in full on
    the day the last party signed (when the right to it was granted), for the days it is in
    force; and, when given, the ``proposed`` version's aid, granted on ``until``
    (for ``workflows.ledger``). Agreements whose aid took another route than de minimis are
    not de minimis aid and are left out."""
    signed = _signed_versions(organisation)
    later = [*signed, proposed] if proposed is not None else signed
    rows = []
    for version in signed:
        granted_on, route = active_since(version), _route(version.inquiry)
        if route in _NOT_DE_MINIMIS or not since <= granted_on <= until:
            continue
        amount = state_aid.aid_to(version, organisation, _in_force_until(version, later))
        if amount:
            source = f"{version.inquiry.case.case_number} v{version.number}"
            rows.append(LedgerRow(granted_on, source, amount, route == AidRoute.SGEI_DE_MINIMIS))
    if proposed is not None:
        route = _route(proposed.inquiry)
        amount = state_aid.aid_to(proposed, organisation)
        source = f"{proposed.inquiry.case.case_number} v{proposed.number}"
        is_sgei = route == AidRoute.SGEI_DE_MINIMIS
        rows.append(LedgerRow(until, source, amount, is_sgei, proposed=True))
    return rows


def manual_aid(organisation, since: date, until: date) -> list[LedgerRow]:
    """Aid recorded by hand: received outside this system (for ``workflows.ledger``)."""
    entries = AidEntry.objects.filter(
        organisation=organisation, granted_on__gte=since, granted_on__lte=until
    )
    return [
        LedgerRow(entry.granted_on, entry.granted_by, entry.amount_sek, entry.is_sgei)
        for entry in entries
    ]


def latest_declaration(organisation, inquiry: IOPInquiry | None = None):
    """The organisation's latest declaration of its other de minimis aid (in ``inquiry``)."""
    declarations = DeMinimisDeclaration.objects.filter(organisation=organisation)
    if inquiry is not None:
        declarations = declarations.filter(inquiry=inquiry)
    return declarations.order_by("-declared_at", "-pk").first()


def declared_aid(organisation, since: date, until: date) -> list[LedgerRow]:
    """The other de minimis aid the organisation declared most recently (for
    ``workflows.ledger``): in kronor, or in euro as declared."""
    declaration = latest_declaration(organisation)
    if declaration is None:
        return []
    rows = []
    for aid in declaration.aids.filter(granted_on__gte=since, granted_on__lte=until):
        in_euro = aid.currency == DeclaredAid.Currency.EUR
        rows.append(
            LedgerRow(
                aid.granted_on,
                aid.granted_by,
                None if in_euro else aid.amount,
                aid.is_sgei,
                amount_eur=aid.amount if in_euro else None,
            )
        )
    return rows


# The active agreement: its years, their follow-ups, and the question before the end date.


@dataclass(frozen=True)
class AgreementYear:
    start: date
    end: date

    @property
    def due_on(self) -> date:
        return self.end + conf.FOLLOW_UP_DUE_AFTER_YEAR_END

    @property
    def opens_on(self) -> date:
        return self.due_on - conf.FOLLOW_UP_OPENS_BEFORE_DUE


def agreement_years(version: AgreementVersion) -> list[AgreementYear]:
    """The agreement's years from its start; the last one ends with the agreement."""
    years, number, start = [], 1, version.period_start
    while start <= version.period_end:
        anniversary = version.period_start + relativedelta(years=number)
        end = min(anniversary - timedelta(days=1), version.period_end)
        years.append(AgreementYear(start, end))
        number, start = number + 1, end + timedelta(days=1)
    return years


def active_since(version: AgreementVersion) -> date | None:
    """The day the last party signed ``version``."""
    last = version.signature_set.order_by("-signed_at").first()
    return timezone.localdate(last.signed_at) if last else None


def next_follow_up_year(inquiry: IOPInquiry) -> AgreementYear | None:
    """The next agreement year to follow up: years that ended before the agreement was signed
    in this system are not followed up here."""
    version = signed_version(inquiry)
    since = active_since(version)
    done = set(inquiry.follow_ups.filter(version=version).values_list("year_end", flat=True))
    for year in agreement_years(version):
        if year.end >= since and year.end not in done:
            return year
    return None


def open_follow_up(inquiry: IOPInquiry):
    """The follow-up that waits for the parties' reports or the officer's approval."""
    return inquiry.follow_ups.filter(approved_at__isnull=True).order_by("year_end").first()


def renewal_opens_on(version: AgreementVersion) -> date:
    notice = relativedelta(months=version.notice_months)
    return version.period_end - notice - conf.RENEWAL_BEFORE_NOTICE


def renewal_pending(inquiry: IOPInquiry) -> bool:
    """Nobody has yet decided whether the signed version is renewed, amended or ends."""
    return not inquiry.renewals.filter(version=signed_version(inquiry)).exists()


def next_milestone(inquiry: IOPInquiry) -> date:
    """The day the active agreement next needs someone: a follow-up opens, the question before
    the end date comes, or the agreement's period is over."""
    version = signed_version(inquiry)
    days = [version.period_end + timedelta(days=1)]
    year = next_follow_up_year(inquiry)
    if year is not None:
        days.append(year.opens_on)
    if renewal_pending(inquiry):
        days.append(renewal_opens_on(version))
    return min(days)
