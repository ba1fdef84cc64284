"""Production: PostgreSQL, Redis, real e-mail; everything from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401

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
# Signatures go through the municipality's signing service (docs/identity-and-signatures.md);
# unset, a signing is recorded by click only. The local test service is refused.
SIGNING_SERVICE = env("SIGNING_SERVICE", default="")
if SIGNING_SERVICE == "documents.signing.local.LocalSigningService":
    raise ImproperlyConfigured(
        "SIGNING_SERVICE names the local test signing service: production refuses it. Name the "
        "adapter of your signing service (Inera's, or your e-ID broker's)."
    )
if env.bool("DEMO_MODE", default=False):
    raise ImproperlyConfigured(
        "DEMO_MODE is on: production refuses to start with the demo's accounts and data. "
        "Unset DEMO_MODE (the demo runs with config.settings.local)."
    )

DEBUG = False
DEMO_MODE = False
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
