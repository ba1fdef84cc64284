"""Whoever sends an application is told by e-mail, in Swedish, that it is received."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_confirmation_email_goes_out_when_an_application_is_submitted(
    client, organisation, django_capture_on_commit_callbacks
):
    factories.eligible(organisation)
    application = factories.funding_draft(organisation)
    sender = application.created_by
    client.force_login(sender)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("funding:application_submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    number = application.case.case_number
    (email,) = [message for message in mail.outbox if number in message.subject]
    assert email.to == [sender.email]
    assert email.subject == f"Samverkansportalen: Er ansökan {number} har tagits emot"
    assert "är registrerad som ärende" in email.body and application.title in email.body
    assert reverse("funding:application_detail", args=[application.pk]) in email.body
