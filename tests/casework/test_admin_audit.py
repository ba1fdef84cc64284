import pytest
from django.urls import reverse

from casework.models import AuditEvent, ChallengeArea
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


def test_an_admin_edit_is_written_to_the_audit_log(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:casework_challengearea_add"),
        {
            "name": "Klimat och miljö",
            "slug": "klimat",
            "description": "",
            "position": 6,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    area = ChallengeArea.objects.get(slug="klimat")
    event = AuditEvent.objects.get(action="admin_added")
    assert (event.actor, event.target_id, event.target_repr) == (
        administrator,
        str(area.pk),
        "Klimat och miljö",
    )


def test_the_admin_cannot_change_or_delete_audit_events(client, administrator):
    case = factories.CaseFactory()
    event = case.events.get()
    client.force_login(administrator)
    change = client.post(
        reverse("admin:casework_auditevent_change", args=[event.pk]), {"reason": "x"}
    )
    delete = client.post(
        reverse("admin:casework_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert change.status_code == 403
    assert delete.status_code in (403, 302)
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


def test_admin_is_for_staff(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]
