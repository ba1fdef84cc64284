"""The embedded default: SQLite, background tasks in-process, e-mail to the console, demo data."""

from .base import *  # noqa: F401

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: S105
DEMO_MODE = env.bool("DEMO_MODE", default=True)
# In the demo only, a password login counts as level 3 and the login page says so.
PASSWORD_LOGIN_ASSURANCE = env.int("PASSWORD_LOGIN_ASSURANCE", default=3)
# The local OpenID Provider with test identities (identity/provider; demo/identity.py).
DEMO_OIDC_ISSUER = env("DEMO_OIDC_ISSUER", default="http://127.0.0.1:9090")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The demo's loader (manage.py load_demo); never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
