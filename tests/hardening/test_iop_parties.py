"""Every party of an IOP sees its case, and nobody else does: the members of each party
organisation (idea-based and public body alike) get the case, the inquiry, the shared comments
and the documents (the agreement they sign among them); a member of an organisation that is no
party still gets 404 on every one of them, for GET and for POST, and sees nothing in the lists.

tests/access.py makes every IOP object of the permission matrix with a second party, so the
matrix's outsider is a non-party of a multi-party IOP there too."""

import pytest
from django.urls import reverse

from casework.services import comment_add
from organisations.models import Organisation
from tests import factories
from tests.documents.conftest import stored_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisation):
    partner = factories.OrganisationFactory(name="Idrottsföreningen")
    university = factories.OrganisationFactory(
        name="Malmö universitet", kind=Organisation.Kind.ACADEMIA
    )
    inquiry = factories.iop_inquiry(organisation, partners=[partner, university])
    case = inquiry.case
    comment_add(case=case, acting_user=factories.staff(), body="Delad kommentar till parterna.")
    comment_add(case=case, acting_user=factories.staff(), body="Arbetsanteckning.", internal=True)
    document = stored_document(case)
    n = case.case_number
    urls = {
        reverse("casework:case_detail", args=[n]): "Delad kommentar till parterna.",
        reverse("partnerships:inquiry", args=[n]): "Delad kommentar till parterna.",
        reverse("documents:case_documents", args=[n]): reverse(
            "documents:document_detail", args=[document.pk]
        ),
        reverse("documents:document_detail", args=[document.pk]): document.sha256,
        reverse("documents:document_download", args=[document.pk]): None,
    }
    people = {
        "the proposer": factories.member(organisation),
        "another association": factories.member(partner),
        "a public body": factories.member(university),
    }
    outsider = factories.member(factories.OrganisationFactory())
    return case, urls, people, outsider


def test_every_party_s_members_see_the_case_its_comments_and_documents(client, world):
    case, urls, people, _outsider = world
    for who, person in people.items():
        client.force_login(person)
        for url, shown in urls.items():
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            if shown:
                assert shown in response.content.decode(), (who, url)
        page = client.get(reverse("casework:case_detail", args=[case.case_number]))
        assert "Arbetsanteckning." not in page.content.decode()
        assert case.case_number in client.get(reverse("home")).content.decode(), who
        assert case.case_number in client.get(reverse("casework:case_list")).content.decode()


def test_an_organisation_that_is_no_party_gets_404_and_sees_nothing(client, world):
    case, urls, _people, outsider = world
    client.force_login(outsider)
    comment = reverse("casework:comment_create", args=[case.case_number])
    for url in [*urls, comment]:
        assert client.get(url).status_code in (404, 405) or url == comment, url
        assert client.post(url, {"body": "Hej"}).status_code == 404, url
    assert client.get(reverse("casework:case_detail", args=[case.case_number])).status_code == 404
    assert case.case_number not in client.get(reverse("home")).content.decode()
    assert case.case_number not in client.get(reverse("casework:case_list")).content.decode()
