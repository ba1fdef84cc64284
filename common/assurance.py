"""How sure we are of who is signed in: the level of assurance (tillitsnivå, 1-4) of the session's
login. Actions that bind an organisation (submitting, signing, terminating) need BINDING_ASSURANCE.

A login through an OpenID provider records its level in the session (identity.services); a
session without one (a password login) counts as ``password_login_assurance()``: level 1, or in
the demo only (DEMO_MODE) settings.PASSWORD_LOGIN_ASSURANCE, which production refuses above 1.
"""

from django.conf import settings

ASSURANCE_SESSION_KEY = "identity.assurance"
BINDING_ASSURANCE = 3


def password_login_assurance() -> int:
    """The level a password login counts as."""
    return settings.PASSWORD_LOGIN_ASSURANCE if settings.DEMO_MODE else 1


def assurance_level(request) -> int:
    level = request.session.get(ASSURANCE_SESSION_KEY)
    if level is None:
        return password_login_assurance()
    return int(level)


def may_bind(request) -> bool:
    """Whether this session may take an action that binds an organisation."""
    return assurance_level(request) >= BINDING_ASSURANCE
