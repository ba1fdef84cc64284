"""The demo's records management: a records schedule for the demo boards (loaded before any
case closes, so that closing gives each record its retention), two records managers, and a
disposal list of the records already due, built by one and waiting for the other's review.

The decision references are examples, like the rest of the demo's register."""

from datetime import date

from django.conf import settings
from django.core.management.base import CommandError

from casework.models import Case
from casework.services import comment_add
from demo.register import demo_account
from documents.kinds import Kind as DocumentKind
from organisations.models import Board, Membership, Organisation, Role, User
from records import kinds, selectors, services
from records.kinds import CountedFrom, Outcome
from records.models import DisposalList, RetentionRule

SCHEDULE_BOARDS = ("ks", "frn", "kn")
DECISION = "KS 2025/412 § 118 (exempel)"
APPLIES_FROM = date(2025, 1, 1)
# kind of record: (what happens, years, counted from). The same for both kinds of case.
SCHEDULE = {
    DocumentKind.DECISION_LETTER: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    DocumentKind.BOARD_MEMO: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    DocumentKind.IOP_AGREEMENT: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    DocumentKind.REPAYMENT_CLAIM: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    DocumentKind.DEMAND_REJECTION: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    DocumentKind.ANNUAL_REPORT: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    DocumentKind.DELEGATION_LIST: (Outcome.KEEP, None, CountedFrom.CASE_CLOSED),
    # Of passing value (tillfällig betydelse): a receipt and the comments go once the case is
    # closed.
    DocumentKind.SUBMISSION_RECEIPT: (Outcome.DISPOSE, 0, CountedFrom.CASE_CLOSED),
    kinds.COMMENT: (Outcome.DISPOSE, 0, CountedFrom.CASE_CLOSED),
    # Accounting records: seven years after the last payout (bokföringslagen 7 kap. 2 §).
    kinds.ATTACHMENT: (Outcome.DISPOSE, 7, CountedFrom.PAYOUT_SETTLED),
    kinds.REPORT_BACK_ATTACHMENT: (Outcome.DISPOSE, 7, CountedFrom.PAYOUT_SETTLED),
}
# username, first name, last name (a role, never a person's name)
RECORDS_MANAGERS = [
    ("arkivarie", "Arkivarie", "Stadsarkivet"),
    ("registrator", "Arkivarie", "Stadskontoret"),
]
NOTE = "Akten kontrollerad efter avslut: alla handlingar finns i ärendet."
LIST_NAME = "Kvitton och kommentarer i avslutade ärenden"


def load_schedule(out) -> None:
    """The records schedule of the demo boards: what is kept, and what goes when."""
    for code in SCHEDULE_BOARDS:
        board = Board.objects.get(code=code)
        for case_kind, _label in Case.Kind.choices:
            for record_kind, (outcome, years, counted_from) in SCHEDULE.items():
                _rule(board, case_kind, record_kind, outcome, years, counted_from)
    out.write("Demo records schedule loaded.")


def _rule(board, case_kind, record_kind, outcome, years, counted_from):
    if RetentionRule.objects.filter(
        board=board, case_kind=case_kind, record_kind=record_kind, applies_from=APPLIES_FROM
    ).exists():
        return
    rule = RetentionRule(
        board=board,
        case_kind=case_kind,
        record_kind=record_kind,
        outcome=outcome,
        period_years=years,
        counted_from=counted_from,
        decision_reference=DECISION,
        applies_from=APPLIES_FROM,
    )
    rule.full_clean()
    rule.save()


def load(out) -> None:
    """Two records managers (demo mode only) and a disposal list waiting for review."""
    if not settings.DEMO_MODE:
        raise CommandError("Demo accounts are only created with DEMO_MODE on.")
    # "registrator" builds the list; "arkivarie" logs in to review it.
    _reviewer, builder = (_records_manager(*account) for account in RECORDS_MANAGERS)
    if DisposalList.objects.filter(name=LIST_NAME).exists():
        return
    _note_on_closed_cases()
    due = list(selectors.due_retentions().filter(held=False))
    if not due:
        out.write("No demo case is closed: no disposal list was built.")
        return
    services.disposal_list_build(name=LIST_NAME, retentions=due, acting_user=builder)
    out.write("Demo disposal list built, waiting for review.")


def _note_on_closed_cases() -> None:
    """A working note of passing value on each closed demo case, written as the case file was
    checked after closing; the schedule lets such notes go at once, so they are due."""
    officer = User.objects.get(username="handlaggare")
    for case in Case.objects.filter(closed_at__isnull=False, title__startswith="Demo: "):
        comment_add(case=case, acting_user=officer, body=NOTE, internal=True)
        services.case_appraise(case=case, acting_user=officer)


def _records_manager(username, first, last) -> User:
    user = demo_account(username, first_name=first, last_name=last)
    Membership.objects.get_or_create(
        user=user,
        organisation=Organisation.objects.get(name="Stadskontoret"),
        role=Role.RECORDS_MANAGER,
    )
    return user
