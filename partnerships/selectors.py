"""Reads: an inquiry's current state, and the aid an idea-based party received through this app
(the de minimis ledger, which adds the funding app's grants, is ``workflows.ledger``)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from organisations.models import STAFF_ROLES, Membership, User

from . import conf
from .models import (
    AgreementVersion,
    AidEntry,
    BoardDecision,
    Contribution,
    IOPInquiry,
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
    """One line of the de minimis ledger: aid granted on a day, and where it came from."""

    on: date
    source: str
    amount_sek: Decimal


def _signed_versions(organisation) -> list[AgreementVersion]:
    """The versions every party signed that pay money to ``organisation``."""
    candidates = AgreementVersion.objects.filter(
        contributions__recipient=organisation, signature__isnull=False
    ).distinct()
    return [v for v in candidates.select_related("inquiry") if not unsigned_parties(v.inquiry, v)]


def _in_force_until(version: AgreementVersion, signed: list[AgreementVersion]) -> date:
    """The last day ``version`` paid: its end, a later signed version's start, or the end of
    a termination's notice."""
    until = version.period_end
    for later in signed:
        if later.inquiry_id == version.inquiry_id and later.number > version.number:
            until = min(until, later.period_start - timedelta(days=1))
    termination = Termination.objects.filter(inquiry_id=version.inquiry_id).first()
    return min(until, termination.ends_on) if termination else until


def agreement_aid(organisation, since: date, until: date) -> list[LedgerRow]:
    """Money from public parties to ``organisation`` under the agreements signed in this system,
    pro rata for the days in force between ``since`` and ``until`` (for ``workflows.ledger``)."""
    signed = _signed_versions(organisation)
    money = Contribution.objects.filter(
        recipient=organisation,
        kind=Contribution.Kind.MONEY,
        party__side=Party.Side.PUBLIC,
        version__in=signed,
    ).select_related("version__inquiry__case", "party__board", "party__organisation")
    rows = []
    for contribution in money:
        version = contribution.version
        end = min(_in_force_until(version, signed), until)
        start = max(version.period_start, since)
        if end < start:
            continue
        days = (end - start + timedelta(days=1)).days
        amount = (contribution.amount_sek * days / Decimal(365)).quantize(Decimal("0.01"))
        source = f"{version.inquiry.case.case_number}: {contribution.party}"
        rows.append(LedgerRow(start, source, amount))
    return rows


def manual_aid(organisation, since: date, until: date) -> list[LedgerRow]:
    """Aid recorded by hand: received outside this system (for ``workflows.ledger``)."""
    entries = AidEntry.objects.filter(
        organisation=organisation, granted_on__gte=since, granted_on__lte=until
    )
    return [LedgerRow(entry.granted_on, entry.granted_by, entry.amount_sek) for entry in entries]


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
