"""A form that creates something, sent twice (double click, back button, retry), creates it once.

The mechanism is ``common.once``: a one-time token in the form, spent when the form is acted on.
"""

import re

import pytest
from django.db import DatabaseError
from django.urls import reverse

from casework import services
from casework.models import Comment
from partnerships.models import IOPInquiry
from tests import factories

pytestmark = pytest.mark.django_db


def _token(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


@pytest.fixture
def case_page(client, member, organisation):
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(member)
    page = client.get(reverse("casework:case_detail", args=[case.case_number]))
    return case, page.content.decode()


def test_a_comment_sent_twice_is_saved_once(client, case_page):
    case, page = case_page
    url = reverse("casework:comment_create", args=[case.case_number])
    data = {"body": "Vi skickar budgeten i morgon.", "form_token": _token(page)}

    first = client.post(url, data)
    again = client.post(url, data)  # the double click, or the back button and "send" again

    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Comment.objects.filter(case=case).count() == 1
    shown = client.get(again["Location"]).content.decode()
    assert "Vi skickar budgeten i morgon." in shown


def test_the_same_words_sent_from_a_new_form_are_a_new_comment(client, case_page):
    case, page = case_page
    url = reverse("casework:comment_create", args=[case.case_number])
    client.post(url, {"body": "Tack!", "form_token": _token(page)})
    page = client.get(reverse("casework:case_detail", args=[case.case_number])).content.decode()
    client.post(url, {"body": "Tack!", "form_token": _token(page)})
    assert Comment.objects.filter(case=case).count() == 2


def test_a_refused_comment_does_not_spend_the_token(client, case_page):
    case, page = case_page
    url = reverse("casework:comment_create", args=[case.case_number])
    token = _token(page)
    assert client.post(url, {"body": "", "form_token": token}).status_code == 400
    client.post(url, {"body": "Nu med text.", "form_token": token})
    assert Comment.objects.filter(case=case).count() == 1


def test_a_comment_that_broke_off_can_be_sent_again_with_the_same_form(
    client, case_page, monkeypatch
):
    case, page = case_page
    url = reverse("casework:comment_create", args=[case.case_number])
    data = {"body": "Budgeten kommer i morgon.", "form_token": _token(page)}

    def broken(**kwargs):
        raise DatabaseError("the connection dropped")

    with monkeypatch.context() as fault:
        fault.setattr(services, "comment_add", broken)
        with pytest.raises(DatabaseError):
            client.post(url, data)
    again = client.post(url, data)  # "send again": nothing was saved the first time

    assert again.status_code == 302
    assert Comment.objects.filter(case=case, body="Budgeten kommer i morgon.").count() == 1


def test_every_shown_form_has_its_own_token(client, case_page):
    case, page = case_page
    again = client.get(reverse("casework:case_detail", args=[case.case_number])).content.decode()
    assert _token(page) != _token(again)


def test_an_iop_proposal_sent_twice_registers_one_case(client, member):
    board = factories.BoardFactory(name="Fritidsnämnden")
    client.force_login(member)
    url = reverse("partnerships:propose")
    data = {
        "title": "Kraftsamling för unga",
        "purpose": "Aktiviteter för unga.",
        "target_group": "Unga 7–18 år",
        "public_benefit_goal": "Fler unga i föreningslivet.",
        "boards": [board.pk],
        "contributions": "Lokaler och ledare.",
        "form_token": _token(client.get(url).content.decode()),
    }

    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == again.status_code == 302
    assert IOPInquiry.objects.count() == 1
    assert "redan registrerat" in client.get(again["Location"]).content.decode()
