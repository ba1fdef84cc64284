"""Test settings: SQLite by default; PostgreSQL and Redis when DATABASE_URL and
CELERY_BROKER_URL are set."""

import os

from .base import *  # noqa: F401

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
DEMO_MODE = True
# In the demo only, a password login counts as level 3 and the login page says so.
PASSWORD_LOGIN_ASSURANCE = 3
# The local OpenID Provider with test identities (identity/provider; demo/identity.py).
DEMO_OIDC_ISSUER = env("DEMO_OIDC_ISSUER", default="http://127.0.0.1:9090")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file database, so that threads and a live server share it; one per test run, so that
    # runs side by side do not share it.
    _TEST_DB = str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")
    DATABASES["default"]["NAME"] = _TEST_DB
    DATABASES["default"]["TEST"] = {"NAME": _TEST_DB}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # pytest-django empties tables with TRUNCATE between transactional tests; the audit log
    # refuses that everywhere else (casework migration 0005).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c samverkan.audit_truncate=allow"
# One folder of files per pytest-xdist worker: each has its own database, whose case numbers
# (and so file names) are the same as the other workers'.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
STORAGES["default"]["OPTIONS"]["location"] = BASE_DIR / "var" / f"test-private{_WORKER}"
EARCHIVE_DIR = BASE_DIR / "var" / f"test-earchive{_WORKER}"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
AXES_ENABLED = True
CELERY_TASK_ALWAYS_EAGER = True  # tests that need a real worker start one (celery_worker marker)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Test-only flows (e.g. tests/workflows/test_celery_job.py) must live in an installed app; the
# demo's loader (tests/demo) is installed here as in the local settings.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "tests"]
# Signing by click unless a test starts the local signing service and its PKI (tests/signing.py).
SIGNING_SERVICE = ""
SIGNING_PKI_DIR = BASE_DIR / "var" / f"test-pki{_WORKER}"
