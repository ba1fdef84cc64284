"""Services of the active agreement: the yearly follow-up, renewal, end and termination."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organisations.models import Role
from partnerships import selectors, services
from partnerships.models import Party, Status
from tests import factories
from tests.casework.test_clocks import at

from .helpers import signed_inquiry

pytestmark = pytest.mark.django_db
REPORT = {
    "goals_reached": "120 deltagare.",
    "contributions_delivered": "Ledare varje vecka.",
    "budget_against_actual": "Enligt budget.",
    "reflection": "Bra år.",
}
# What the officer records from the steering group's minutes, with an assessment.
APPROVAL = {
    "summary": "Godkänd.",
    "steering_group_conclusions": "Styrgruppen godkänner uppföljningen; målen nåddes.",
    "minutes_date": date(2026, 11, 15),
    "minutes_reference": "Protokoll 4/2026 § 3",
}


@pytest.fixture
def inquiry(organisation):
    """Signed on 5 January 2026 for 2026–2028."""
    with at("2026-01-05"):
        return signed_inquiry(organisation)


@pytest.fixture
def report(inquiry, organisation):
    with at("2026-12-20"):
        follow_up = services.follow_up_open(inquiry=inquiry)
        return services.follow_up_report_request(
            follow_up=follow_up, organisation=organisation, task_id=None
        )


def test_the_agreement_years_run_from_its_start(inquiry):
    years = selectors.agreement_years(selectors.signed_version(inquiry))
    assert [(y.start, y.end, y.due_on) for y in years] == [
        (date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 31)),
        (date(2027, 1, 1), date(2027, 12, 31), date(2028, 1, 31)),
        (date(2028, 1, 1), date(2028, 12, 31), date(2029, 1, 31)),
    ]


def test_years_that_ended_before_the_signing_are_not_followed_up(organisation):
    with at("2027-02-01"):
        inquiry = signed_inquiry(organisation)
    assert selectors.next_follow_up_year(inquiry).start == date(2027, 1, 1)


def test_an_agreement_that_is_not_active_is_not_followed_up(organisation):
    with pytest.raises(ValidationError):
        services.follow_up_open(inquiry=factories.iop_inquiry(organisation))


def test_after_the_last_year_no_follow_up_opens(inquiry, officer, organisation, member):
    for _year in range(3):
        follow_up = services.follow_up_open(inquiry=inquiry)
        report = services.follow_up_report_request(
            follow_up=follow_up, organisation=organisation, task_id=None
        )
        services.follow_up_report_submit(report=report, acting_user=member, data=REPORT)
        services.follow_up_approve(follow_up=follow_up, acting_user=officer, **APPROVAL)
    with pytest.raises(ValidationError):
        services.follow_up_open(inquiry=inquiry)


def test_a_report_asks_for_every_part(report, member):
    with pytest.raises(ValidationError):
        services.follow_up_report_submit(
            report=report, acting_user=member, data={**REPORT, "reflection": " "}
        )


def test_a_member_of_another_organisation_cannot_report(report, outsider):
    with pytest.raises(PermissionDenied):
        services.follow_up_report_submit(report=report, acting_user=outsider, data=REPORT)


def test_a_report_is_sent_once(report, member):
    services.follow_up_report_submit(report=report, acting_user=member, data=REPORT)
    with pytest.raises(ValidationError):
        services.follow_up_report_submit(report=report, acting_user=member, data=REPORT)


def test_only_an_officer_approves_and_only_when_every_party_reported(report, member, officer):
    follow_up = report.follow_up
    with pytest.raises(ValidationError):
        services.follow_up_approve(follow_up=follow_up, acting_user=officer, **APPROVAL)
    services.follow_up_report_submit(report=report, acting_user=member, data=REPORT)
    with pytest.raises(PermissionDenied):
        services.follow_up_approve(follow_up=follow_up, acting_user=member, **APPROVAL)
    with pytest.raises(ValidationError):
        services.follow_up_approve(
            follow_up=follow_up, acting_user=officer, **{**APPROVAL, "summary": " "}
        )
    with at("2026-12-20"):
        follow_up = services.follow_up_approve(follow_up=follow_up, acting_user=officer, **APPROVAL)
    assert follow_up.approved_by == officer


def _public_report(follow_up, inquiry):
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    return services.follow_up_report_request(
        follow_up=follow_up, organisation=public.organisation, task_id=None
    )


def test_the_follow_up_is_joint_the_city_reports_through_an_officer(report, inquiry, member):
    public = _public_report(report.follow_up, inquiry)
    services.follow_up_report_submit(report=report, acting_user=member, data=REPORT)
    # A member of the idea-based party does not report for the city.
    with pytest.raises(PermissionDenied):
        services.follow_up_report_submit(report=public, acting_user=member, data=REPORT)
    officer = factories.staff()
    with pytest.raises(ValidationError, match="Alla parter måste först ha rapporterat"):
        services.follow_up_approve(follow_up=report.follow_up, acting_user=officer, **APPROVAL)
    services.follow_up_report_submit(report=public, acting_user=officer, data=REPORT)
    assert public.deadline.audience == "staff"
    assert not report.follow_up.reports.filter(submitted_at__isnull=True).exists()


def test_the_steering_groups_conclusions_and_minutes_are_recorded(report, member, officer):
    services.follow_up_report_submit(report=report, acting_user=member, data=REPORT)
    with at("2026-12-20"):
        for missing in ("steering_group_conclusions", "minutes_reference"):
            with pytest.raises(ValidationError) as refused:
                services.follow_up_approve(
                    follow_up=report.follow_up, acting_user=officer, **{**APPROVAL, missing: ""}
                )
            assert missing in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.follow_up_approve(
                follow_up=report.follow_up,
                acting_user=officer,
                **{**APPROVAL, "minutes_date": date(2026, 12, 21)},
            )
        assert "minutes_date" in refused.value.message_dict
        follow_up = services.follow_up_approve(
            follow_up=report.follow_up, acting_user=officer, **APPROVAL
        )
    follow_up.refresh_from_db()
    assert follow_up.minutes_date == date(2026, 11, 15)
    assert follow_up.minutes_reference == "Protokoll 4/2026 § 3"
    assert "målen nåddes" in follow_up.steering_group_conclusions
    event = follow_up.inquiry.case.events.filter(action="follow_up_approved").get()
    assert event.reason == APPROVAL["steering_group_conclusions"]
    assert event.data["minutes_reference"] == "Protokoll 4/2026 § 3"


def test_the_renewal_decision_needs_an_officer_and_a_reason(inquiry, member, officer):
    with pytest.raises(PermissionDenied):
        services.agreement_renewal_decide(
            inquiry=inquiry, acting_user=member, choice="end", reason="Klart."
        )
    with pytest.raises(ValidationError):
        services.agreement_renewal_decide(
            inquiry=inquiry, acting_user=officer, choice="end", reason=""
        )


def test_amending_reopens_the_co_creation_and_tells_the_organisation(inquiry, officer, member):
    services.agreement_renewal_decide(
        inquiry=inquiry, acting_user=officer, choice="amend", reason="Nya mål."
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CO_CREATION and not selectors.renewal_pending(inquiry)
    assert member.notifications.filter(title__contains=inquiry.case.case_number).exists()


def test_the_agreement_ends_only_after_its_end_date(inquiry):
    with at("2028-12-31"), pytest.raises(ValidationError):
        services.agreement_end(inquiry=inquiry)
    with at("2029-01-01"):
        inquiry = services.agreement_end(inquiry=inquiry)
    inquiry.case.refresh_from_db()
    assert inquiry.status == Status.ENDED and inquiry.case.closed_at is not None


DECIDED = "Styrelsens protokoll 2027-01-03 § 4"


def test_a_termination_needs_the_partys_decision_a_reason_and_the_right_to_sign(
    inquiry, member, outsider
):
    idea_based = inquiry.parties.get(side=Party.Side.IDEA_BASED)
    signatory = idea_based.organisation.memberships.get(role=Role.SIGNATORY).user
    for user in (member, outsider):
        with pytest.raises(PermissionDenied):
            services.agreement_terminate(
                inquiry=inquiry,
                party=idea_based,
                acting_user=user,
                reason="Nej.",
                decision_reference=DECIDED,
            )
    for missing in ({"reason": ""}, {"decision_reference": " "}):
        with pytest.raises(ValidationError):
            services.agreement_terminate(
                inquiry=inquiry,
                party=idea_based,
                acting_user=signatory,
                **{"reason": "Nej.", "decision_reference": DECIDED, **missing},
            )
    termination = services.agreement_terminate(
        inquiry=inquiry,
        party=idea_based,
        acting_user=signatory,
        reason="Föreningen läggs ned.",
        decision_reference=DECIDED,
    )
    event = inquiry.case.events.get(action="status_changed", to_state=Status.TERMINATED)
    assert event.actor == signatory and "Föreningen läggs ned." in event.reason
    assert termination.notice_months == 6 and termination.decision_reference == DECIDED


def test_an_officer_without_the_boards_authorisation_does_not_terminate_for_the_city(
    inquiry, officer
):
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    with pytest.raises(PermissionDenied) as refusal:
        services.agreement_terminate(
            inquiry=inquiry,
            party=public,
            acting_user=officer,
            reason="Budgeten dras in.",
            decision_reference="Fritidsnämnden 2027-01-10 § 3",
        )
    assert "rätt att teckna" in str(refusal.value)
    authorised = inquiry.board_decisions.get().signatory
    services.agreement_terminate(
        inquiry=inquiry,
        party=public,
        acting_user=authorised,
        reason="Budgeten dras in.",
        decision_reference="Fritidsnämnden 2027-01-10 § 3",
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Status.TERMINATED
