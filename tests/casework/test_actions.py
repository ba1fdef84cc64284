"""The audit log's vocabulary: every action is declared, stored as it always was, and called
something in Swedish on the case page."""

import os
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from casework import events
from casework.actions import CaseAction, CaseState, declared, vocabularies
from casework.models import AuditEvent, Case
from organisations import policy as org_policy
from organisations.models import User
from tests import factories

# The stored values of the append-only log: a value renamed here changes the meaning of old rows.
STORED = {
    # casework
    "registered", "closed", "decided", "comment_added", "clock_paused", "clock_resumed",
    "decision_demanded", "delay_notice_sent", "deadline_set", "deadline_met", "admin_added",
    "admin_changed", "admin_deleted", "admin_edit", "decision_demand_rejected",
    # workflows
    "task_completed", "task_reassigned", "job_retried", "process_cancelled",
    # partnerships
    "iop_registered", "status_changed", "legal_assessment_saved", "agreement_version_saved",
    "draft_sent_for_review", "draft_reviewed", "memo_written", "board_decision_recorded",
    "agreement_signed", "aid_entry_recorded", "follow_up_opened", "follow_up_reported",
    "follow_up_approved", "renewal_decided", "party_accepted",
    # funding
    "application_started", "application_saved", "other_funding_declared", "attachment_added",
    "attachment_removed", "application_submitted", "supplement_requested", "supplement_answered",
    "supplement_overdue", "application_complete", "assessed", "board_memo_written",
    "payout_recorded", "paid_in_full", "report_back_submitted", "report_back_approved",
    "report_back_more_requested", "repayment_claimed", "decision_reported_to_board",
    "funding_source_created", "funding_source_changed", "register_row_added",
    "register_row_changed", "repayment_received", "repayment_paid", "repayment_written_off",
    "protocol_announced",
    # funding: delegation and conflict of interest
    "no_conflict_declared", "conflict_declared", "matter_of_principle",
    # documents
    "document_requested", "document_rendered", "document_render_requested",
    "document_finalised", "document_render_failed",
    # followup
    "narrative_section_written", "narrative_section_changed", "narrative_section_deleted",
    # workflows: a decision moved to its route; funding: a meeting's dates changed in the admin
    "decision_rerouted", "meeting_changed_in_admin",
    # partnerships: screening out as a notice, procurement override, de minimis declaration
    "not_iop_notice_sent", "not_iop_decided", "procurement_overridden", "de_minimis_declared",
    # IOP: who signs, leaves and terminates; signings beside the final PDF
    "party_left", "document_signed",
    # openness
    "disclosure_requested", "secrecy_reviewed", "disclosure_exported",
    # earchive: a closed case exported as an E-ARK package
    "earchive_exported",
    # records: retention, legal holds, disposal lists
    "records_appraised", "retention_reappraised", "disposal_list_built", "disposal_list_approved",
    "disposal_list_returned", "disposal_list_executed", "records_disposed", "legal_hold_placed",
    "legal_hold_lifted",
    # cooperation: dialogues and initiatives
    "event_planned", "event_held", "event_documented", "initiative_started",
    "initiative_became_iop", "event_changed", "event_cancelled",
    # cooperation: the directory, training and the idea-based sector's report sections
    "directory_profile_saved", "directory_profile_published", "directory_profile_withdrawn",
    "directory_message_sent", "training_registered", "training_attendance_recorded",
    "sector_report_section_saved",
    # cooperation: challenge areas, hosts, needs and offers
    "area_opened", "area_closed", "host_pair_recorded", "listing_posted", "listing_published",
    "listing_withdrawn", "match_interest", "match_confirmed",
}  # fmt: skip


def _members():
    return [member for vocabulary in vocabularies() for member in vocabulary]


def test_every_app_that_records_events_declares_its_vocabulary():
    names = {vocabulary.__module__ for vocabulary in vocabularies()}
    assert names == {
        "casework.actions",
        "workflows.actions",
        "partnerships.actions",
        "funding.actions",
        "documents.actions",
        "followup.actions",
        "openness.actions",
        "earchive.actions",
        "records.actions",
        "cooperation.actions",
    }


def test_the_stored_values_are_the_ones_the_log_has_always_held_each_declared_once():
    values = [str(member) for member in _members()]
    assert len(values) == len(set(values))
    assert set(values) == STORED


@pytest.mark.parametrize(
    "member", [*_members(), *CaseState], ids=lambda member: f"{type(member).__name__}.{member.name}"
)
def test_every_action_and_case_state_has_a_swedish_label(member):
    with translation.override("en"):
        english = str(member.label)
    with translation.override("sv"):
        swedish = str(member.label)
    assert swedish != english, f"no Swedish for {english!r} in locale/sv/LC_MESSAGES/django.po"


@pytest.mark.django_db
def test_recording_a_string_no_app_declares_is_refused():
    case = factories.CaseFactory()

    with pytest.raises(ValueError, match="not a declared audit action"):
        events.record(case, factories.staff(), "something_new")

    assert not case.events.filter(action="something_new").exists()


@pytest.mark.django_db
def test_a_member_is_stored_as_its_value_and_shown_by_its_label():
    case = factories.CaseFactory()

    events.record(case, factories.staff(), CaseAction.DEADLINE_SET)

    event = AuditEvent.objects.get(case=case, action="deadline_set")
    with translation.override("sv"):
        assert event.action_label == "Tidsfrist satt"


def _history_rows(html: str) -> list[tuple[str, str]]:
    """(what, change) of each row of the case page's history table."""
    section = html.split('aria-labelledby="history-heading"', 1)[1].split("</section>", 1)[0]
    row = r"<tr><td>.*?</td><td>(.*?)</td><td>.*?</td>\s*<td>(.*?)</td>"
    cells = re.findall(row, section, re.S)
    assert cells, "the case page shows no history"
    return cells


@pytest.mark.django_db
def test_no_case_history_of_the_demo_shows_a_raw_action_key_or_status(client):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - every part
    with translation.override("sv"):
        for event in AuditEvent.objects.all():
            member = declared(event.action)  # raises for an undeclared action
            assert event.action_label == str(member.label) != event.action
            for state, label in [
                (event.from_state, event.from_state_label),
                (event.to_state, event.to_state_label),
            ]:
                assert not state or label != state, f"{event.action}: {state!r} has no label"

    coordinator = User.objects.get(username="samordnare")
    assert org_policy.sees_all_cases(coordinator) and org_policy.is_staff_member(coordinator)
    client.force_login(coordinator)
    keys = STORED | {state for row in AuditEvent.objects.values_list("from_state", "to_state")
                     for state in row if state}  # fmt: skip
    cases = Case.objects.filter(events__isnull=False).distinct()
    assert cases.count() >= 10
    for case in cases:
        page = client.get(case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="sv")
        assert page.status_code == 200
        for what, change in _history_rows(page.content.decode()):
            assert what.strip() not in keys, f"{case.case_number}: raw action {what!r}"
            shown = {part.strip() for part in change.split("→")} - {"", "–"}
            assert not shown & keys, f"{case.case_number}: raw state in {change!r}"
