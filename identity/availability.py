"""Whether a provider answers: the login page offers its button only then, and otherwise says
the service is not configured. The answer is cached for a minute so a login page does not wait."""

import requests
from django.core.cache import cache

from .models import OIDCProvider

CACHE_SECONDS = 60


def answers(provider: OIDCProvider) -> bool:
    key = f"identity.answers.{provider.pk}.{provider.issuer}"
    known = cache.get(key)
    if known is None:
        known = _discovery_answers(provider.issuer)
        cache.set(key, known, CACHE_SECONDS)
    return known


def _discovery_answers(issuer: str) -> bool:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        return requests.get(url, timeout=1).ok
    except requests.RequestException:
        return False


def offered(kind: str) -> list[OIDCProvider]:
    """The enabled providers of a kind that answer."""
    providers = OIDCProvider.objects.filter(kind=kind, enabled=True)
    return [provider for provider in providers if answers(provider)]
