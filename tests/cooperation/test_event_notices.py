"""An event's invitations reach the invited organisations' people, in the portal and by e-mail,
once; those who plan it change it and cancel it, and those registered, waiting and invited are
told; a cancelled event takes no registration and no reminder."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import AuditEvent
from cooperation.models import Event
from cooperation.services import dialogues as services
from notifications.models import Kind, Notification
from organisations.models import Role
from tests import factories

from .test_areas import _pair
from .test_dialogues import plan, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(db):
    return factories.staff(Role.COORDINATOR)


def _organisation(person):
    return person.memberships.get().organisation


def test_the_invited_organisations_people_are_told_once_and_the_uninvited_nothing(
    coordinator, django_capture_on_commit_callbacks
):
    invited, other_member, uninvited = factories.member(), None, factories.member()
    other_member = factories.member(organisation=_organisation(invited))
    officer = factories.staff(Role.OFFICER)  # an administration is invited alike
    administration = _organisation(officer)
    event = plan(coordinator, title="Idéverkstad om läxhjälp")
    url = reverse("cooperation:event", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        services.event_invite(
            event=event, acting_user=coordinator, organisations=[_organisation(invited)]
        )
    with django_capture_on_commit_callbacks(execute=True):  # inviting again tells nobody again
        services.event_invite(
            event=event,
            acting_user=coordinator,
            organisations=[_organisation(invited), administration],
        )

    told = Notification.objects.filter(kind=Kind.EVENT_INVITATION)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [invited.pk, other_member.pk, officer.pk]
    )
    assert set(told.values_list("url", flat=True)) == {url}
    assert not Notification.objects.filter(recipient=uninvited).exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [invited.email, other_member.email, officer.email]
    )
    message = next(m for m in mail.outbox if m.to == [invited.email])
    day = timezone.localtime(event.starts_at)
    assert "Inbjudan: Idéverkstad om läxhjälp" in message.subject
    assert f"{day.day} {_MONTHS[day.month - 1]} {day.year} {day:%H:%M}" in message.body
    assert "Medborgarhuset" in message.body and f"http://127.0.0.1:8000{url}" in message.body
    assert "Anmäl dig på träffens sida" in message.body


_MONTHS = "januari februari mars april maj juni juli augusti september oktober november december"
_MONTHS = _MONTHS.split()


def test_an_invitation_to_an_event_that_has_begun_is_not_sent(coordinator):
    event = plan(coordinator)
    Event.objects.filter(pk=event.pk).update(  # a test's shortcut: the event began an hour ago
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    event.refresh_from_db()
    member = factories.member()
    services.event_invite(
        event=event, acting_user=coordinator, organisations=[_organisation(member)]
    )
    assert event.invitations.count() == 1
    assert not Notification.objects.filter(recipient=member).exists()


def _change_post(event, **changed):
    local = timezone.localtime
    data = {
        "title": event.title,
        "description": event.description,
        "starts_at": local(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": event.place,
        "capacity": event.capacity or "",
    }
    return {**data, **changed}


def test_a_new_place_saved_twice_is_told_once_to_the_registered_the_waiting_and_the_invited(
    coordinator, client
):
    registered, waiting, invited = factories.member(), factories.member(), factories.member()
    event = plan(
        coordinator, capacity=1, invited=[_organisation(p) for p in (registered, waiting, invited)]
    )
    register(event, registered), register(event, waiting)
    before = set(Notification.objects.values_list("pk", flat=True))
    client.force_login(coordinator)
    url = reverse("cooperation:event_change", args=[event.pk])

    for _time in range(2):  # the same form saved twice: the second finds nothing to change
        response = client.post(url, _change_post(event, place="Stadsbiblioteket, sal 2"))
        assert response.status_code == 302

    event.refresh_from_db()
    assert event.place == "Stadsbiblioteket, sal 2"
    told = Notification.objects.exclude(pk__in=before)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [registered.pk, waiting.pk, invited.pk]
    )
    assert {n.kind for n in told} == {Kind.EVENT_CHANGE}
    assert "Stadsbiblioteket, sal 2" in told.first().body
    assert AuditEvent.objects.filter(action="event_changed").count() == 1


def test_fewer_places_than_registered_are_refused_on_the_field_and_nothing_is_lost(
    coordinator, client
):
    members = [factories.member() for _ in range(2)]
    event = plan(coordinator, capacity=5, invited=[_organisation(m) for m in members])
    for person in members:
        register(event, person)
    client.force_login(coordinator)

    response = client.post(
        reverse("cooperation:event_change", args=[event.pk]),
        _change_post(event, capacity=1, title="Nytt namn på dialogen"),
    )

    assert response.status_code == 200
    assert "2 personer är anmälda" in response.context["form"].errors["capacity"][0]
    assert 'value="Nytt namn på dialogen"' in response.content.decode()
    event.refresh_from_db()
    assert (event.capacity, event.registrations.filter(status="registered").count()) == (5, 2)


def test_more_places_move_the_waiting_up_in_their_order(coordinator):
    members = [factories.member() for _ in range(3)]
    event = plan(coordinator, capacity=1, invited=[_organisation(m) for m in members])
    first, second, third = [register(event, person) for person in members]

    services.event_change(event=event, acting_user=coordinator, capacity=2)

    statuses = dict(event.registrations.values_list("pk", "status"))
    assert [statuses[r.pk] for r in (first, second, third)] == [
        "registered",
        "registered",
        "waiting",
    ]


def test_a_cancellation_sent_twice_cancels_once_tells_once_and_closes_everything(
    coordinator, client
):
    registered, invited, outsider = factories.member(), factories.member(), factories.member()
    event = plan(
        coordinator, is_published=True, invited=[_organisation(registered), _organisation(invited)]
    )
    register(event, registered)
    before = set(Notification.objects.values_list("pk", flat=True))
    client.force_login(coordinator)
    url = reverse("cooperation:event_cancel", args=[event.pk])
    page = client.get(url)
    token = page.context["form"]["form_token"].initial

    refused = client.post(url, {"form_token": token, "reason": " "})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    for _time in range(2):  # the cancel sent again with Back: nothing twice
        response = client.post(url, {"form_token": token, "reason": "Lokalen är vattenskadad."})
        assert response.status_code == 302

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert event.cancellation_reason == "Lokalen är vattenskadad."
    told = Notification.objects.exclude(pk__in=before)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [registered.pk, invited.pk]
    )
    assert "Lokalen är vattenskadad." in told.first().body
    assert AuditEvent.objects.filter(action="event_cancelled").count() == 1
    with pytest.raises(ValidationError):
        register(event, invited)
    Event.objects.filter(pk=event.pk).update(  # a test's shortcut: it would start tomorrow
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=2),
    )
    assert services.events_remind() == 0
    client.logout()
    shown = client.get(reverse("cooperation:event", args=[event.pk])).content.decode()
    assert "Träffen ställdes in den" in shown and "Lokalen är vattenskadad." in shown
    assert "Inställd" in client.get(reverse("cooperation:events")).content.decode()
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_an_event_that_took_place_cannot_be_cancelled(coordinator):
    event = plan(coordinator)
    services.attendance_record(event=event, acting_user=coordinator, attended=[])
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, acting_user=coordinator, reason="För sent")
    event.refresh_from_db()
    assert event.status == Event.Status.HELD


def test_the_areas_host_changes_an_event_a_coordinator_planned_and_another_host_cannot(
    coordinator, client
):
    event = plan(coordinator)
    host = _pair(event.challenge_area).hosts.get().user
    stranger = _pair(factories.ChallengeAreaFactory()).hosts.get().user
    url = reverse("cooperation:event_change", args=[event.pk])

    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(host)
    assert client.post(url, _change_post(event, title="Dialogforum, nytt namn")).status_code == 302
    event.refresh_from_db()
    assert event.title == "Dialogforum, nytt namn"
