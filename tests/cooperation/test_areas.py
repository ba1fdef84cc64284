"""Challenge areas as places: the public page, hosts, and the host assignment agreement."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from casework.models import AuditEvent, PriorityTheme
from cooperation.models import Event, Host, Initiative, Listing
from cooperation.selectors.areas import is_area_host
from cooperation.services import areas as services
from cooperation.services import dialogues as dialogue_services
from documents.models import Document
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _pair(area, *, host=None, coordinator=None):
    organisation = factories.OrganisationFactory(name="Föreningen Trygga Gator")
    administration = factories.AdministrationFactory(name="Fritidsförvaltningen")
    host = host or factories.member(organisation, first_name="Hanna", last_name="Värdsson")
    return services.host_pair_record(
        area=area,
        organisation=organisation,
        administration=administration,
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
        assignment="Värdarna leder områdets dialogforum två gånger per termin.",
        organisation_contribution="Föreningens värd, tio timmar i månaden.",
        city_contribution="Lokal och samordning.",
        organisation_hosts=[host],
        acting_user=coordinator or factories.staff(Role.COORDINATOR),
    )


def test_the_public_page_shows_published_content_and_no_private_details(client):
    area = factories.ChallengeAreaFactory(name="Trygghet", description="Trygga stadsdelar.")
    PriorityTheme.objects.create(year=date.today().year, title="Återstart")
    _pair(area)
    association = factories.OrganisationFactory(name="Idrottsföreningen Boll")
    author = factories.member(association)
    common = {"challenge_area": area, "created_by": author, "organisation": association}
    Listing.objects.create(
        side="offer",
        title="Publicerad fotbollsträning",
        description="Öppen träning",
        resource="activities",
        is_published=True,
        **common,
    )
    Listing.objects.create(
        side="offer",
        title="Hemligt utkast",
        description="Inte klart",
        resource="premises",
        is_published=False,
        **common,
    )

    for title, published in (("Dialogforum om trygghet", True), ("Planerad idéverkstad", False)):
        Event.objects.create(
            kind="dialogue_forum",
            challenge_area=area,
            title=title,
            place="Stadshuset",
            starts_at=timezone.now(),
            ends_at=timezone.now(),
            is_published=published,
            created_by=author,
        )
    Initiative.objects.create(
        title="Nattvandring i Rosengård",
        description="Internt",
        challenge_area=area,
        created_by=author,
    )
    page = client.get(reverse("cooperation:area_detail", args=[area.slug])).content.decode()

    assert "Trygga stadsdelar." in page
    assert "Återstart" in page
    assert "Föreningen Trygga Gator" in page and "Fritidsförvaltningen" in page
    assert "Publicerad fotbollsträning" in page
    assert "Hemligt utkast" not in page
    assert "Dialogforum om trygghet" in page
    assert "Planerad idéverkstad" not in page
    assert "Nattvandring i Rosengård" not in page
    # The people who act as hosts, and the assignment's document, are not public.
    assert "Värdsson" not in page
    assert "overenskommelse.pdf" not in page


def test_a_logged_in_visitor_sees_who_the_hosts_are(client):
    area = factories.ChallengeAreaFactory()
    _pair(area)
    client.force_login(factories.member())
    Initiative.objects.create(
        title="Nattvandring i Rosengård",
        description="Internt",
        challenge_area=area,
        created_by=factories.staff(),
    )
    page = client.get(reverse("cooperation:area_detail", args=[area.slug])).content.decode()
    assert "Hanna Värdsson" in page
    assert "Nattvandring i Rosengård" in page
    assert "overenskommelse.pdf" not in page
    assert "/documents/" not in page
    # A host reads the assignment they act under (tests/cooperation/test_host_assignment.py).
    client.force_login(Host.objects.get().user)
    page = client.get(reverse("cooperation:area_detail", args=[area.slug])).content.decode()
    assert Document.objects.get(kind="host_assignment").get_absolute_url() in page


def test_a_host_plans_for_their_area_only_while_the_period_lasts():
    area, other_area = factories.ChallengeAreaFactory(), factories.ChallengeAreaFactory()
    pair = _pair(area)
    host = pair.hosts.get().user
    assert is_area_host(host, area, day=date(2026, 6, 1))
    assert not is_area_host(host, area, day=date(2028, 1, 1))
    assert not is_area_host(host, other_area, day=date(2026, 6, 1))
    assert not is_area_host(factories.member(), area, day=date(2026, 6, 1))


def test_a_host_plans_the_events_of_their_own_area_and_no_other(client):
    area, other_area = factories.ChallengeAreaFactory(), factories.ChallengeAreaFactory()
    host = _pair(area).hosts.get().user
    client.force_login(host)
    form = client.get(reverse("cooperation:event_new")).context["form"]
    assert list(form.fields["challenge_area"].queryset) == [area]
    start = timezone.now() + timezone.timedelta(days=7)
    fields = {
        "acting_user": host,
        "organisers": [],
        "kind": Event.Kind.WORKSHOP,
        "title": "Idéverkstad om trygga stråk",
        "starts_at": start,
        "ends_at": start + timezone.timedelta(hours=2),
        "place": "Föreningslokalen",
    }
    with pytest.raises(PermissionDenied):
        dialogue_services.event_plan(challenge_area=other_area, **fields)
    event = dialogue_services.event_plan(challenge_area=area, **fields)
    assert list(event.organisers.all()) == [host]
    client.force_login(factories.member())
    assert client.get(reverse("cooperation:event_new")).status_code == 403


def test_a_coordinator_records_hosts_through_the_form_once_however_often_it_is_sent(client):
    area = factories.ChallengeAreaFactory()
    organisation = factories.OrganisationFactory()
    administration = factories.AdministrationFactory()
    host = factories.member(organisation)
    client.force_login(factories.staff(Role.COORDINATOR))
    url = reverse("cooperation:host_pair_create", args=[area.slug])
    form = client.get(url).context["form"]
    data = {
        "organisation": organisation.pk,
        "administration": administration.pk,
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "assignment": "Leda dialogerna.",
        "organisation_hosts": [host.pk],
        "form_token": form["form_token"].initial,
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert area.host_pairs.count() == 1
    assert Host.objects.get().user == host
    assert AuditEvent.objects.filter(action="host_pair_recorded").count() == 1


def test_bad_input_keeps_what_was_written_and_says_what_is_wrong(client):
    area = factories.ChallengeAreaFactory()
    outsider = factories.member()
    client.force_login(factories.staff(Role.COORDINATOR))
    response = client.post(
        reverse("cooperation:host_pair_create", args=[area.slug]),
        {
            "organisation": factories.OrganisationFactory().pk,
            "administration": factories.AdministrationFactory().pk,
            "period_start": "2026-12-31",
            "period_end": "2026-01-01",
            "assignment": "Leda dialogerna.",
            "organisation_hosts": [outsider.pk],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "period_end" in form.errors and "organisation_hosts" in form.errors
    assert "Leda dialogerna." in response.content.decode()


def test_a_closed_area_keeps_its_page_and_takes_no_new_hosts(client):
    area = factories.ChallengeAreaFactory(name="Gamla området")
    _pair(area)
    coordinator = factories.staff(Role.COORDINATOR)
    client.force_login(coordinator)
    client.post(reverse("cooperation:area_close", args=[area.slug]))
    area.refresh_from_db()
    assert not area.is_active and area.closed_on == date.today()
    client.logout()
    page = client.get(reverse("cooperation:area_detail", args=[area.slug])).content.decode()
    assert "Gamla området" in page and "Föreningen Trygga Gator" in page
    with pytest.raises(Exception, match="stängt"):
        _pair(area, coordinator=coordinator)


def test_a_member_may_not_open_or_close_areas(client):
    area = factories.ChallengeAreaFactory()
    client.force_login(factories.member())
    assert client.get(reverse("cooperation:area_create")).status_code == 403
    assert client.post(reverse("cooperation:area_close", args=[area.slug])).status_code == 404


def test_an_officer_opens_an_area_once(client):
    client.force_login(factories.staff(Role.OFFICER))
    url = reverse("cooperation:area_create")
    token = client.get(url).context["form"]["form_token"].initial
    data = {"name": "Klimat och miljö", "description": "Gröna stadsdelar.", "form_token": token}
    client.post(url, data)
    client.post(url, data)
    page = client.get(reverse("cooperation:area_detail", args=["klimat-och-miljo"]))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="area_opened").count() == 1
