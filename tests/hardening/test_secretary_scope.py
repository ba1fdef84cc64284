"""A board secretary sees the register entries and evidence of the organisations with a case
before their board, and no other; the statutory clock is run by the officers handling cases.

Pausing and resuming the clock and telling the party of a delay (FL 11 §) change what the
municipality owes the party: a board secretary, a coordinator or a delegate who sees the case
gets 404 for them, as a member does; registering a party's demand for a decision stays open to
the staff who see the case.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse

from casework import services
from casework.models import AuditEvent
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return factories.BoardFactory()


@pytest.fixture
def secretary(board):
    return factories.staff(Role.BOARD_SECRETARY, board=board)


def _evidence(organisation):
    evidence = factories.EvidenceFactory(organisation=organisation)
    evidence.file.save("stadgar.pdf", ContentFile(b"%PDF-1.4 stadgar"), save=True)
    return evidence


def _register_pages(organisation):
    return [
        reverse("organisations:organisation_detail", args=[organisation.pk]),
        reverse("organisations:evidence_file", args=[_evidence(organisation).pk]),
    ]


def test_a_board_secretary_sees_no_register_entry_of_an_organisation_not_before_the_board(
    client, secretary, organisation, board
):
    factories.CaseFactory(organisation=organisation, boards=[factories.BoardFactory()])
    client.force_login(secretary)

    for url in _register_pages(organisation):
        assert client.get(url).status_code == 404, url


def test_a_board_secretary_sees_the_register_entry_and_evidence_of_an_organisation_before_the_board(
    client, secretary, organisation, board
):
    factories.CaseFactory(organisation=organisation, boards=[board])
    client.force_login(secretary)

    for url in _register_pages(organisation):
        assert client.get(url).status_code == 200, url


def test_a_board_secretary_sees_a_party_to_a_case_before_the_board(client, secretary, board):
    partner = factories.OrganisationFactory()
    factories.CaseFactory(boards=[board], parties=[partner])
    client.force_login(secretary)

    for url in _register_pages(partner):
        assert client.get(url).status_code == 200, url


def test_officers_still_see_every_register_entry(client, organisation):
    client.force_login(factories.staff(Role.OFFICER))

    for url in _register_pages(organisation):
        assert client.get(url).status_code == 200, url


# The statutory clock --------------------------------------------------------------------------


def _clock(case, action):
    return reverse("casework:clock_action", args=[case.case_number, action])


_PAUSE = {"reason": "Väntar på komplettering"}
_DELAY = {"reason": "Nämnden sammanträder i juni.", "expected_on": "2099-06-20"}


@pytest.mark.parametrize("role", [Role.BOARD_SECRETARY, Role.COORDINATOR, Role.DELEGATE])
def test_only_officers_pause_resume_and_send_delay_notices(client, organisation, board, role):
    case = factories.CaseFactory(organisation=organisation, boards=[board])
    person = factories.staff(role, board=board if role == Role.BOARD_SECRETARY else None)
    client.force_login(person)
    assert client.get(reverse("casework:case_detail", args=[case.case_number])).status_code == 200

    for action, data in [("pause", _PAUSE), ("resume", {}), ("delay", _DELAY)]:
        assert client.post(_clock(case, action), data).status_code == 404, action
    assert not AuditEvent.objects.filter(
        action__in=["clock_paused", "clock_resumed", "delay_notice_sent"]
    ).exists()
    with pytest.raises(PermissionDenied):
        services.case_clock_pause(case=case, acting_user=person, reason="nej")
    with pytest.raises(PermissionDenied):
        services.case_delay_notice_send(
            case=case, acting_user=person, reason="nej", expected_on=case.registered_at.date()
        )


def test_the_case_page_offers_the_clock_to_officers_only(client, organisation, board, secretary):
    case = factories.CaseFactory(organisation=organisation, boards=[board])
    page = reverse("casework:case_detail", args=[case.case_number])

    client.force_login(secretary)
    html = client.get(page).content.decode()
    assert _clock(case, "pause") not in html and _clock(case, "delay") not in html
    assert _clock(case, "demand") in html  # registering a party's demand stays for staff

    client.force_login(factories.staff(Role.OFFICER))
    html = client.get(page).content.decode()
    assert _clock(case, "pause") in html and _clock(case, "delay") in html


def test_an_officer_pauses_resumes_and_sends_a_delay_notice(client, organisation, board):
    case = factories.CaseFactory(organisation=organisation, boards=[board])
    client.force_login(factories.staff(Role.OFFICER))

    for action, data in [("pause", _PAUSE), ("resume", {}), ("delay", _DELAY)]:
        assert client.post(_clock(case, action), data).status_code == 302, action
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "clock_paused",
        "clock_resumed",
        "delay_notice_sent",
    }
