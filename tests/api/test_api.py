"""The read API: what a token may read, and that the published schema is the checked-in one."""

import io
from pathlib import Path

import hypothesis
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from schemathesis.checks import not_a_server_error

from tests import factories

from .access import decision, payout, submitted_application
from .conftest import CONFORMS, api_key, token_client

SCHEMA_FILE = Path(settings.BASE_DIR) / "api" / "openapi.yaml"


def _case_numbers(response) -> set[str]:
    return {row["case_number"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_a_token_lists_only_its_organisations_cases(organisation, member, other_organisation):
    mine = factories.CaseFactory(organisation=organisation)
    theirs = factories.CaseFactory(organisation=other_organisation)

    response = token_client(member).get(reverse("api:case-list"))

    assert response.status_code == 200
    assert mine.case_number in _case_numbers(response)
    assert theirs.case_number not in _case_numbers(response)


@pytest.mark.django_db
def test_an_officer_lists_every_organisations_cases(officer, organisation, other_organisation):
    cases = [factories.CaseFactory(organisation=org) for org in (organisation, other_organisation)]

    response = token_client(officer).get(reverse("api:case-list"))

    assert {case.case_number for case in cases} <= _case_numbers(response)


@pytest.mark.django_db
def test_decisions_and_payouts_of_another_organisation_are_not_listed(
    organisation, member, other_organisation
):
    own = submitted_application(organisation)
    other = submitted_application(other_organisation)
    for application in (own, other):
        decision(application)
        payout(application)
    client = token_client(member)

    for name in ("api:decision-list", "api:payout-list"):
        rows = client.get(reverse(name)).json()["results"]
        assert [row["application"] for row in rows] == [own.pk], name


@pytest.mark.django_db
def test_a_payout_shows_amount_date_and_account(organisation, member):
    paid = payout(submitted_application(organisation))

    row = token_client(member).get(reverse("api:payout-detail", args=[paid.pk])).json()

    assert row["amount"] == "30000.00"
    assert row["paid_on"] == "2026-06-01"
    assert row["giro_number"] == organisation.giro_number


@pytest.mark.django_db
def test_a_board_secretary_sees_only_the_cases_of_their_board(organisation):
    board = factories.BoardFactory()
    secretary = factories.staff(role="board_secretary", board=board)
    ours = factories.CaseFactory(organisation=organisation)
    ours.boards.add(board)
    other = factories.CaseFactory(organisation=organisation)

    numbers = _case_numbers(token_client(secretary).get(reverse("api:case-list")))

    assert ours.case_number in numbers and other.case_number not in numbers


@pytest.mark.django_db
def test_the_session_of_a_logged_in_person_also_works(client, member, organisation):
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(member)

    response = client.get(reverse("api:case-detail", args=[case.case_number]))

    assert response.json()["title"] == case.title


@pytest.mark.django_db
def test_the_api_is_read_only(organisation, member):
    case = factories.CaseFactory(organisation=organisation)
    client = token_client(member)
    url = reverse("api:case-detail", args=[case.case_number])

    assert client.delete(url).status_code == 405
    assert client.post(reverse("api:case-list"), {}, format="json").status_code == 405


@pytest.mark.django_db
def test_the_schema_is_published_without_login(api):
    response = api.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200
    assert "/api/cases/{case_number}/" in response.json()["paths"]


def test_the_checked_in_schema_is_current():
    generated = io.StringIO()
    call_command("spectacular", "--lang", "en", "--validate", stdout=generated)

    assert generated.getvalue() == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "api/openapi.yaml is out of date: run `make schema` and commit the file"
    )


# Schemathesis: generated requests against the published schema never give a server error, and
# every answer is one the schema documents (CI also runs every check over HTTP: .ci/run).


@pytest.fixture
def officer_token(db, organisation):
    officer = factories.staff()
    application = submitted_application(organisation)
    decision(application)
    payout(application)
    return f"Token {api_key(officer)}"


def test_no_request_the_schema_allows_gives_a_server_error(published_schema, officer_token):
    operations = [result.ok() for result in published_schema.get_all_operations()]
    assert len(operations) == 10  # five lists and five objects
    answered = set()

    for operation in operations:

        @hypothesis.settings(
            max_examples=30,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        @hypothesis.given(case=operation.as_strategy())
        def call(case):
            response = case.call_and_validate(
                headers={"Authorization": officer_token}, checks=[not_a_server_error, *CONFORMS]
            )
            answered.add(response.status_code)

        call()
    assert 200 in answered  # the token was accepted: the run reached the data


@pytest.mark.django_db
def test_the_case_list_takes_the_case_pages_filters(officer, organisation):
    wanted = factories.CaseFactory(organisation=organisation, title="Läxhjälp i Rosengård")
    factories.CaseFactory(organisation=organisation, title="Sommarfotboll")

    response = token_client(officer).get(reverse("api:case-list"), {"q": "läxhjälp"})

    assert _case_numbers(response) == {wanted.case_number}
