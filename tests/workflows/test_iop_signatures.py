"""The signing page refuses what an advanced electronic signature may not be: a session below
assurance level 3, a person without the right to sign for the party, a superseded version;
and a party signs by the page once all is in order."""

import pytest
from django.core.exceptions import PermissionDenied

from common.assurance import ASSURANCE_SESSION_KEY
from documents.models import Signing
from partnerships import documents, selectors, services
from tests import factories
from tests.driver import open_tasks, take
from tests.signing import local_pki, signing_service  # noqa: F401 - the fixtures used
from workflows.models.base import task_url

from . import iop_steps as steps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_service")]


def _at_level(client, level: int) -> None:
    session = client.session
    session[ASSURANCE_SESSION_KEY] = level
    session.save()


def test_the_signing_page_refuses_low_assurance_and_a_superseded_version(client, organisation):
    people = steps.one_board_cast(organisation)
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
    (task,) = [
        t for t in open_tasks(process, "sign") if t.owner_permission == "organisations.sign_for"
    ]
    first = documents.final_agreement(process.inquiry)
    take(client, people["member"], task)

    _at_level(client, 2)
    page = client.get(task_url(task, "execute")).content.decode()
    assert "tillitsnivå 3" in page
    response = client.post(task_url(task, "execute"), {"confirm": "on", "document": first.pk})
    assert response.status_code == 200
    assert "Logga in med e-legitimation på tillitsnivå 3 eller högre" in response.content.decode()
    assert not Signing.objects.exists()

    # A newer final version is made while the signer reads the first one.
    documents.request_final_agreement(selectors.signed_version(process.inquiry), people["officer"])
    _at_level(client, 3)
    response = client.post(task_url(task, "execute"), {"confirm": "on", "document": first.pk})
    assert response.status_code == 200
    assert "har ersatts av en nyare version" in response.content.decode()
    assert not Signing.objects.exists()

    newest = documents.final_agreement(process.inquiry)
    response = client.post(task_url(task, "execute"), {"confirm": "on", "document": newest.pk})
    assert response.status_code == 302
    (signing,) = Signing.objects.all()
    assert signing.document == newest and signing.method == Signing.Method.ADVANCED
    assert signing.valid


def test_no_one_signs_without_the_right_to_sign(organisation):
    people = steps.one_board_cast(organisation)
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    inquiry = process.inquiry
    outsider = factories.member(factories.OrganisationFactory())
    with pytest.raises(PermissionDenied):
        services.agreement_sign(
            inquiry=inquiry, party=inquiry.parties.first(), acting_user=outsider
        )
    assert not Signing.objects.exists()
