"""The embedded default: SQLite, background tasks in-process, e-mail to the console, demo data."""

from .base import *  # noqa: F401

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: S105
DEMO_MODE = env.bool("DEMO_MODE", default=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The demo's loader (manage.py load_demo); never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
