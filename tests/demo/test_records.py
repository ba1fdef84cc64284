"""The demo's records management: a records schedule for the demo boards, so that the demo's
closed cases have their retention, and a disposal list waiting for review."""

import io

import pytest
from django.core.management import call_command

from casework.models import Case
from records.kinds import COMMENT, Outcome
from records.models import DisposalList, Retention, RetentionRule

pytestmark = pytest.mark.django_db

PARTS = ["register", "records_schedule", "programmes", "accounts", "applications", "records"]


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())


def test_the_demo_boards_have_a_records_schedule(demo):
    for code in ("ks", "frn", "kn"):
        rules = RetentionRule.objects.filter(board__code=code)
        assert rules.filter(outcome=Outcome.KEEP, record_kind="decision_letter").exists()
        assert rules.filter(outcome=Outcome.DISPOSE, record_kind=COMMENT).exists()
        assert all(rule.decision_reference for rule in rules.filter(outcome=Outcome.DISPOSE))


def test_the_demos_closed_cases_have_their_retention(demo):
    closed = Case.objects.filter(closed_at__isnull=False)
    assert closed.exists()
    assert Retention.objects.filter(case__in=closed).exists()
    assert not Retention.objects.filter(case__closed_at__isnull=True).exists()


def test_a_disposal_list_waits_for_the_other_records_managers_review(demo):
    waiting = DisposalList.objects.get(status=DisposalList.Status.IN_REVIEW)
    assert waiting.built_by.username == "registrator"
    assert waiting.items.exists()
    assert {item.retention.outcome for item in waiting.items.all()} == {Outcome.DISPOSE}
