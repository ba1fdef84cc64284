"""Making and revoking API tokens."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import policy
from .models import ApiToken, Resource, key_hash

# The beginning of every key made here: secret scanners (and people) recognise it.
KEY_START = "sp_"
PREFIX_LENGTH = 10
VALID_DAYS = (30, 90, 180, 365)
DEFAULT_VALID_DAYS = 90
SECOND_FACTOR_FIRST = _(
    "A staff member's account must have a second factor before it can have an API token. "
    "Set up the authenticator app first."
)


@transaction.atomic
def token_create(
    *, user, acting_user, name: str, resources: list[str], valid_days: int
) -> tuple[ApiToken, str]:
    """A new token for ``user``, and its key: the only time the key exists outside the
    caller's hands. Only its hash is kept."""
    if policy.lacks_second_factor(user):
        raise ValidationError(SECOND_FACTOR_FIRST, code="second_factor")
    unknown = set(resources) - set(Resource.values)
    if not resources or unknown or valid_days not in VALID_DAYS:
        raise ValidationError(_("Choose what the token may read and how long it is valid."))
    key = KEY_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        created_by=acting_user,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        key_hash=key_hash(key),
        resources=[value for value in Resource.values if value in resources],
        expires_at=timezone.now() + timedelta(days=valid_days),
    )
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """The token answers 401 from now on; it stays listed, as revoked, for the record."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
