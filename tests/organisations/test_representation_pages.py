"""The pages of representation: an association proposes its signatories on the minutes, an
officer decides on each from the worklist, a signatory invites and revokes; in Swedish, each
error by its field, nothing lost on bad input, nothing done twice."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo import files
from organisations import policy
from organisations.models import Representation, Role
from tests import factories

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def test_an_association_proposes_and_an_officer_approves_once_from_the_worklist(
    client, organisation, officer
):
    member, chair = factories.member(organisation), factories.member(organisation)
    client.force_login(member)
    url = reverse("organisations:representation_propose", args=[organisation.pk])
    page = client.get(url)
    assert "Protokoll som anger firmatecknarna" in page.content.decode()
    bad = client.post(
        url,
        {
            "form_token": _token(page),
            "people": [chair.pk],
            "protocol_date": "2026-03-01",
            "valid_until": "2026-02-01",
            "protocol": SimpleUploadedFile("protokoll.pdf", files.pdf("Protokoll")),
        },
    )
    html = bad.content.decode()
    assert bad.status_code == 200 and 'id="id_valid_until_error"' in html
    assert 'value="2026-03-01"' in html and f'value="{chair.pk}"' in html and "checked" in html
    data = {
        "form_token": _token(page),
        "people": [chair.pk],
        "protocol_date": "2026-03-01",
        "valid_until": "2099-03-01",
    }
    for _ in range(2):  # sent twice
        sent = client.post(
            url, {**data, "protocol": SimpleUploadedFile("protokoll.pdf", files.pdf("Protokoll"))}
        )
        assert sent.status_code == 302
    (proposal,) = Representation.objects.pending()
    assert proposal.person == chair

    client.force_login(officer)
    worklist = client.get(reverse("organisations:representation_worklist")).content.decode()
    assert "Föreslagna firmatecknare" in worklist and str(chair) in worklist
    decide = reverse("organisations:representation_decide", args=[proposal.pk])
    form = client.get(decide)
    refused_without_reason = client.post(
        decide, {"form_token": _token(form), "decision": "refuse", "reason": ""}
    )
    assert 'id="id_reason_error"' in refused_without_reason.content.decode()
    approve = {"form_token": _token(form), "decision": "approve"}
    assert client.post(decide, approve).status_code == 302
    assert client.post(decide, approve).status_code == 302  # the repeat does nothing

    proposal.refresh_from_db()
    assert proposal.approved_by == officer
    assert policy.is_signatory_for(chair, organisation.pk)
    assert client.get(decide).status_code == 404  # decided: off the worklist


def test_a_signatory_invites_by_email_and_the_invited_person_accepts(
    client, organisation, django_capture_on_commit_callbacks
):
    signatory = factories.member(organisation, role=Role.SIGNATORY)
    client.force_login(signatory)
    url = reverse("organisations:invitation_send", args=[organisation.pk])
    page = client.get(url)
    bad = client.post(url, {"form_token": _token(page), "email": "inte-en-adress"})
    assert 'id="id_email_error"' in bad.content.decode()
    assert 'value="inte-en-adress"' in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"form_token": _token(page), "email": "ny@example.org"})
    (sent,) = mail.outbox
    link = re.search(r"https?://\S+", sent.body).group(0)

    invited = factories.UserFactory()
    client.force_login(invited)
    accept = client.get(link)
    assert "Acceptera inbjudan" in accept.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', accept.content.decode()).group(1)
    client.post(reverse("organisations:invitation_accept"), {"token": token})

    assert policy.acts_for(invited, organisation.pk)
    listing = client.get(reverse("organisations:representation_list", args=[organisation.pk]))
    assert str(invited) in listing.content.decode()
