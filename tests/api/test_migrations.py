"""Keys made by ``rest_framework.authtoken`` before tokens were hashed keep working."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken, Resource

pytestmark = pytest.mark.django_db(transaction=True)

OLD_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # noqa: S105 - the shape DRF made


def _migrate(target) -> None:
    MigrationExecutor(connection).migrate([target])


@pytest.fixture
def old_token_table():
    """The table ``rest_framework.authtoken`` left in a deployed database."""
    created = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            f"created {created} NOT NULL, user_id integer NOT NULL UNIQUE)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE authtoken_token")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_key_made_before_hashing_still_reads_and_only_its_hash_is_kept(member, old_token_table):
    _migrate(("api", "0001_api_tokens"))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [OLD_KEY, timezone.now(), member.pk],
        )

    _migrate(("api", "0002_hash_existing_tokens"))

    token = ApiToken.objects.get()
    assert (token.user, token.prefix, token.resources) == (member, OLD_KEY[:10], Resource.values)
    assert token.expires_at > timezone.now() + timezone.timedelta(days=89)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {OLD_KEY}")
    assert client.get(reverse("api:case-list")).status_code == 200
