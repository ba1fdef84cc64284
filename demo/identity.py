"""The demo's login with e-ID: the local OpenID Provider (identity/provider, started by
`make demo` when Node is installed) and the demo accounts' test personal identity numbers, the
same ones that provider issues. Without the provider running, the login page says the e-ID
service does not answer, and the password login works as before."""

import json
from pathlib import Path

from django.conf import settings

from identity import claims
from identity.models import OIDCProvider, PersonalIdentity
from organisations.models import User

IDENTITIES = Path(settings.BASE_DIR) / "identity" / "provider" / "identities.json"
CLIENT_ID = "samverkansportalen-demo"
CLIENT_SECRET = "demo-client-secret-not-secret"  # noqa: S105 - the local test provider's only


def load(out) -> None:
    """The local provider's registration and the accounts' numbers (demo mode only)."""
    provider = configure_local_provider(settings.DEMO_OIDC_ISSUER)
    matched = 0
    for identity in json.loads(IDENTITIES.read_text(encoding="utf-8")):
        user = User.objects.filter(username=identity["username"]).first()
        if user is None:
            continue
        number = claims.personal_number(identity["personalIdentityNumber"])
        PersonalIdentity.objects.update_or_create(
            user=user,
            defaults={"number_digest": number.digest, "number_masked": number.masked},
        )
        matched += 1
    out.write(f"Demo e-ID: {provider.issuer}, {matched} test identities.")


def configure_local_provider(issuer: str) -> OIDCProvider:
    """Register the portal with the local test provider at ``issuer``."""
    issuer = issuer.rstrip("/")
    provider, _created = OIDCProvider.objects.update_or_create(
        slug="lokal-e-legitimation",
        defaults={
            "name": "lokal test-e-legitimation",
            "kind": OIDCProvider.Kind.EID,
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/auth",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/me",
            "jwks_endpoint": f"{issuer}/jwks",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "creates_accounts": True,
        },
    )
    return provider
