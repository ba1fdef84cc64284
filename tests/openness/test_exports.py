"""Staff lists download as CSV and XLSX with the page's filters and access rules."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from casework.models import Case
from funding.models import Decision
from tests import factories
from tests.api.access import decision, payout, submitted_application

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert text.endswith("\r\n") and not text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def column(rows, index=0) -> set:
    return {row[index] for row in rows[1:]}


def test_the_case_list_downloads_with_its_search_applied(client, officer, organisation):
    wanted = factories.CaseFactory(organisation=organisation, title="Läxhjälp i Rosengård")
    factories.CaseFactory(organisation=organisation, title="Sommarfotboll")
    client.force_login(officer)

    for name, read in (("exports:cases_csv", csv_rows), ("exports:cases_xlsx", xlsx_rows)):
        rows = read(client.get(reverse(name), {"q": "läxhjälp"}))
        assert rows[0][0] == "Diarienummer"  # Swedish by default, as the page
        assert column(rows) == {wanted.case_number}, name


def test_the_open_only_filter_applies_too(client, officer, organisation):
    open_case = factories.CaseFactory(organisation=organisation)
    closed = factories.CaseFactory(organisation=organisation)
    Case.objects.filter(pk=closed.pk).update(closed_at=datetime.datetime.now(datetime.UTC))
    client.force_login(officer)

    rows = csv_rows(client.get(reverse("exports:cases_csv"), {"open_only": "on"}))

    assert column(rows) == {open_case.case_number}


def test_a_member_downloads_only_their_organisations_cases(
    client, member, organisation, other_organisation
):
    mine = factories.CaseFactory(organisation=organisation)
    factories.CaseFactory(organisation=other_organisation)
    client.force_login(member)

    assert column(csv_rows(client.get(reverse("exports:cases_csv")))) == {mine.case_number}
    assert column(xlsx_rows(client.get(reverse("exports:cases_xlsx")))) == {mine.case_number}


def test_applications_and_payouts_of_another_organisation_are_left_out(
    client, organisation, other_organisation, member
):
    own = submitted_application(organisation)
    other = submitted_application(other_organisation)
    for application in (own, other):
        payout(application)
    client.force_login(member)

    for name in ("exports:applications_csv", "exports:payouts_csv"):
        assert column(csv_rows(client.get(reverse(name)))) == {own.case.case_number}, name


def test_payouts_follow_the_year_filter(client, officer, organisation):
    paid = payout(submitted_application(organisation))
    client.force_login(officer)

    assert paid.application.case.case_number in column(
        csv_rows(client.get(reverse("exports:payouts_csv"), {"year": "2026"}))
    )
    assert len(csv_rows(client.get(reverse("exports:payouts_csv"), {"year": "2025"}))) == 1


def test_delegated_decisions_download_for_the_boards_secretary(client, organisation):
    application = submitted_application(organisation)
    made = decision(application)
    board = application.programme.board
    secretary = factories.staff(role="board_secretary", board=board)
    client.force_login(secretary)
    url = reverse("exports:delegated_decisions_xlsx", args=[board.code])

    rows = xlsx_rows(client.get(url))

    assert column(rows) == {application.case.case_number}
    assert rows[1][4] == made.amount_granted
    Decision.objects.update(reported_to_board_on=datetime.date(2026, 5, 1))
    assert len(xlsx_rows(client.get(url))) == 1


def test_another_boards_decisions_are_404(client, organisation, outsider):
    board = submitted_application(organisation).programme.board
    client.force_login(outsider)

    response = client.get(reverse("exports:delegated_decisions_csv", args=[board.code]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["exports:cases_csv", "exports:applications_xlsx", "exports:payouts_csv"]
)
def test_an_anonymous_visitor_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"])
def test_a_cell_that_would_be_a_formula_is_written_as_text(client, officer, organisation, title):
    factories.CaseFactory(organisation=organisation, title=title)
    client.force_login(officer)

    csv_title = csv_rows(client.get(reverse("exports:cases_csv")))[1][1]
    xlsx_title = xlsx_rows(client.get(reverse("exports:cases_xlsx")))[1][1]

    assert csv_title == xlsx_title == "'" + title


def test_the_case_list_links_to_its_downloads_with_the_filter_applied(client, officer):
    client.force_login(officer)

    html = client.get(reverse("casework:case_list"), {"q": "fotboll"}).content.decode()

    assert f'href="{reverse("exports:cases_csv")}?q=fotboll"' in html
    assert f'href="{reverse("exports:cases_xlsx")}?q=fotboll"' in html


def test_the_downloads_have_swedish_names_and_the_spreadsheet_comes_first(client):
    client.force_login(factories.staff())

    response = client.get(reverse("exports:cases_xlsx"))
    page = client.get(reverse("casework:case_list")).content.decode()

    assert 'filename="arenden-' in response["Content-Disposition"]
    assert page.index(reverse("exports:cases_xlsx")) < page.index(reverse("exports:cases_csv"))
    assert "RFC 4180" in page
