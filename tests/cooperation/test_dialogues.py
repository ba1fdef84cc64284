"""Dialogues and workshops: registration with a cap and a waiting list, attendance, the
documentation saved twice, a next step made an initiative and then an IOP proposal, linked
both ways, and who sees what."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Event, Initiative, Registration
from cooperation.services import dialogues as services
from demo import files
from notifications.models import Kind, Notification
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def plan(coordinator, *, capacity=None, invited=(), **fields) -> Event:
    start = timezone.now() + timedelta(days=10)
    event = services.event_plan(
        acting_user=coordinator,
        organisers=[],
        kind=Event.Kind.DIALOGUE_FORUM,
        challenge_area=factories.ChallengeAreaFactory(),
        title=fields.pop("title", "Dialogforum om ungas väg till arbete"),
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Medborgarhuset",
        capacity=capacity,
        **fields,
    )
    services.event_invite(event=event, acting_user=coordinator, organisations=invited)
    return event


@pytest.fixture
def coordinator(db):
    return factories.staff(Role.COORDINATOR)


def register(event, person):
    organisation = person.memberships.get().organisation
    return services.event_register(event=event, acting_user=person, organisation=organisation)


def test_beyond_the_cap_people_wait_and_a_cancellation_moves_the_first_up(coordinator):
    members = [factories.member() for _ in range(4)]
    orgs = [person.memberships.get().organisation for person in members]
    event = plan(coordinator, capacity=2, invited=orgs)
    first, second, third, fourth = [register(event, person) for person in members]
    assert [r.status for r in (first, second, third, fourth)] == ["registered"] * 2 + [
        "waiting"
    ] * 2

    moved = services.registration_cancel(registration=second, acting_user=members[1])

    assert moved == third
    statuses = dict(event.registrations.values_list("person_id", "status"))
    assert statuses[members[1].pk] == "cancelled"
    assert statuses[members[2].pk] == "registered"
    assert statuses[members[3].pk] == "waiting"
    told = Notification.objects.get(recipient=members[2], kind=Kind.CONFIRMATION)
    assert event.title in told.title and told.url == reverse("cooperation:event", args=[event.pk])
    assert not Notification.objects.filter(recipient=members[3], kind=Kind.CONFIRMATION).exists()


def test_an_uninvited_organisation_cannot_register_for_an_unpublished_event(coordinator):
    event = plan(coordinator)
    with pytest.raises(PermissionDenied):
        register(event, factories.member())


def test_attendance_marks_who_came_and_the_event_as_held(coordinator, client):
    members = [factories.member() for _ in range(2)]
    event = plan(coordinator, invited=[m.memberships.get().organisation for m in members])
    came, absent = [register(event, person) for person in members]
    client.force_login(coordinator)

    response = client.post(
        reverse("cooperation:event_attendance", args=[event.pk]), {"attended": [came.pk]}
    )

    assert response.status_code == 302
    came.refresh_from_db(), absent.refresh_from_db(), event.refresh_from_db()
    assert (came.attended, absent.attended, event.status) == (True, False, Event.Status.HELD)


def _documentation_post(steps, initial=0):
    data = {
        "summary": "Storytelling och harvesting, 35:an och World Café.",
        "reflections": "Processen i sig är det viktiga. Skynda långsamt.",
        "contributions-TOTAL_FORMS": "1",
        "contributions-INITIAL_FORMS": str(initial),
        "contributions-0-participant": "Röda Korset",
        "contributions-0-brought": "Samverkan med värdar på sjukhusen, nu som IOP.",
        "contributions-0-reflections": "Ömsesidig vilja och respekt",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(initial),
    }
    for number, (pk, text) in enumerate(steps):
        data[f"steps-{number}-id"] = pk or ""
        data[f"steps-{number}-text"] = text
    return data


def test_the_documentation_form_saved_twice_keeps_one_documentation(coordinator, client):
    event = plan(coordinator)
    client.force_login(coordinator)
    url = reverse("cooperation:event_documentation", args=[event.pk])

    client.post(url, _documentation_post([(None, "Skapa lokala mötesplatser")]))
    step = event.documentation.next_steps.get()
    response = client.post(url, _documentation_post([(step.pk, "Skapa lokala mötesplatser")], 1))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.documentation.contributions.count() == 1
    assert list(event.documentation.next_steps.values_list("pk", flat=True)) == [step.pk]
    page = client.get(reverse("cooperation:event", args=[event.pk])).content.decode()
    assert "Röda Korset" in page and "Skynda långsamt" in page


def test_a_bad_documentation_keeps_what_was_written(coordinator, client):
    event = plan(coordinator)
    client.force_login(coordinator)
    data = _documentation_post([(None, "")])
    data["steps-0-responsible"] = "Föreningsrådet"

    response = client.post(reverse("cooperation:event_documentation", args=[event.pk]), data)

    assert response.status_code == 200
    assert "Röda Korset" in response.content.decode()
    assert "Föreningsrådet" in response.content.decode()
    assert not hasattr(Event.objects.get(pk=event.pk), "documentation")


def test_a_next_step_becomes_an_initiative_and_an_iop_proposal_linked_both_ways(
    coordinator, client
):
    association = factories.OrganisationFactory()
    proposer = factories.member(association)
    event = plan(coordinator, invited=[association])
    documentation = services.documentation_save(
        event=event,
        acting_user=coordinator,
        summary="",
        reflections="",
        contributions=[],
        next_steps=[services.StepInput("Läxhjälp med föreningarna i Herrgården")],
    )
    initiative = services.initiative_start(
        step=documentation.next_steps.get(),
        acting_user=coordinator,
        title="Läxhjälp i Herrgården",
        description="Föreningarna och skolan ordnar läxhjälp tillsammans.",
        organisation=association,
    )
    board = factories.BoardFactory()
    client.force_login(proposer)
    url = reverse("cooperation:initiative_propose", args=[initiative.pk])
    form = client.get(url)
    assert "Läxhjälp i Herrgården" in form.content.decode()

    response = client.post(
        url,
        {
            "title": "Läxhjälp i Herrgården",
            "purpose": "Föreningarna och skolan ordnar läxhjälp tillsammans.",
            "target_group": "Barn i årskurs 4–9",
            "public_benefit_goal": "Fler klarar skolan",
            "boards": [board.pk],
            "contributions": "Lokaler och ideella läxhjälpare",
        },
    )

    initiative.refresh_from_db()
    inquiry = initiative.iop_inquiry
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:inquiry", args=[inquiry.case.case_number])
    assert initiative.status == Initiative.Status.IOP_PROPOSAL
    assert inquiry.case.organisation == association
    case_page = client.get(response["Location"]).content.decode()
    assert f"Kom från dialogen {event.title}" in case_page
    assert reverse("cooperation:initiative", args=[initiative.pk]) in case_page
    initiative_page = client.get(reverse("cooperation:initiative", args=[initiative.pk]))
    assert inquiry.case.case_number in initiative_page.content.decode()


def test_only_organisers_and_invited_organisations_see_an_unpublished_event(coordinator, client):
    invited = factories.member()
    event = plan(coordinator, invited=[invited.memberships.get().organisation])
    url = reverse("cooperation:event", args=[event.pk])

    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(factories.member())
    assert client.get(url).status_code == 404
    assert event.title not in client.get(reverse("cooperation:events")).content.decode()
    client.force_login(invited)
    assert client.get(url).status_code == 200


def test_a_published_event_is_public_and_shows_no_registrations(coordinator, client):
    person = factories.member(first_name="Privat", last_name="Deltagare")
    event = plan(coordinator, is_published=True, invited=[person.memberships.get().organisation])
    register(event, person)
    hidden = plan(coordinator, title="Opublicerad workshop")

    page = client.get(reverse("cooperation:event", args=[event.pk])).content.decode()
    listing = client.get(reverse("cooperation:events")).content.decode()

    assert event.title in page and "Privat Deltagare" not in page
    assert event.title in listing and hidden.title not in listing


def test_registered_people_are_reminded_once_before_the_event(coordinator):
    person = factories.member()
    event = plan(coordinator, invited=[person.memberships.get().organisation])
    register(event, person)
    soon = event.starts_at - timedelta(days=1)

    assert services.events_remind(now=soon) == 1
    assert services.events_remind(now=soon) == 0
    assert Notification.objects.filter(recipient=person, kind="reminder").count() == 1
    assert Registration.objects.get(person=person).status == "registered"


def test_beat_reminds_the_participants_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["remind-event-participants"]
    assert entry["task"] == "cooperation.tasks.remind_event_participants"
    assert entry["schedule"] == 60 * 60.0


def test_an_initiative_becomes_a_funding_application_linked_both_ways(coordinator, client):
    association = factories.eligible(factories.OrganisationFactory())
    proposer = factories.member(association)
    event = plan(coordinator, invited=[association])
    documentation = services.documentation_save(
        event=event,
        acting_user=coordinator,
        summary="",
        reflections="",
        contributions=[],
        next_steps=[services.StepInput("Öppen idrott på lördagar")],
    )
    initiative = services.initiative_start(
        step=documentation.next_steps.get(),
        acting_user=coordinator,
        title="Öppen idrott",
        description="Öppen idrott för unga på lördagar.",
        organisation=association,
    )
    programme = factories.FundingProgrammeFactory()
    client.force_login(proposer)
    url = reverse("cooperation:initiative_apply", args=[initiative.pk])

    response = client.post(url, {"programme": programme.pk, "title": "Öppen idrott"})

    initiative.refresh_from_db()
    application = initiative.funding_application
    assert response["Location"] == reverse("funding:application_detail", args=[application.pk])
    assert initiative.status == Initiative.Status.FUNDING_APPLICATION
    assert application.organisation == association and application.status == "draft"
    page = client.get(response["Location"]).content.decode()
    assert f"Kom från dialogen {event.title}" in page


def test_a_file_kept_with_the_documentation_is_downloaded_by_who_sees_the_event(
    coordinator, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    invited = factories.member()
    event = plan(coordinator, invited=[invited.memberships.get().organisation])
    client.force_login(coordinator)
    client.post(
        reverse("cooperation:event_documentation", args=[event.pk]),
        _documentation_post([(None, "Skapa lokala mötesplatser")]),
    )
    upload = SimpleUploadedFile("skord.pdf", files.pdf("Skörd"), content_type="application/pdf")

    client.post(reverse("cooperation:event_file_add", args=[event.pk]), {"file": upload})

    stored = event.documentation.files.get()
    url = reverse("cooperation:event_file", args=[event.pk, stored.pk])
    client.force_login(invited)
    assert client.get(url).status_code == 200
    client.force_login(factories.member())
    assert client.get(url).status_code == 404
