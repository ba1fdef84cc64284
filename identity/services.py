"""Recording a login and what it proves in the session."""

from django.utils import timezone

from common.assurance import ASSURANCE_SESSION_KEY, password_login_assurance
from organisations.representation import representation_from_broker

from .models import LoginEvent, OIDCProvider

# The organisation number from the provider's orgAffiliation, kept for the session's actions.
ORG_AFFILIATION_SESSION_KEY = "identity.org_affiliation"


def login_record_password(*, request, user) -> LoginEvent:
    """A password login: it counts as PASSWORD_LOGIN_ASSURANCE (common.assurance)."""
    request.session.pop(ASSURANCE_SESSION_KEY, None)
    request.session.pop(ORG_AFFILIATION_SESSION_KEY, None)
    return LoginEvent.objects.create(
        user=user,
        method=LoginEvent.Method.PASSWORD,
        assurance=password_login_assurance(),
    )


def login_record_oidc(
    *, request, user, provider: OIDCProvider, assurance: int, org_affiliation: str
) -> LoginEvent:
    """A login through an OpenID provider: its level goes into the session, with the
    organisation the person acts for when the provider named one; the broker's word on that
    is their representation of the organisation for the day (organisations.representation)."""
    request.session[ASSURANCE_SESSION_KEY] = assurance
    request.session[ORG_AFFILIATION_SESSION_KEY] = org_affiliation
    if org_affiliation:
        representation_from_broker(user=user, org_affiliation=org_affiliation, at=timezone.now())
    return LoginEvent.objects.create(
        user=user,
        method=LoginEvent.Method.OIDC,
        provider=provider,
        provider_name=provider.name,
        assurance=assurance,
        org_affiliation=org_affiliation,
    )
