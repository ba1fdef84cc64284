"""Retention as data: each record of a closed case gets its disposal day (or "keep") from the
records schedule in force when the case closed."""

from datetime import date
from decimal import Decimal

import pytest

from casework.models import Case
from casework.services import case_close
from documents.models import Document
from funding.models import Payout
from partnerships.models import AgreementVersion
from records import services
from records.kinds import COMMENT, CountedFrom, Outcome
from records.models import Retention
from tests import factories
from tests.records.helpers import case_of, close_on, rule, with_records

pytestmark = pytest.mark.django_db


def _retention(obj) -> Retention:
    return Retention.objects.get(target_id=str(obj.pk), record_kind__in=[obj.kind])


def test_a_record_disposed_of_after_years_counted_from_the_closing_day():
    board = factories.BoardFactory()
    rule(board, Document.Kind.DECISION_LETTER, years=10)
    case = case_of(board)
    letter, _memo, _comment = with_records(case)
    close_on(case, date(2026, 3, 15))
    retention = _retention(letter)
    assert retention.outcome == Outcome.DISPOSE
    assert retention.counted_from_date == date(2026, 3, 15)
    assert retention.dispose_on == date(2036, 3, 15)
    assert retention.decision_reference == "KS 2025/12 § 4"


def test_a_record_kept_permanently_has_no_disposal_day():
    board = factories.BoardFactory()
    rule(board, Document.Kind.BOARD_MEMO, outcome=Outcome.KEEP)
    case = case_of(board)
    _letter, memo, _comment = with_records(case)
    close_on(case, date(2026, 3, 15))
    retention = _retention(memo)
    assert (retention.outcome, retention.dispose_on) == (Outcome.KEEP, None)


def test_a_record_no_rule_names_is_kept():
    case = case_of(factories.BoardFactory())
    letter, _memo, _comment = with_records(case)
    close_on(case, date(2026, 3, 15))
    retention = _retention(letter)
    assert (retention.outcome, retention.rule, retention.dispose_on) == (Outcome.KEEP, None, None)


def test_a_period_counted_from_the_last_payout():
    process = factories.funding_process()
    application = process.artifact
    case = application.case
    board = factories.BoardFactory()
    case.boards.add(board)
    rule(board, COMMENT, years=2, counted_from=CountedFrom.PAYOUT_SETTLED)
    officer = factories.staff()
    for paid_on in (date(2026, 2, 1), date(2026, 9, 30)):
        Payout.objects.create(
            application=application,
            amount=Decimal("1000"),
            paid_on=paid_on,
            giro_kind="bankgiro",
            giro_number="5050-1055",
            recorded_by=officer,
        )
    comment = with_records(case)[2]
    close_on(case, date(2026, 12, 1))
    retention = Retention.objects.get(target_id=str(comment.pk), record_kind=COMMENT)
    assert retention.counted_from_date == date(2026, 9, 30)
    assert retention.dispose_on == date(2028, 9, 30)


def test_a_period_counted_from_the_end_of_the_agreement():
    board = factories.BoardFactory()
    inquiry = factories.iop_inquiry(boards=[board])
    case = inquiry.case
    case.boards.add(board)
    rule(
        board,
        Document.Kind.DECISION_LETTER,
        years=5,
        case_kind=Case.Kind.IOP_INQUIRY,
        counted_from=CountedFrom.AGREEMENT_ENDED,
    )
    AgreementVersion.objects.create(
        inquiry=inquiry,
        number=1,
        goals="Mål",
        governance="Styrgrupp",
        period_start=date(2024, 1, 1),
        period_end=date(2026, 6, 30),
        follow_up="Årligen",
        saved_by=factories.staff(),
    )
    letter = with_records(case)[0]
    close_on(case, date(2026, 8, 1))
    retention = _retention(letter)
    assert retention.counted_from_date == date(2026, 6, 30)
    assert retention.dispose_on == date(2031, 6, 30)


def test_an_event_the_case_never_had_counts_from_the_closing_day():
    board = factories.BoardFactory()
    rule(board, COMMENT, years=3, counted_from=CountedFrom.PAYOUT_SETTLED)
    case = case_of(board)
    comment = with_records(case)[2]
    close_on(case, date(2026, 5, 2))
    retention = Retention.objects.get(target_id=str(comment.pk), record_kind=COMMENT)
    assert retention.dispose_on == date(2029, 5, 2)


def test_where_two_boards_differ_the_longer_retention_holds():
    first, second = factories.BoardFactory(), factories.BoardFactory()
    rule(first, Document.Kind.DECISION_LETTER, years=2)
    rule(second, Document.Kind.DECISION_LETTER, years=7)
    case = case_of(first)
    case.boards.add(second)
    letter = with_records(case)[0]
    close_on(case, date(2026, 1, 10))
    assert _retention(letter).dispose_on == date(2033, 1, 10)
    rule(second, Document.Kind.DECISION_LETTER, outcome=Outcome.KEEP, applies_from=date(2026, 1, 1))
    other = case_of(first)
    other.boards.add(second)
    letter = with_records(other)[0]
    close_on(other, date(2026, 1, 10))
    assert _retention(letter).outcome == Outcome.KEEP


def test_a_change_of_the_schedule_applies_to_records_closed_after_it():
    board = factories.BoardFactory()
    rule(board, Document.Kind.DECISION_LETTER, years=10)
    rule(board, Document.Kind.DECISION_LETTER, years=3, applies_from=date(2026, 7, 1))
    before, after = case_of(board), case_of(board)
    letter_before, letter_after = with_records(before)[0], with_records(after)[0]
    close_on(before, date(2026, 6, 30))
    close_on(after, date(2026, 7, 1))
    assert _retention(letter_before).dispose_on == date(2036, 6, 30)
    assert _retention(letter_after).dispose_on == date(2029, 7, 1)


def test_a_new_decision_that_covers_earlier_records_changes_their_retention():
    board = factories.BoardFactory()
    rule(board, Document.Kind.DECISION_LETTER, years=10)
    case = case_of(board)
    letter = with_records(case)[0]
    close_on(case, date(2026, 6, 30))
    officer = factories.UserFactory(is_superuser=True)
    new = rule(
        board,
        Document.Kind.DECISION_LETTER,
        years=5,
        applies_from=date(2027, 1, 1),
        decision_reference="KS 2026/99 § 3",
        covers_earlier_records=True,
    )
    assert services.rule_reappraise(rule=new, acting_user=officer) == 1
    retention = _retention(letter)
    assert (retention.dispose_on, retention.decision_reference) == (
        date(2031, 6, 30),
        "KS 2026/99 § 3",
    )


def test_closing_a_case_gives_each_record_its_retention_in_the_same_transaction():
    board = factories.BoardFactory()
    rule(board, COMMENT, years=1)
    case = case_of(board)
    letter, memo, comment = with_records(case)
    case_close(case=case, acting_user=None, reason="Avslutat")
    kinds = set(Retention.objects.filter(case=case).values_list("record_kind", "outcome"))
    assert kinds == {
        (Document.Kind.DECISION_LETTER, Outcome.KEEP),
        (Document.Kind.BOARD_MEMO, Outcome.KEEP),
        (COMMENT, Outcome.DISPOSE),
    }
    assert case.events.filter(action="records_appraised").count() == 1


def test_appraising_again_sets_only_what_came_since():
    board = factories.BoardFactory()
    case = case_of(board)
    with_records(case)
    assert len(close_on(case, date(2026, 1, 1))) == 3
    assert close_on(case, date(2026, 1, 1)) == []


def test_a_rule_to_dispose_needs_its_period_and_its_decision():
    from django.core.exceptions import ValidationError

    board = factories.BoardFactory()
    with pytest.raises(ValidationError) as refused:
        rule(board, COMMENT, years=None, decision_reference="")
    assert {"period_years", "decision_reference"} <= set(refused.value.message_dict)
