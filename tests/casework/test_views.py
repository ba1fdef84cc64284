import pytest
from django.urls import reverse

from casework import services
from casework.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_start_page_greets_in_swedish_with_helpful_empty_states(client, member):
    client.force_login(member)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert "Mina uppgifter" in html
    assert "Din organisation har inga ärenden ännu" in html


def test_the_start_page_is_in_english_when_chosen(client, member):
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in html
    assert "My tasks" in html


def test_a_member_sees_their_own_cases_only(client, member, organisation, other_organisation):
    mine = factories.CaseFactory(organisation=organisation, title="Vår mötesplats")
    theirs = factories.CaseFactory(organisation=other_organisation, title="Deras projekt")
    client.force_login(member)
    for url in (reverse("home"), reverse("casework:case_list")):
        html = client.get(url).content.decode()
        assert mine.case_number in html
        assert theirs.case_number not in html


def test_an_officer_sees_every_case_and_can_search(client, officer):
    first = factories.CaseFactory(title="Kraftsamling Herrgården")
    second = factories.CaseFactory(title="Helamalmö")
    client.force_login(officer)
    html = client.get(reverse("casework:case_list"), {"q": "Herrgården"}).content.decode()
    assert first.case_number in html
    assert second.case_number not in html


def test_a_member_sees_shared_comments_but_never_internal_ones(
    client, member, organisation, officer
):
    case = factories.CaseFactory(organisation=organisation)
    services.comment_add(case=case, acting_user=officer, body="Välkomna till dialog")
    services.comment_add(case=case, acting_user=officer, body="Intern bedömning", internal=True)
    client.force_login(member)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Välkomna till dialog" in html
    assert "Intern bedömning" not in html
    assert "Historik" not in html


def test_a_member_comments_and_a_forged_internal_flag_is_ignored(client, member, organisation):
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(member)
    response = client.post(
        reverse("casework:comment_create", args=[case.case_number]),
        {"body": "Vi skickar budgeten i morgon", "internal": "on"},
    )
    assert response.status_code == 302
    comment = Comment.objects.get(case=case)
    assert comment.visibility == Comment.Visibility.SHARED


def test_an_empty_comment_is_refused_with_a_message_and_nothing_saved(client, member, organisation):
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(member)
    response = client.post(
        reverse("casework:comment_create", args=[case.case_number]), {"body": "   "}
    )
    assert response.status_code == 400
    assert "Skriv något innan du skickar kommentaren" in response.content.decode()
    assert not Comment.objects.exists()


def test_an_officer_sees_the_case_history(client, officer):
    case = factories.CaseFactory()
    client.force_login(officer)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Historik" in html
    assert "Ärendet registrerat" in html


def test_a_board_secretary_sees_cases_of_their_board_only(client):
    board, other_board = factories.BoardFactory(), factories.BoardFactory()
    secretary = factories.staff(role="board_secretary", board=board)
    ours = factories.CaseFactory(boards=[board])
    theirs = factories.CaseFactory(boards=[other_board])
    client.force_login(secretary)
    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
