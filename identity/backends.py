"""mozilla-django-oidc's authentication backend, configured per provider from the database
(identity.models.OIDCProvider) instead of from settings, matching a person by their personal
identity number (OIDC Sweden's ``personalIdentityNumber``)."""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from . import claims as claim
from .models import OIDCProvider, PersonalIdentity

logger = logging.getLogger(__name__)

# The provider a login was started with (identity.views.ProviderLoginView).
PROVIDER_SESSION_KEY = "identity.provider"


def provider_settings(provider: OIDCProvider) -> dict:
    """mozilla-django-oidc's settings for one provider."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": provider.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": provider.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": provider.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": provider.jwks_endpoint,
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_RP_SIGN_ALGO": provider.sign_algo,
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_CREATE_USER": provider.creates_accounts,
    }


class ProviderBackend(OIDCAuthenticationBackend):
    """Authenticates the return from the provider the login started with. A person is matched
    by the keyed hash of their personal identity number; an unknown person gets an account of
    their own only where the provider creates accounts, and it acts for no organisation."""

    def __init__(self, *args, **kwargs):
        # Not the parent's: it reads one provider from settings; this one reads it per login.
        self.UserModel = get_user_model()
        self.provider = None

    def get_settings(self, attr, *args):
        if self.provider is not None and attr in (own := provider_settings(self.provider)):
            return own[attr]
        return import_from_settings(attr, *args)

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs:
            return None  # a password login: not this backend's
        self.provider = OIDCProvider.objects.filter(
            pk=request.session.get(PROVIDER_SESSION_KEY), enabled=True
        ).first()
        if self.provider is None:
            return None
        # The attributes the parent's __init__ would have read from settings.
        self.OIDC_OP_TOKEN_ENDPOINT = self.provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = self.provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.provider.jwks_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        self.OIDC_RP_CLIENT_SECRET = self.provider.client_secret
        self.OIDC_RP_SIGN_ALGO = self.provider.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo claims, with the level of assurance the ID token states."""
        info = super().get_userinfo(access_token, id_token, payload)
        return {**info, "acr": payload.get("acr", info.get("acr"))}

    def verify_claims(self, claims):
        try:
            claims["number"] = claim.personal_number(claims.get(claim.PERSONAL_NUMBER, ""))
        except ValidationError:
            logger.warning("OIDC login refused: no valid personal identity number")
            return False
        return True

    def describe_user_by_claims(self, claims):
        return f"personal identity number {claims['number'].masked}"

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(
            personal_identity__number_digest=claims["number"].digest, is_active=True
        )

    @transaction.atomic
    def create_user(self, claims):
        """A new account, named by the provider, with no organisation's rights."""
        user = self.UserModel.objects.create_user(
            f"eid-{secrets.token_hex(6)}",
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        number = claims["number"]
        PersonalIdentity.objects.create(
            user=user, number_digest=number.digest, number_masked=number.masked
        )
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        """What the login proves, kept on the user for the callback to record."""
        user.oidc_login = {
            "provider": self.provider,
            "assurance": claim.assurance_of(claims.get("acr")),
            "org_affiliation": claim.affiliated_org_number(claims),
        }
        return user
