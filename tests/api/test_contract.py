"""The read API answers as its published schema says: every field's type, every status code.

Each test is one thing an outside schemathesis run found against a running demo; CI runs the
whole of it over HTTP (``.ci/run``, the API contract step)."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import AgreementVersion, Contribution
from tests import factories

from .conftest import CONFORMS, api_key, token_client

pytestmark = pytest.mark.django_db


def _agreement_with_an_association_and_a_contribution(organisation, user):
    inquiry = factories.iop_inquiry(organisation, user=user)
    version = AgreementVersion.objects.create(
        inquiry=inquiry,
        number=1,
        goals="Mål",
        governance="Styrgrupp",
        follow_up="Årligen",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        saved_by=user,
    )
    association = inquiry.parties.get(board__isnull=True)
    Contribution.objects.create(
        version=version,
        party=association,
        kind=Contribution.Kind.STAFF_HOURS,
        description="Ledare",
        amount_sek=1000,
        period_start=version.period_start,
        period_end=version.period_end,
    )
    return inquiry


def _answer(published_schema, path, user, **case):
    operation = published_schema[path]["GET"]
    request = operation.Case(headers={"Authorization": f"Token {api_key(user)}"}, **case)
    response = request.call()
    request.validate_response(response, checks=CONFORMS)
    return response


def test_a_party_without_a_board_and_a_contribution_without_a_recipient_match_the_schema(
    published_schema, organisation, member
):
    inquiry = _agreement_with_an_association_and_a_contribution(organisation, member)

    response = _answer(
        published_schema,
        "/api/agreements/{case_number}/",
        member,
        path_parameters={"case_number": inquiry.case.case_number},
    )

    agreement = response.json()
    assert None in [party["board"] for party in agreement["parties"]]
    assert agreement["latest_version"]["contributions"][0]["recipient"] is None


def test_a_case_without_a_challenge_area_matches_the_schema(published_schema, organisation, member):
    case = factories.CaseFactory(organisation=organisation, challenge_area=None)

    response = _answer(
        published_schema,
        "/api/cases/{case_number}/",
        member,
        path_parameters={"case_number": case.case_number},
    )

    assert response.json()["challenge_area"] is None


@pytest.mark.parametrize("page", ["", "0", "-1", "1.5", "last", "null"])
def test_a_page_that_is_no_whole_number_from_1_is_a_400(member, page):
    response = token_client(member).get(reverse("api:case-list"), {"page": page})

    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_a_page_past_the_last_is_a_404_in_json(member):
    for page in ("2", "9" * 40):
        response = token_client(member).get(reverse("api:decision-list"), {"page": page})
        assert response.status_code == 404
        assert "detail" in response.json()


@pytest.mark.parametrize(
    "query", [{"kind": "utbildning"}, {"kind": ""}, {"open_only": "kanske"}, {"q": "x" * 201}]
)
def test_a_case_filter_the_schema_does_not_allow_is_a_400(member, query):
    response = token_client(member).get(reverse("api:case-list"), query)

    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_an_id_of_the_wrong_shape_is_the_apis_json_404(member):
    client = token_client(member)

    for url in ("/api/decisions/0.5/", "/api/cases/%C2%84/", "/api/documents/null,null/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json", url


def test_every_operation_documents_401_403_and_404_and_every_list_400(published_schema):
    for result in published_schema.get_all_operations():
        operation = result.ok()
        documented = set(operation.definition.raw["responses"])
        assert {"200", "401", "403", "404"} <= documented, operation.label
        if operation.path.endswith("s/"):
            assert "400" in documented, operation.label


def test_the_answers_of_an_anonymous_caller_and_a_narrow_token_conform(
    published_schema, organisation, member
):
    case = factories.CaseFactory(organisation=organisation)
    operation = published_schema["/api/cases/{case_number}/"]["GET"]
    narrow = api_key(member, resources=["documents"])

    for headers, status in (({}, 401), ({"Authorization": f"Token {narrow}"}, 403)):
        request = operation.Case(path_parameters={"case_number": case.case_number}, headers=headers)
        response = request.call()
        request.validate_response(response, checks=CONFORMS)
        assert response.status_code == status
