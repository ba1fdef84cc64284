import pytest
from rest_framework.test import APIClient

from api import services
from api.models import Resource


@pytest.fixture
def api():
    return APIClient()


def api_key(user, resources=tuple(Resource.values), valid_days=services.DEFAULT_VALID_DAYS) -> str:
    """A new token's key for ``user``, as the token page shows it once."""
    _token, key = services.token_create(
        user=user,
        acting_user=user,
        name="Test",
        resources=list(resources),
        valid_days=valid_days,
    )
    return key


def token_client(user, **token) -> APIClient:
    """A client that calls as an integration does: with the user's token, no session."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user, **token)}")
    return client
