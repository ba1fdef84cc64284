"""Production: PostgreSQL, Redis, real e-mail; everything from the environment."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401

_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
_SHARED_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def _kept_by_one_host():
    """What one host would keep for itself, each as the sentence that says what to set."""
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield "set DATABASE_URL to the PostgreSQL every host shares (postgres://...)."
    if not CACHE_URL.startswith(_REDIS_SCHEMES):
        yield "set CACHE_URL to the Redis every host shares (redis://host:6379/1)."
    if not CELERY_BROKER_URL.startswith((*_REDIS_SCHEMES, "amqp://", "amqps://")):
        yield "set CELERY_BROKER_URL to the Redis (or RabbitMQ) every host shares."
    if SESSION_ENGINE not in _SHARED_SESSION_ENGINES:
        yield "sessions must be kept in the database (SESSION_ENGINE db or cached_db)."
    if AXES_HANDLER != "axes.handlers.database.AxesDatabaseHandler":
        yield "login throttling must count attempts in the database (AXES_HANDLER)."
    if "PRIVATE_MEDIA_ROOT" not in os.environ:
        yield "set PRIVATE_MEDIA_ROOT to the shared file system every host mounts."
    elif Path(os.environ["PRIVATE_MEDIA_ROOT"]).resolve().is_relative_to(BASE_DIR):
        yield "PRIVATE_MEDIA_ROOT lies inside the checkout: set it to the shared file system."


if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production refuses to start without one.")

if not CACHE_URL:
    raise ImproperlyConfigured(
        "Set CACHE_URL to the Redis cache every web worker shares: production refuses to start "
        "without it, or a form sent twice to two workers would be acted on twice."
    )
if not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "Set CELERY_BROKER_URL to the broker (Redis): production refuses to start without it, "
        "or documents would be rendered inside web requests."
    )
if "TRUSTED_PROXIES" not in os.environ:
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXIES to the reverse proxy's address (e.g. 127.0.0.1): production refuses "
        "to start without it, or every login attempt would count as the proxy's."
    )
if REGISTRY_WEBHOOK_URL and len(REGISTRY_WEBHOOK_SECRET) < 32:
    raise ImproperlyConfigured(
        "Set REGISTRY_WEBHOOK_SECRET (at least 32 characters) with REGISTRY_WEBHOOK_URL: the "
        "registry checks each event's signature with it."
    )
if not CLAMAV_ADDRESS:
    raise ImproperlyConfigured(
        "Set CLAMAV_ADDRESS to the virus scanner (clamd, e.g. tcp://127.0.0.1:3310): production "
        "refuses to start without it, or uploaded files would be stored unscanned."
    )
if DEPLOYMENT_HOSTS not in ("single", "multi"):
    raise ImproperlyConfigured('Set DEPLOYMENT_HOSTS to "single" (one machine) or "multi".')
if DEPLOYMENT_HOSTS == "multi" and (_refusals := list(_kept_by_one_host())):
    raise ImproperlyConfigured(
        "DEPLOYMENT_HOSTS is multi: production refuses to start a host of several with a store "
        "the others cannot see (docs/deployment.md): " + " ".join(_refusals)
    )
if not CELERY_REDBEAT_REDIS_URL.startswith(_REDIS_SCHEMES):
    raise ImproperlyConfigured(
        "Set CELERY_REDBEAT_REDIS_URL to a Redis (redis://host:6379/0): the scheduler keeps its "
        "schedule and the lock that lets only one beat run there; it defaults to the broker's."
    )
# Signatures go through the municipality's signing service (docs/identity-and-signatures.md);
# unset, a signing is recorded by click only. The local test service is refused.
SIGNING_SERVICE = env("SIGNING_SERVICE", default="")
if SIGNING_SERVICE == "documents.signing.local.LocalSigningService":
    raise ImproperlyConfigured(
        "SIGNING_SERVICE names the local test signing service: production refuses it. Name the "
        "adapter of your signing service (Inera's, or your e-ID broker's)."
    )
# The roots the signatures received are validated against: the signing service's CAs and its
# time-stamping authority's, as PEM files (never the local test CA).
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[])
if SIGNING_SERVICE and not SIGNING_TRUST_ROOTS:
    raise ImproperlyConfigured(
        "SIGNING_SERVICE is set but SIGNING_TRUST_ROOTS is not: production refuses to validate "
        "signatures against the local test CA. Set it to the PEM files of your signing "
        "service's root certificates (and its time-stamping authority's), comma-separated."
    )
if _unreadable := [p for p in SIGNING_TRUST_ROOTS if not os.access(p, os.R_OK)]:
    raise ImproperlyConfigured(
        "SIGNING_TRUST_ROOTS names files production cannot read: " + ", ".join(_unreadable)
    )
if env.bool("DEMO_MODE", default=False):
    raise ImproperlyConfigured(
        "DEMO_MODE is on: production refuses to start with the demo's accounts and data. "
        "Unset DEMO_MODE (the demo runs with config.settings.local)."
    )
if env.int("PASSWORD_LOGIN_ASSURANCE", default=1) > 1:
    raise ImproperlyConfigured(
        "PASSWORD_LOGIN_ASSURANCE is above 1: production refuses to count a password login as "
        "an e-ID login. Unset it; binding acts need a login with e-ID (level 3)."
    )

DEBUG = False
DEMO_MODE = False
PASSWORD_LOGIN_ASSURANCE = 1
REQUIRE_STAFF_OTP = env.bool("REQUIRE_STAFF_OTP", default=True)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")
