"""Tokens made with ``rest_framework.authtoken`` (no longer installed) keep working: each key
is hashed into an ``ApiToken`` that reads every resource and expires 90 days from this
migration, and the plain keys are deleted. The old table stays, empty, so that the migrations
Django recorded for it still describe the database."""

import hashlib
from datetime import UTC, timedelta

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

OLD_TABLE = "authtoken_token"
MIGRATED_VALID_DAYS = 90
EVERY_RESOURCE = ["cases", "agreements", "decisions", "payouts", "documents"]


def _aware(created):
    # A raw query on SQLite gives the stored UTC time without its zone (or as text).
    if isinstance(created, str):
        created = parse_datetime(created)
    if created is None:
        return timezone.now()
    return created if timezone.is_aware(created) else timezone.make_aware(created, UTC)


def hash_existing_keys(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("api", "ApiToken")
    table = schema_editor.quote_name(OLD_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {table}")  # noqa: S608 - a constant
        rows = cursor.fetchall()
    expires_at = timezone.now() + timedelta(days=MIGRATED_VALID_DAYS)
    ApiToken.objects.bulk_create(
        ApiToken(
            user_id=user_id,
            name="Äldre nyckel (hashad vid uppgraderingen)",
            prefix=key[:10],
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            resources=EVERY_RESOURCE,
            created_at=_aware(created),
            expires_at=expires_at,
        )
        for key, user_id, created in rows
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a constant


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_tokens")]

    operations = [migrations.RunPython(hash_existing_keys, migrations.RunPython.noop)]
