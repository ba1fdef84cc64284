"""The association directory: only what an organisation published is public."""

import pytest
from django.urls import reverse

from casework.models import ChallengeArea
from cooperation.models import DirectoryProfile
from cooperation.services import directory as services
from notifications.models import Notification
from organisations.models import Organisation
from tests import factories

DIRECTORY = "/samverkan/foreningar/"


def _profile(organisation, *, publish=True, **fields):
    user = factories.member(organisation)
    values = {
        "what_we_do": "Läxhjälp och fotboll för barn i Rosengård.",
        "districts": ["soder"],
        "target_groups": ["barn"],
        "challenge_areas": [],
        **fields,
    }
    profile = services.profile_save(acting_user=user, organisation=organisation, **values)
    if publish:
        services.profile_publish(acting_user=user, profile=profile)
    return profile


@pytest.mark.django_db
def test_the_public_sees_only_published_profiles_and_no_private_details(client):
    published = factories.OrganisationFactory(name="Rosengårds Läxhjälp")
    _profile(published, contact_person="Kim Kontaktsson", contact_person_consents=True)
    hidden = factories.OrganisationFactory(name="Hemliga Föreningen")
    _profile(hidden, publish=False, what_we_do="Opublicerad verksamhet i Kirseberg.")
    withdrawn = factories.OrganisationFactory(name="Tillbakadragna Klubben")
    profile = _profile(withdrawn, what_we_do="Tillbakadragen text.")
    services.profile_withdraw(acting_user=factories.member(withdrawn), profile=profile)
    factories.member(published, email="privat.person@example.org", first_name="Privata")

    page = client.get(DIRECTORY).content.decode()

    assert "Rosengårds Läxhjälp" in page and "Läxhjälp och fotboll" in page
    assert "Kim Kontaktsson" in page  # named with recorded consent
    for absent in (
        "Hemliga Föreningen",
        "Opublicerad verksamhet",
        "Tillbakadragna Klubben",
        "Tillbakadragen text",
        "privat.person@example.org",
        "Privata",
    ):
        assert absent not in page


@pytest.mark.django_db
def test_a_contact_person_without_consent_is_not_kept(organisation):
    profile = _profile(organisation, contact_person="Kim Kontaktsson")
    assert profile.contact_person == "" and profile.public_contact_person == ""


@pytest.mark.django_db
def test_search_by_text_area_district_and_target_group(client):
    area = ChallengeArea.objects.create(name="Trygghet", slug="trygghet")
    football = factories.OrganisationFactory(name="Fotbollsklubben Söder")
    _profile(football, challenge_areas=[area])
    choir = factories.OrganisationFactory(name="Kören i Norr")
    _profile(choir, what_we_do="Sång för äldre.", districts=["norr"], target_groups=["aldre"])

    def found(**query):
        return client.get(DIRECTORY, query).content.decode()

    assert "Kören i Norr" in found(q="SÅNG") and "Fotbollsklubben" not in found(q="SÅNG")
    assert "Fotbollsklubben" in found(area=area.pk) and "Kören" not in found(area=area.pk)
    assert "Kören" in found(district="norr") and "Fotbollsklubben" not in found(district="norr")
    assert "Fotbollsklubben" in found(target_group="barn")
    assert "Kören" not in found(target_group="barn")


@pytest.mark.django_db
def test_a_search_over_a_thousand_organisations_is_a_few_queries_and_finds_the_one(
    client, django_assert_max_num_queries
):
    organisations = Organisation.objects.bulk_create(
        factories.OrganisationFactory.build() for _ in range(1000)
    )
    DirectoryProfile.objects.bulk_create(
        DirectoryProfile(
            organisation=organisation,
            what_we_do=f"Verksamhet nr{n}x",
            search_text=f"{organisation.name} verksamhet nr{n}x".lower(),
            districts=" soder ",
            is_published=True,
        )
        for n, organisation in enumerate(organisations)
    )
    with django_assert_max_num_queries(12):
        response = client.get(DIRECTORY, {"q": "verksamhet NR999X", "district": "soder"})
    assert "Verksamhet nr999x" in response.content.decode()
    assert response.context["page"].paginator.count == 1
    with django_assert_max_num_queries(12):
        response = client.get(DIRECTORY, {"district": "soder", "page": "50"})
    assert len(response.context["page"].object_list) == 20


@pytest.mark.django_db
def test_a_member_writes_and_publishes_the_profile_and_a_second_sending_changes_nothing(
    client, organisation
):
    user = factories.member(organisation)
    client.force_login(user)
    url = reverse("cooperation:directory_profile_edit", args=[organisation.pk])
    token = client.get(url).context["form"]["form_token"].value()
    data = {"form_token": token, "what_we_do": "Odling i Sofielund.", "districts": ["innerstaden"]}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert DirectoryProfile.objects.get().what_we_do == "Odling i Sofielund."
    assert "Odling" not in client.get(DIRECTORY).content.decode()
    client.post(url, {"publish": "1"})
    assert "Odling i Sofielund" in client.get(DIRECTORY).content.decode()
    client.post(url, {"withdraw": "1"})
    assert "Odling" not in client.get(DIRECTORY).content.decode()


@pytest.mark.django_db
def test_bad_input_keeps_what_was_written_and_names_the_field(client, organisation):
    client.force_login(factories.member(organisation))
    url = reverse("cooperation:directory_profile_edit", args=[organisation.pk])
    response = client.post(url, {"what_we_do": "Odling.", "contact_person": "Kim"})
    assert response.status_code == 400
    assert "contact_person_consents" in response.context["form"].errors
    assert "Odling." in response.content.decode()


@pytest.mark.django_db
def test_a_message_reaches_the_members_without_revealing_their_addresses(client, organisation):
    profile = _profile(organisation)
    members = [factories.member(organisation, email=f"m{n}@example.org") for n in range(2)]
    sender = factories.staff()
    client.force_login(sender)
    url = reverse("cooperation:directory_contact", args=[profile.pk])
    token = client.get(url).context["form"]["form_token"].value()
    response = client.post(url, {"form_token": token, "message": "Vill ni samverka?"})
    client.post(url, {"form_token": token, "message": "Vill ni samverka?"})
    assert response.status_code == 302
    received = Notification.objects.filter(kind="directory_message")
    assert {n.recipient for n in received} >= set(members)
    assert received.count() == 3  # the two members and the one who published
    assert all(n.body == "Vill ni samverka?" for n in received)
    page = client.get(response["Location"]).content.decode()
    assert "m0@example.org" not in page and "m1@example.org" not in page


@pytest.mark.django_db
def test_an_unpublished_profile_cannot_be_written_to(client, organisation):
    profile = _profile(organisation, publish=False)
    client.force_login(factories.staff())
    assert (
        client.get(reverse("cooperation:directory_contact", args=[profile.pk])).status_code == 404
    )
