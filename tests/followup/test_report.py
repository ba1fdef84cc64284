"""The annual report's figures, checked against counts made here from the scenario's lists."""

import statistics
from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta

from followup import selectors
from funding.models.handling import Outcome
from partnerships.models.inquiry import Status as IOP
from tests.followup.builders import at
from tests.followup.conftest import APPLICATIONS, INQUIRIES, REPAYMENT_CLAIMS, REPORT_BACKS, YEAR

START, END = at(YEAR, 1, 1), at(YEAR + 1, 1, 1)
INVESTIGATING = {
    IOP.INVESTIGATION,
    IOP.CO_CREATION,
    IOP.MEMO,
    IOP.BOARD_DECISION,
    IOP.REVISION,
    IOP.SIGNING,
}
GRANTED = {Outcome.APPROVED, Outcome.PARTLY_APPROVED}


def in_year(moment) -> bool:
    return moment is not None and START <= moment < END


def days(start, end) -> float:
    return (end - start).total_seconds() / 86400


@pytest.fixture
def report(world):
    return selectors.annual_report(YEAR)


def test_the_inquiries_started_and_screened_out_are_those_of_the_year(report):
    started = [row for row in INQUIRIES if in_year(row[2])]
    screened_out = [row for row in INQUIRIES if row[1] == IOP.NOT_IOP and in_year(row[4])]
    assert (report.iop_started, report.iop_screened_out) == (len(started), len(screened_out))
    assert report.iop_started == 3


def test_inquiries_under_investigation_show_how_long_they_have_been_open(report):
    open_days = sorted(
        days(row[2], END) for row in INQUIRIES if row[1] in INVESTIGATING and row[2] < END
    )
    assert report.iop_in_investigation == len(open_days) == 2
    assert report.investigation_median_days == pytest.approx(statistics.median(open_days), abs=0.1)
    assert report.investigation_longest_days == pytest.approx(max(open_days), abs=0.1)


def test_agreements_signed_active_and_ended_in_the_year_with_their_parties(report, world):
    deals = [row for row in INQUIRIES if row[6] and row[1] == IOP.ACTIVE]
    active = [
        row
        for row in deals
        if row[6][2][0] <= date(YEAR, 12, 31) and row[6][2][1] >= date(YEAR, 1, 1)
    ]
    signed = [row for row in active if in_year(row[6][3])]
    ended = [row for row in active if row[6][2][1] <= date(YEAR, 12, 31)]
    assert report.agreements_active == len(active) == 2
    assert report.agreements_signed == len(signed) == 1
    assert report.agreements_ended == len(ended) == 1
    by_case = {summary.case_number: summary for summary in report.agreements}
    ended_case = world.inquiries["signed_and_ended"].case.case_number
    assert sorted(by_case[ended_case].parties) == ["Förening Y", "Nämnd B"]
    assert by_case[ended_case].challenge_area == "Barn och unga"


def test_funding_per_programme_counts_the_applications_submitted_in_the_year(report):
    rows = {row.name: row for row in report.funding_by_programme}
    for programme, name in (("P1", "Program 1"), ("P2", "Program 2")):
        cohort = [row for row in APPLICATIONS if row[1] == programme and in_year(row[3])]
        decided = [row for row in cohort if row[6]]
        granted = [row for row in decided if row[6][0] in GRANTED]
        row = rows[name]
        assert row.applications == len(cohort)
        assert row.decided == len(decided)
        assert row.granted == len(granted)
        assert row.amount_applied == sum(Decimal(r[4]) for r in cohort)
        assert row.amount_granted == sum(Decimal(r[6][1]) for r in granted)
        assert row.amount_paid == sum(Decimal(sum(r[7])) for r in cohort)
        expected_rate = round(100 * len(granted) / len(decided), 1) if decided else None
        assert row.approval_rate == expected_rate
    assert rows["Program 1"].approval_rate == pytest.approx(66.7)


def test_funding_totals_and_groupings_by_board_and_challenge_area_agree(report):
    cohort = [row for row in APPLICATIONS if in_year(row[3])]
    assert report.funding_total.applications == len(cohort) == 4
    assert report.funding_total.amount_applied == sum(Decimal(r[4]) for r in cohort)
    assert [row.name for row in report.funding_by_board] == ["Nämnd A", "Nämnd B"]
    areas = {row.name: row.applications for row in report.funding_by_area}
    assert areas["Barn och unga"] == len([r for r in cohort if r[5] == "children"])
    assert sum(areas.values()) == len(cohort)


def test_handling_times_are_median_and_90th_percentile_from_registration_to_decision(report):
    funding = [days(r[3], r[6][2]) for r in APPLICATIONS if r[6] and in_year(r[6][2])]
    iop = [days(r[2], r[3]) for r in INQUIRIES if in_year(r[3])]
    times = {time.kind: time for time in report.handling_times}
    for label, durations in (("funding_application", funding), ("iop_inquiry", iop)):
        ninetieth = statistics.quantiles(durations, n=10, method="inclusive")[8]
        assert times[label].decisions == len(durations)
        assert times[label].median_days == pytest.approx(statistics.median(durations), abs=0.05)
        assert times[label].p90_days == pytest.approx(ninetieth, abs=0.05)


def test_cases_that_went_six_months_without_a_decision_during_the_year(report):
    cases = [(r[2], r[3] or r[4]) for r in INQUIRIES] + [
        (r[3], r[6][2] if r[6] else None) for r in APPLICATIONS
    ]
    expected = [
        (registered, finished)
        for registered, finished in cases
        if registered + relativedelta(months=6) < END
        and (
            finished is None
            or (finished >= START and finished > registered + relativedelta(months=6))
        )
    ]
    assert report.past_six_months == len(expected) == 3


def test_report_backs_due_late_and_missing_and_the_repayment_claims(report):
    due = [r for r in REPORT_BACKS if r[1].year == YEAR]
    late = [r for r in due if r[2] is None or r[2].date() > r[1]]
    missing = [r for r in due if r[2] is None]
    claims = [r for r in REPAYMENT_CLAIMS if in_year(r[2])]
    assert (report.report_backs_due, report.report_backs_late, report.report_backs_overdue_now) == (
        len(due),
        len(late),
        len(missing),
    )
    assert report.repayment_claims == len(claims)
    assert report.repayment_amount == sum(Decimal(r[1]) for r in claims)


def test_the_priority_theme_and_the_narrative_sections_of_the_year_are_in_the_report(report):
    assert report.priority_theme == "Återstart"
    assert [section.heading for section in report.narrative] == ["Dialogforum i november"]


def test_a_year_without_cases_gives_zeros_and_no_rates(db):
    report = selectors.annual_report(2019)
    assert report.iop_started == 0
    assert report.funding_total.approval_rate is None
    assert report.investigation_median_days is None
    assert [time.median_days for time in report.handling_times] == [None, None]


def test_the_report_survives_storage_as_json_like_every_document_context(report):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    from documents import contexts

    stored = json.loads(json.dumps(contexts.to_data(report), cls=DjangoJSONEncoder))
    assert contexts.from_data(contexts.AnnualReportContext, stored) == report


def test_the_report_takes_the_same_number_of_queries_however_many_cases(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.followup import builders as b

    with CaptureQueriesContext(connection) as before:
        selectors.annual_report(YEAR)
    programme, organisation = world.programmes["P1"], world.organisations["X"]
    for day in range(1, 21):
        application = b.application(
            programme, organisation, submitted=at(YEAR, 3, day), applied=1_000,
            status="granted", decided=at(YEAR, 4, day), user=world.officer,
        )  # fmt: skip
        b.decision(
            application, outcome=Outcome.APPROVED, granted=1_000, decided=at(YEAR, 4, day),
            user=world.officer,
        )  # fmt: skip
        b.payout(application, 1_000, user=world.officer)
    with CaptureQueriesContext(connection) as after:
        report = selectors.annual_report(YEAR)
    assert report.funding_total.applications == 24
    assert len(after.captured_queries) == len(before.captured_queries)
