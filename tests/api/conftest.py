import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from rest_framework.test import APIClient
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import services
from api.models import Resource
from config.wsgi import application as wsgi_application

# An answer conforms to the published schema: its body, its status code, its content type.
CONFORMS = [response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def published_schema(db):
    # Django closes the database connection after each request it serves; the test client
    # turns that off so that the test's transaction survives, and so must a WSGI caller.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


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
