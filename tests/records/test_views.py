"""The records manager's pages: in Swedish, each form's errors on its field, nothing lost on
bad input, and a form sent twice acted on once."""

import re
from datetime import date

import pytest
from django.urls import reverse

from documents.models import Document
from records import selectors, services
from records.kinds import COMMENT, HoldReason
from records.models import DisposalList, LegalHold
from tests import factories
from tests.records.helpers import case_of, close_on, records_manager, rule, with_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_case():
    board = factories.BoardFactory()
    rule(board, COMMENT, years=0)
    rule(board, Document.Kind.DECISION_LETTER, years=0)
    case = case_of(board)
    with_records(case)
    close_on(case, date(2020, 1, 1))
    return case


def _token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def _login(client, user):
    client.force_login(user)
    return user


def test_the_pages_are_the_records_managers_and_in_swedish(client, due_case):
    _login(client, records_manager())
    for name, text in [
        ("records:due", "Handlingar som får gallras"),
        ("records:schedule", "Dokumenthanteringsplan"),
        ("records:lists", "Gallringslistor"),
        ("records:holds", "Gallringsstopp"),
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert text in response.content.decode()
    assert due_case.case_number in client.get(reverse("records:due")).content.decode()


def test_an_officer_is_told_nothing_of_them(client):
    _login(client, factories.staff())
    assert client.get(reverse("records:due")).status_code == 404


def test_a_list_built_twice_is_built_once(client, due_case):
    _login(client, records_manager())
    data = {
        "name": "Kommentarer 2020",
        "retentions": [r.pk for r in selectors.due_retentions()],
        "form_token": _token(client.get(reverse("records:due"))),
    }
    first = client.post(reverse("records:due"), data)
    second = client.post(reverse("records:due"), data)
    assert DisposalList.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_list_without_a_name_or_records_keeps_what_was_typed(client, due_case):
    _login(client, records_manager())
    chosen = selectors.due_retentions().first()
    response = client.post(reverse("records:due"), {"name": "", "retentions": [chosen.pk]})
    form = response.context["form"]
    assert form.errors["name"] == ["Ge listan ett namn."]
    assert f'value="{chosen.pk}"' in response.content.decode()
    assert "checked" in response.content.decode()
    response = client.post(reverse("records:due"), {"name": "Lista"})
    assert response.context["form"].errors["retentions"]
    assert 'value="Lista"' in response.content.decode()


def _built(due_case, builder):
    return services.disposal_list_build(
        name="Lista 2020", retentions=list(selectors.due_retentions()), acting_user=builder
    )


def test_the_builder_is_refused_the_review_on_the_page(client, due_case):
    builder = _login(client, records_manager())
    built = _built(due_case, builder)
    url = reverse("records:list_review", args=[built.pk])
    response = client.post(url, {"decision": "approve", "comment": ""})
    assert "en annan arkivarie granskar den" in response.content.decode()
    built.refresh_from_db()
    assert built.status == DisposalList.Status.IN_REVIEW


def test_a_return_needs_its_reason_on_the_field(client, due_case):
    built = _built(due_case, records_manager())
    _login(client, records_manager())
    url = reverse("records:list_review", args=[built.pk])
    response = client.post(url, {"decision": "return", "comment": " "})
    assert response.context["form"].errors["comment"] == ["Ange varför listan returneras."]


def test_a_list_reviewed_and_carried_out_through_the_pages(client, due_case):
    built = _built(due_case, records_manager())
    _login(client, records_manager())
    token = _token(client.get(reverse("records:list_review", args=[built.pk])))
    data = {"decision": "approve", "comment": "", "form_token": token}
    client.post(reverse("records:list_review", args=[built.pk]), data)
    client.post(reverse("records:list_review", args=[built.pk]), data)
    built.refresh_from_db()
    assert built.status == DisposalList.Status.APPROVED
    url = reverse("records:list_execute", args=[built.pk])
    refused = client.post(url, {})
    assert refused.context["form"].errors["confirm"]
    token = _token(client.get(url))
    done = client.post(url, {"confirm": "on", "form_token": token}, follow=True)
    assert "2 av 2 gallrade" in done.content.decode()
    assert done.context["disposal_list"].status == DisposalList.Status.EXECUTED


def test_a_hold_placed_and_lifted_through_the_page(client, due_case):
    _login(client, records_manager())
    refused = client.post(reverse("records:holds"), {"case_number": "XX-1", "reason": "audit"})
    assert refused.context["form"].errors["case_number"] == [
        "Det finns inget ärende med det numret."
    ]
    assert 'value="XX-1"' in refused.content.decode()
    token = _token(client.get(reverse("records:holds")))
    data = {"case_number": due_case.case_number, "reason": HoldReason.AUDIT, "form_token": token}
    client.post(reverse("records:holds"), data)
    client.post(reverse("records:holds"), data)
    hold = LegalHold.objects.get()
    assert hold.case == due_case
    client.post(reverse("records:hold_lift", args=[hold.pk]))
    hold.refresh_from_db()
    assert hold.lifted_at is not None
