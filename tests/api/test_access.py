"""No read-API URL with an object id shows one organisation's object to another's token."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from .access import API_OBJECTS
from .conftest import token_client


def _api_object_patterns():
    api = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "api"
    )
    for entry in api.url_patterns:
        pattern = entry.pattern
        groups = getattr(pattern, "regex", None) and pattern.regex.groupindex
        if groups or pattern.converters:
            yield f"api:{entry.name}"


def test_every_api_url_with_an_object_id_has_an_access_rule():
    assert sorted(set(_api_object_patterns())) == sorted(API_OBJECTS)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(API_OBJECTS))
def test_the_organisation_reads_its_own_object(url_name, organisation, member):
    url = reverse(url_name, kwargs=API_OBJECTS[url_name](organisation))

    assert token_client(member).get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(API_OBJECTS))
def test_a_token_of_another_organisation_gets_404(url_name, organisation, outsider):
    url = reverse(url_name, kwargs=API_OBJECTS[url_name](organisation))

    assert token_client(outsider).get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(API_OBJECTS))
def test_an_anonymous_caller_gets_401(api, url_name, organisation):
    url = reverse(url_name, kwargs=API_OBJECTS[url_name](organisation))

    response = api.get(url)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
