"""Disposal as a reviewed list: built from records due, reviewed by someone else, carried out
case by case, leaving a disposal record; a legal hold blocks, and nothing else is touched."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casework.models import AuditEvent, Comment
from documents.models import Document
from records import disposal, selectors, services
from records.kinds import COMMENT, HoldReason
from records.models import DisposalItem, DisposalList, DisposalRecord, Retention
from tests import factories
from tests.records.helpers import case_of, close_on, records_manager, rule, with_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two closed cases of one board: the decision letters and comments are due (0 and 1
    years after closing); the memos are kept. A third case's letter is not yet due."""
    board = factories.BoardFactory()
    rule(board, Document.Kind.DECISION_LETTER, years=0)
    rule(board, COMMENT, years=1)
    due_cases = [case_of(board), case_of(board)]
    records = {case.pk: with_records(case) for case in due_cases}
    for case in due_cases:
        close_on(case, date(2020, 1, 1))
    later = case_of(board)
    later_records = with_records(later)
    close_on(later, date(2099, 1, 1))
    return {"cases": due_cases, "records": records, "later": later, "later_records": later_records}


def _approved(builder=None, reviewer=None):
    builder, reviewer = builder or records_manager(), reviewer or records_manager()
    built = services.disposal_list_build(
        name="Bidrag 2020", retentions=list(selectors.due_retentions()), acting_user=builder
    )
    return services.disposal_list_approve(disposal_list=built, acting_user=reviewer)


def test_only_records_due_are_offered(world):
    due = set(selectors.due_retentions().values_list("record_kind", "case_id"))
    expected = {
        (kind, case.pk)
        for case in world["cases"]
        for kind in (Document.Kind.DECISION_LETTER, COMMENT)
    }
    assert due == expected


def test_an_approved_list_carried_out_removes_exactly_what_is_due(
    world, django_capture_on_commit_callbacks
):
    approved = _approved()
    executor = records_manager()
    files = [letter.file.name for letter, _memo, _comment in world["records"].values()]
    storage = Document._meta.get_field("file").storage
    before = AuditEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True):  # the files go once committed
        done = disposal.disposal_list_execute(disposal_list=approved, acting_user=executor)

    assert done.status == DisposalList.Status.EXECUTED
    for letter, memo, comment in world["records"].values():
        assert not Document.objects.filter(pk=letter.pk).exists()
        assert not Comment.objects.filter(pk=comment.pk).exists()
        assert Document.objects.filter(pk=memo.pk).exists()  # kept by the schedule
    assert not any(storage.exists(name) for name in files)
    later_letter, later_memo, later_comment = world["later_records"]
    assert Document.objects.filter(pk__in=[later_letter.pk, later_memo.pk]).count() == 2
    assert Comment.objects.filter(pk=later_comment.pk).exists()
    assert storage.exists(later_letter.file.name)
    # What, under which decision, when, by whom: one record per disposed record, kept.
    kept = DisposalRecord.objects.filter(disposal_list=approved)
    assert kept.count() == 4
    assert set(kept.values_list("decision_reference", "disposed_by")) == {
        ("KS 2025/12 § 4", executor.pk)
    }
    letter_record = kept.get(record_kind=Document.Kind.DECISION_LETTER, case=world["cases"][0])
    assert letter_record.sha256 == world["records"][world["cases"][0].pk][0].sha256
    assert "Exempelsson" not in " ".join(kept.values_list("description", flat=True))
    # The log only grew: one event per case, and the list's own.
    assert AuditEvent.objects.count() == before + 3
    assert Retention.objects.filter(disposed_at__isnull=False).count() == 4
    with pytest.raises(TypeError):
        kept.first().delete()


def test_a_legal_hold_blocks_the_records_of_its_case(world):
    held, free = world["cases"]
    manager = records_manager()
    hold = services.legal_hold_place(
        case=held, reason=HoldReason.LITIGATION, reference="FR 1234-26", acting_user=manager
    )
    assert {r.case_id for r in selectors.due_retentions() if r.held} == {held.pk}
    with pytest.raises(ValidationError):
        services.disposal_list_build(
            name="Allt", retentions=list(selectors.due_retentions()), acting_user=manager
        )
    services.legal_hold_lift(hold=hold, acting_user=manager)
    approved = _approved()
    # A hold placed after the review blocks too, when the list is carried out.
    services.legal_hold_place(
        case=held, reason=HoldReason.PUBLIC_RECORDS_REQUEST, reference="", acting_user=manager
    )
    disposal.disposal_list_execute(disposal_list=approved, acting_user=manager)
    letter, _memo, comment = world["records"][held.pk]
    assert Document.objects.filter(pk=letter.pk).exists()
    assert Comment.objects.filter(pk=comment.pk).exists()
    blocked = approved.items.filter(retention__case=held)
    assert set(blocked.values_list("status", flat=True)) == {DisposalItem.Status.BLOCKED}
    assert not DisposalRecord.objects.filter(case=held).exists()
    assert DisposalRecord.objects.filter(case=free).count() == 2


def test_the_builder_does_not_review_their_own_list(world):
    builder = records_manager()
    built = services.disposal_list_build(
        name="Egen", retentions=list(selectors.due_retentions()), acting_user=builder
    )
    with pytest.raises(ValidationError):
        services.disposal_list_approve(disposal_list=built, acting_user=builder)
    with pytest.raises(ValidationError):
        services.disposal_list_return(disposal_list=built, acting_user=builder, comment="Fel")
    built.refresh_from_db()
    assert built.status == DisposalList.Status.IN_REVIEW


def test_a_list_is_carried_out_only_once_approved(world):
    built = services.disposal_list_build(
        name="Ej granskad",
        retentions=list(selectors.due_retentions()),
        acting_user=records_manager(),
    )
    with pytest.raises(ValidationError):
        disposal.disposal_list_execute(disposal_list=built, acting_user=records_manager())
    assert DisposalRecord.objects.count() == 0


def test_a_returned_list_frees_its_records_for_another(world):
    built = services.disposal_list_build(
        name="Första", retentions=list(selectors.due_retentions()), acting_user=records_manager()
    )
    assert not selectors.due_retentions().exists()
    with pytest.raises(ValidationError):
        services.disposal_list_return(
            disposal_list=built, acting_user=records_manager(), comment=""
        )
    services.disposal_list_return(
        disposal_list=built, acting_user=records_manager(), comment="Fel beslut angivet"
    )
    assert selectors.due_retentions().count() == 4


def test_only_a_records_manager_builds_a_list(world):
    with pytest.raises(PermissionDenied):
        services.disposal_list_build(
            name="Nej", retentions=list(selectors.due_retentions()), acting_user=factories.staff()
        )


def test_a_record_not_due_cannot_be_put_on_a_list(world):
    not_due = Retention.objects.filter(case=world["later"])
    with pytest.raises(ValidationError):
        services.disposal_list_build(
            name="För tidigt", retentions=list(not_due), acting_user=records_manager()
        )


def test_a_record_whose_retention_changed_after_the_review_is_left_alone(world):
    approved = _approved()
    first = world["cases"][0]
    Retention.objects.filter(case=first).update(dispose_on=date(2099, 1, 1))
    disposal.disposal_list_execute(disposal_list=approved, acting_user=records_manager())
    assert not DisposalRecord.objects.filter(case=first).exists()
    letter = world["records"][first.pk][0]
    assert Document.objects.filter(pk=letter.pk).exists()
