"""How sure we are of who is signed in: the level of assurance (tillitsnivå, 1-4) of the session's
login. Actions that bind an organisation (submitting, signing, terminating) need BINDING_ASSURANCE.

The login records the level in the session; a session without one (a password login) counts as
settings.PASSWORD_LOGIN_ASSURANCE.
"""

from django.conf import settings

ASSURANCE_SESSION_KEY = "identity.assurance"
BINDING_ASSURANCE = 3


def assurance_level(request) -> int:
    level = request.session.get(ASSURANCE_SESSION_KEY)
    if level is None:
        return settings.PASSWORD_LOGIN_ASSURANCE
    return int(level)


def may_bind(request) -> bool:
    """Whether this session may take an action that binds an organisation."""
    return assurance_level(request) >= BINDING_ASSURANCE
