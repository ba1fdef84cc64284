"""Needs and offers: ranked suggestions with reasons, publishing, interest and confirmation."""

import pytest
from django.urls import reverse

from casework.models import AuditEvent
from cooperation.models import Initiative, Listing, Match
from cooperation.selectors.matching import suggestions
from cooperation.services import matching as services
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _post(organisation, author, area, **fields):
    values = {
        "title": "Något",
        "description": "Något att göra",
        "resource": "activities",
        "district": "",
        "target_group": "",
    }
    values.update(fields)
    side = "need" if organisation.kind == "administration" else "offer"
    return services.listing_post(
        organisation=organisation,
        side=side,
        challenge_area=area,
        acting_user=author,
        **values,
    )


@pytest.fixture
def scene():
    area = factories.ChallengeAreaFactory(name="Barn och unga")
    administration = factories.AdministrationFactory(name="Fritidsförvaltningen")
    officer = factories.staff(Role.OFFICER)
    officer.memberships.update(organisation=administration)
    need = _post(
        administration,
        officer,
        area,
        title="Sommaraktiviteter för unga",
        description="Vi söker aktiviteter för ungdomar under sommarlovet i Rosengård.",
        district="Rosengård",
        target_group="ungdomar 13–17 år",
    )
    clubs = {}
    for name, district, resource, area_of in (
        ("Idrottsklubben Sommar", "Rosengård", "activities", area),
        ("Kulturhuset Lokal", "Limhamn", "premises", area),
        ("Schackklubben", "Rosengård", "activities", factories.ChallengeAreaFactory()),
    ):
        club = factories.OrganisationFactory(name=name)
        clubs[name] = (club, factories.member(club))
        _post(
            club,
            clubs[name][1],
            area_of,
            title=f"{name} erbjuder",
            description="Aktiviteter för ungdomar på sommarlovet.",
            district=district,
            resource=resource,
            target_group="ungdomar",
        )
    Listing.objects.exclude(pk=need.pk).update(is_published=True)
    return {"area": area, "officer": officer, "need": need, "clubs": clubs}


def test_offers_are_ranked_for_a_need_with_the_reasons_shown(scene):
    ranked = suggestions(scene["officer"], scene["need"])
    names = [s.listing.organisation.name for s in ranked]
    # The same area, kind, district and target group first; a fit in kind and place before
    # a fit in area alone.
    assert names == ["Idrottsklubben Sommar", "Schackklubben", "Kulturhuset Lokal"]
    best = ranked[0]
    assert best.reasons == [
        "Arbetar inom samma utmaningsområde: Barn och unga.",
        "Efterfrågar det som erbjuds: Aktiviteter.",
        "I samma stadsdel: Rosengård.",
        "För samma målgrupp: ungdomar.",
        "Båda nämner: aktiviteter, sommarlovet, ungdomar.",
    ]
    assert ranked[0].score > ranked[1].score > 0


def test_the_reasons_are_shown_in_swedish_on_the_page(client, scene):
    client.force_login(scene["officer"])
    page = client.get(reverse("cooperation:listing_detail", args=[scene["need"].pk]))
    text = page.content.decode()
    assert "Arbetar inom samma utmaningsområde: Barn och unga." in text
    assert "I samma stadsdel: Rosengård." in text


def test_an_unpublished_offer_of_another_organisation_is_never_suggested(scene):
    club, _member = scene["clubs"]["Kulturhuset Lokal"]
    Listing.objects.filter(organisation=club).update(is_published=False)
    names = [s.listing.organisation.name for s in suggestions(scene["officer"], scene["need"])]
    assert "Kulturhuset Lokal" not in names


def test_interest_then_confirmation_opens_an_initiative(client, scene):
    club, member = scene["clubs"]["Idrottsklubben Sommar"]
    offer = Listing.objects.get(organisation=club)
    client.force_login(member)
    url = reverse("cooperation:match_interest", args=[offer.pk, scene["need"].pk])
    # Nobody is interested in what they cannot see: the need is not published yet.
    assert client.post(url).status_code == 404
    Listing.objects.filter(pk=scene["need"].pk).update(is_published=True)
    client.post(url)
    client.post(url)
    match = Match.objects.get()
    assert match.offer_interested_at and match.need_interested_at is None
    assert AuditEvent.objects.filter(action="match_interest").count() == 1

    # Only a coordinator confirms.
    assert client.post(reverse("cooperation:match_confirm", args=[match.pk])).status_code == 404
    client.force_login(factories.staff(Role.COORDINATOR))
    listing_page = client.get(reverse("cooperation:listing_list")).content.decode()
    assert "Bekräfta matchningen" in listing_page
    client.post(reverse("cooperation:match_confirm", args=[match.pk]))
    match.refresh_from_db()
    assert match.is_confirmed
    initiative = Initiative.objects.get()
    assert initiative.match == match
    assert initiative.organisation == club
    assert initiative.challenge_area == scene["area"]
    with pytest.raises(Exception, match="redan bekräftad"):
        services.match_confirm(match=match, acting_user=match.confirmed_by)


def test_publishing_shows_the_need_on_the_area_page_and_taking_it_down_hides_it(client, scene):
    need, area_url = scene["need"], reverse("cooperation:area_detail", args=[scene["area"].slug])
    assert need.title not in client.get(area_url).content.decode()
    client.force_login(scene["officer"])
    publish = reverse("cooperation:listing_publish", args=[need.pk])
    client.post(publish, {"publish": "1"})
    client.logout()
    assert need.title in client.get(area_url).content.decode()
    client.force_login(scene["officer"])
    client.post(publish, {"publish": "0"})
    client.logout()
    assert need.title not in client.get(area_url).content.decode()


def test_a_member_cannot_post_for_an_organisation_they_are_not_in(client, scene):
    client.force_login(factories.member())
    response = client.post(
        reverse("cooperation:listing_create"),
        {
            "organisation": scene["need"].organisation.pk,
            "title": "Kapning",
            "description": "x",
            "resource": "premises",
            "challenge_area": scene["area"].pk,
        },
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Listing.objects.filter(title="Kapning").exists()


def test_an_association_posts_an_offer_once_however_often_it_is_sent(client, scene):
    club, member = scene["clubs"]["Schackklubben"]
    client.force_login(member)
    url = reverse("cooperation:listing_create")
    token = client.get(url).context["form"]["form_token"].initial
    data = {
        "organisation": club.pk,
        "title": "Schack på fritidsgården",
        "description": "Vi lär ut schack.",
        "resource": "volunteers",
        "challenge_area": scene["area"].pk,
        "form_token": token,
    }
    client.post(url, data)
    client.post(url, data)
    offer = Listing.objects.get(title="Schack på fritidsgården")
    assert offer.side == "offer" and not offer.is_published
