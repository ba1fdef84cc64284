"""No URL with an object id shows one organisation's object to another's member."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import EXEMPT_NAMESPACES, OBJECT_URLS, PUBLIC_OBJECT_URLS


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            for name, converters in _patterns(entry, inner):
                yield name, {**entry.pattern.converters, **converters}
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", dict(entry.pattern.converters)


def _object_patterns():
    for name, converters in _patterns():
        if converters and name.split(":", 1)[0] not in EXEMPT_NAMESPACES:
            yield name


def test_every_url_with_an_object_id_has_an_access_rule():
    missing = sorted(set(_object_patterns()) - set(OBJECT_URLS))
    assert missing == [], f"add these URL names to tests/access.py: {missing}"


def test_the_registry_names_only_urls_that_exist():
    assert set(OBJECT_URLS) <= set(_object_patterns())


# A public page answers anyone; what it shows is tested where it is built.
_GUARDED = sorted(set(OBJECT_URLS) - set(PUBLIC_OBJECT_URLS))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", _GUARDED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_of_another_organisation_gets_404(
    client, url_name, method, organisation, outsider
):
    url = reverse(url_name, kwargs=OBJECT_URLS[url_name](organisation))
    client.force_login(outsider)
    response = getattr(client, method)(url)
    assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", _GUARDED)
def test_an_anonymous_visitor_is_sent_to_log_in(client, url_name, organisation):
    url = reverse(url_name, kwargs=OBJECT_URLS[url_name](organisation))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
