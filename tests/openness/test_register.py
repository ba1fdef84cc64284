"""The public register: signed agreements and published grants, for anyone, without login,
and nothing that is not a public record."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from casework import services as case_services
from funding.models import Decision
from openness.models import PublicationSetting
from partnerships.models import Party, Signature
from tests import factories

from .conftest import agreement_version, money, sign_all

pytestmark = pytest.mark.django_db


def test_anyone_sees_a_signed_agreement_with_its_parties_money_and_period(client, signed_agreement):
    response = client.get(reverse("openness:agreements"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Läxhjälp i Herrgården" in page
    assert signed_agreement.case.case_number in page
    assert signed_agreement.case.organisation.name in page
    assert re.search(r"250\D{1,6}000\skr", page)
    assert "2026-01-01 – 2027-12-31" in page


def test_the_register_shows_the_money_per_year_and_for_the_whole_period(client, signed_agreement):
    # 250 000 kr a year over the two years of the agreement.
    page = client.get(reverse("openness:agreements"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("\xa0", " ")

    assert re.search(r"250 000 kr per år, 500 000 kr för perioden", text)
    assert re.search(r"Totalt 250 000 kr per år, 500 000 kr för perioden", text)


def test_the_page_runs_no_inline_script(client, signed_agreement):
    response = client.get(reverse("openness:agreements"))

    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts and all(" src=" in tag for tag in scripts)
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" not in directives["script-src"]


def test_internal_comments_personal_data_and_drafts_never_appear(
    client, signed_agreement, organisation
):
    officer = factories.staff(
        first_name="Hemliga",
        last_name="Handläggarsson",
        email="hemliga.handlaggarsson@malmo.example",
    )
    case = signed_agreement.case
    case_services.comment_add(
        case=case, acting_user=officer, internal=True, body="INTERN-ANTECKNING: ring 070-123 45 67"
    )
    case_services.comment_add(case=case, acting_user=officer, body="DELAD-KOMMENTAR")
    organisation.email = "kansli@forening.example"
    organisation.save()
    member = factories.member(
        organisation,
        first_name="Privata",
        last_name="Medlemsson",
        email="privata.medlemsson@example.org",
    )
    draft = factories.iop_inquiry(organisation, user=member, title="OSIGNERAT-UTKAST")
    version = agreement_version(draft, member, governance="UTKASTETS-STYRNING")
    money(version, draft.parties.get(side=Party.Side.PUBLIC), 999_999)

    html = client.get(reverse("openness:agreements")).content.decode()

    assert "Läxhjälp i Herrgården" in html
    for secret in [
        "INTERN-ANTECKNING",
        "070-123",
        "DELAD-KOMMENTAR",
        "Hemliga",
        "Handläggarsson",
        "hemliga.handlaggarsson",
        "Privata",
        "Medlemsson",
        "privata.medlemsson",
        "kansli@forening.example",
        "OSIGNERAT-UTKAST",
        "UTKASTETS-STYRNING",
        "999",
        "Styrgrupp",
        organisation.org_number,
        signed_agreement.case.registered_by.username,
    ]:
        assert secret not in html, secret


def test_an_agreement_not_yet_signed_by_every_party_is_not_listed(client, organisation):
    user = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=user, title="HALVSIGNERAT")
    version = agreement_version(inquiry, user)
    party = inquiry.parties.get(side=Party.Side.IDEA_BASED)
    Signature.objects.create(inquiry=inquiry, party=party, version=version, signed_by=user)

    assert "HALVSIGNERAT" not in client.get(reverse("openness:agreements")).content.decode()


def test_the_year_filter_keeps_agreements_in_force_that_year(client, signed_agreement):
    url = reverse("openness:agreements")

    assert "Läxhjälp" in client.get(url, {"year": 2027}).content.decode()
    assert "Läxhjälp" not in client.get(url, {"year": 2029}).content.decode()


def test_a_year_out_of_range_is_explained_and_linked_to_its_field(client, signed_agreement):
    html = client.get(reverse("openness:agreements"), {"year": 1066}).content.decode()

    assert 'href="#id_year"' in html


def test_the_register_is_paginated(client, organisation):
    user = factories.member(organisation)
    for number in range(21):
        inquiry = factories.iop_inquiry(organisation, user=user, title=f"Avtal {number:02}")
        sign_all(inquiry, agreement_version(inquiry, user))
    url = reverse("openness:agreements")

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert first.count("Avtal ") == 20 and "page=2" in first
    assert second.count("Avtal ") == 1


def _grant(organisation, programme, amount):
    application = factories.funding_process(organisation, programme=programme).application
    return Decision.objects.create(
        application=application,
        outcome="approved",
        amount_granted=Decimal(amount),
        reasons="HEMLIG-MOTIVERING",
        authority="officer",
        decided_by=factories.staff(),
    )


def test_granted_funding_appears_per_organisation_and_year_only_for_programmes_opted_in(
    client, organisation
):
    published = factories.FundingProgrammeFactory(name="Öppna programmet")
    PublicationSetting.objects.create(programme=published, publish_grants=True)
    unpublished = factories.FundingProgrammeFactory(name="Stängda programmet")
    for programme, amount in [(published, 30_000), (published, 12_000), (unpublished, 7_000)]:
        _grant(organisation, programme, amount)
    Decision.objects.update(decided_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))

    html = client.get(reverse("openness:grants")).content.decode()

    assert "Öppna programmet" in html and organisation.name in html
    assert re.search(r"42\D{1,6}000\skr", html)
    assert "Stängda programmet" not in html and "HEMLIG-MOTIVERING" not in html
    assert "Öppna" not in client.get(reverse("openness:grants"), {"year": 2025}).content.decode()
