"""Staff are not addressed as applicants: an officer's or a board secretary's pages do not say
"ert projekt", "er ansökan" or "din organisation"; an association's member is still addressed
as the applicant."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from funding import eligibility
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

# Swedish words that address the reader as the applicant (ni, er, ert, era) and the phrases the
# issue names.
APPLICANT = re.compile(r"\b(ni|er|ert|era|din organisation|ditt projekt)\b", re.IGNORECASE)
STAFF_PAGES = ["home", "funding:overview", "funding:sources", "casework:case_list"]


def _text(page: str) -> str:
    return re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.BOARD_SECRETARY, Role.COORDINATOR])
def test_staff_pages_do_not_address_staff_as_applicants(client, organisation, role):
    factories.funding_process(organisation)
    board = factories.BoardFactory() if role == Role.BOARD_SECRETARY else None
    client.force_login(factories.staff(role, board=board))
    for name in STAFF_PAGES:
        text = _text(client.get(reverse(name)).content.decode())
        assert APPLICANT.findall(text) == [], name


def test_an_officer_is_offered_funding_for_an_associations_project(client, organisation):
    client.force_login(factories.staff(Role.OFFICER))

    home = client.get(reverse("home")).content.decode()
    overview = client.get(reverse("funding:overview")).content.decode()

    assert "Hitta finansiering för en förenings projekt" in home
    assert "Stadens bidragsprogram och ansökningarna till dem." in overview
    assert "Era ansökningar" not in overview


def test_an_associations_member_is_still_addressed_as_the_applicant(client, organisation):
    client.force_login(factories.member(organisation))

    home = client.get(reverse("home")).content.decode()
    overview = client.get(reverse("funding:overview")).content.decode()

    assert "Hitta finansiering som passar ert projekt" in home
    assert "Era ansökningar" in overview


def test_eligibility_problems_read_right_to_the_officer_who_decides(organisation):
    """The decision is refused with these problems on the officer's page: no "er organisation"."""
    programme = factories.FundingProgrammeFactory(min_members=10)
    with translation.override("sv"):
        problems = [str(p.message) for p in eligibility.evidence_problems(organisation, programme)]

    assert problems and not [p for p in problems if APPLICANT.search(p)]
    assert any("enligt organisationsregistret har organisationen 0" in p for p in problems)
