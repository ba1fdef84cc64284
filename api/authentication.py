"""``Authorization: Token <key>``, checked against the stored hashes, and the token's scope."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from . import policy
from .models import ApiToken, key_hash

# How often the "last used" time is written: not on every request of a busy integration.
LAST_USED_PRECISION = timedelta(minutes=5)


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's header parsing (``Token <key>``), our own tokens: hashed, expiring, revocable."""

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.select_related("user").filter(key_hash=key_hash(key)).first()
            if len(key) <= 100
            else None
        )
        if token is None or not token.is_usable:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if policy.lacks_second_factor(token.user):
            raise exceptions.AuthenticationFailed(
                _("The token's account has no second factor; a staff member's token needs one.")
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token


class TokenScope(permissions.BasePermission):
    """A token reads only the resources it names (the API has no other method than reading).
    A person's session (no token) reads what the person sees."""

    message = _("This token may not read this resource.")

    def has_permission(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return True
        return getattr(view, "resource", None) in request.auth.resources
