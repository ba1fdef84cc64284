"""Saving a section of the application unchanged keeps every answer: each section the
application's page lists is opened, its forms sent back as the browser shows them, twice, and
everything stored about the application is compared."""

from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from funding import selectors, services
from funding.models import FundingApplication
from tests import factories
from tests.forms_html import as_data, post_forms

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _stored(application: FundingApplication) -> dict:
    """Everything stored about the application and its rows, without ids and save times."""
    application = FundingApplication.objects.get(pk=application.pk)
    rows = [
        {key: value for key, value in model_to_dict(row).items() if key != "id"}
        for row in application.other_funding.order_by("pk")
    ]
    attachments = list(
        application.attachments.order_by("pk").values("kind", "original_name", "file")
    )
    fields = model_to_dict(application, exclude=["updated_at"])
    return {"application": fields, "other_funding": rows, "attachments": attachments}


@pytest.fixture
def filled(draft, member):
    """A draft with every answer given: other funding from a funder and from a board, and an
    attachment."""
    services.application_update(
        application=draft,
        acting_user=member,
        target_group="Unga 12–18 år",
        participants=40,
        total_cost=Decimal("52000.50"),
        challenge_area=factories.ChallengeAreaFactory(),
    )
    services.other_funding_set(
        application=draft,
        acting_user=member,
        rows=[
            {"funder": "Arvsfonden", "board": None, "amount": Decimal(5000), "state": "granted"},
            {
                "funder": "",
                "board": factories.BoardFactory(),
                "amount": Decimal("1200.50"),
                "state": "applied",
            },
        ],
    )
    services.attachment_add(application=draft, acting_user=member, kind="budget", upload=pdf())
    return draft


def test_every_section_saved_twice_unchanged_keeps_every_answer(client, filled, member):
    client.force_login(member)
    before = _stored(filled)
    assert len(before["other_funding"]) == 2 and before["attachments"]
    parts = selectors.parts_of(filled)
    assert {part.key for part in parts} >= {"project", "amount", "attachments"}
    sent = 0
    for part in parts:
        url = reverse(part.url_name, args=[filled.pk])
        for _ in range(2):
            page = client.get(url)
            assert page.status_code == 200, url
            for form in post_forms(page.content.decode(), url):
                response = client.post(url, as_data(form))
                # The attachments' upload form sent without a file is refused; nothing changes.
                assert response.status_code in (302, 400), (url, response.status_code)
                sent += 1
            assert _stored(filled) == before, url
    assert sent >= 2 * len(parts)


def test_a_row_marked_for_deletion_is_deleted_and_the_others_kept(client, filled, member):
    client.force_login(member)
    url = reverse("funding:application_money", args=[filled.pk])
    (form,) = post_forms(client.get(url).content.decode(), url)
    data = as_data(form)
    data["other-0-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    (kept,) = filled.other_funding.all()
    assert kept.board is not None and kept.amount == Decimal("1200.50")
