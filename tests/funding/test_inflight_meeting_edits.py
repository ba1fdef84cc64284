"""A board meeting's date, protocol § and announcement of its protocol changed in the
administration are kept in the audit log (who, when, old and new value), on the meeting and on
the case of each decision reported there, and shown with the board's meetings to its secretary
(docs/legal.md, "Repayment claims, delay and demands for a decision")."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from casework.models import AuditEvent
from funding import services
from funding.actions import FundingAction
from funding.models import BoardMeeting
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(programme):
    """A delegated decision reported at the board's meeting of 15 January 2030, § 9, whose
    protocol's approval was announced on 20 January."""
    process = factories.funding_process(programme=programme)
    application, officer = process.application, factories.staff()
    services.application_mark_complete(application=application, acting_user=officer)
    services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=Decimal("30000"),
        summary="Bra.",
        scores={programme.criteria.get().pk: (4, "")},
    )
    services.decision_record(
        application=application,
        acting_user=factories.delegate(programme),
        no_conflict_of_interest=True,
        outcome="approved",
        amount_granted=Decimal("30000"),
        reasons="Bra.",
    )
    secretary = factories.staff(Role.BOARD_SECRETARY, board=programme.board)
    services.decisions_report_to_board(
        board=programme.board,
        acting_user=secretary,
        meeting_date=date(2030, 1, 15),
        protocol_paragraph="§ 9",
    )
    meeting = BoardMeeting.objects.get(board=programme.board)
    services.meeting_protocol_announce(
        meeting=meeting, acting_user=secretary, announced_on=date(2030, 1, 20)
    )
    meeting.refresh_from_db()
    return meeting, application, secretary


def _edit(client, meeting, **changes):
    administrator = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(administrator)
    values = {
        "board": meeting.board_id,
        "held_on": meeting.held_on.isoformat(),
        "delegation_paragraph": meeting.delegation_paragraph,
        "protocol_announced_on": meeting.protocol_announced_on.isoformat(),
        **changes,
    }
    response = client.post(reverse("admin:funding_boardmeeting_change", args=[meeting.pk]), values)
    assert response.status_code == 302
    return administrator


def test_a_changed_announcement_is_recorded_with_who_and_the_old_and_new_day(client, reported):
    meeting, application, _secretary = reported
    administrator = _edit(client, meeting, protocol_announced_on="2030-01-22")
    on_meeting, on_case = AuditEvent.objects.filter(
        action=FundingAction.MEETING_CHANGED_IN_ADMIN
    ).order_by("pk")
    assert on_meeting.actor == administrator and on_meeting.target_id == str(meeting.pk)
    assert on_meeting.data["changes"] == {"protocol_announced_on": ["2030-01-20", "2030-01-22"]}
    assert (
        on_case.case == application.case and on_case.data["changes"] == on_meeting.data["changes"]
    )
    assert on_meeting.at is not None


def test_the_meeting_date_and_paragraph_are_audited_and_an_unchanged_save_adds_nothing(
    client, reported
):
    meeting, _application, _secretary = reported
    _edit(client, meeting, held_on="2030-01-16", delegation_paragraph="§ 10")
    event = AuditEvent.objects.filter(action=FundingAction.MEETING_CHANGED_IN_ADMIN).first()
    assert event.data["changes"] == {
        "held_on": ["2030-01-15", "2030-01-16"],
        "delegation_paragraph": ["§ 9", "§ 10"],
    }
    count = AuditEvent.objects.filter(action=FundingAction.MEETING_CHANGED_IN_ADMIN).count()
    meeting.refresh_from_db()
    _edit(client, meeting)
    assert AuditEvent.objects.filter(action=FundingAction.MEETING_CHANGED_IN_ADMIN).count() == count


def test_the_secretary_sees_the_change_with_the_meetings(client, reported):
    meeting, _application, secretary = reported
    administrator = _edit(client, meeting, protocol_announced_on="2030-01-22")
    client.force_login(secretary)
    page = client.get(reverse("funding:delegated_decisions", args=[meeting.board.code]))
    text = page.content.decode()
    assert "Ändrat i systemadministrationen" in text
    assert f"{administrator}: " in text and "2030-01-20 → 2030-01-22" in text
    assert "2030-02-12" in text  # the last day to appeal, from the new announcement


def test_the_case_log_shows_the_change_in_swedish(client, reported):
    meeting, application, _secretary = reported
    _edit(client, meeting, protocol_announced_on="2030-01-22")
    client.force_login(factories.staff(Role.OFFICER))
    page = client.get(application.case.get_absolute_url()).content.decode()
    assert (
        "Sammanträdesdag, protokollsparagraf eller anslag ändrat i systemadministrationen" in page
    )
