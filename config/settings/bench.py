"""Benchmarks (bench/): production-like (DEBUG off, persistent connections, PostgreSQL,
Redis-backed Celery) but on this machine over plain HTTP, with the bench-only minimal flow."""

from .base import *  # noqa: F401

SECRET_KEY = env("DJANGO_SECRET_KEY", default="bench-only-not-secret")
DEBUG = False
# Submitting asks for a level-3 login (common/assurance.py); the benchmark's members log in with
# the bench password, which counts as level 3 only in demo mode, as in the tests.
DEMO_MODE = True
PASSWORD_LOGIN_ASSURANCE = 3
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default="postgres://postgres:ci-only-password@127.0.0.1:5432/samverkan_bench",
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# The generator drives the sample cases through the real pages with Django's test client.
REQUIRE_STAFF_OTP = False
# Every benchmark user logs in with the one bench password; lockouts would only get in the way.
AXES_ENABLED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["default"]["OPTIONS"]["location"] = env.path(
    "PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "bench-private"
)
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING["root"]["level"] = "ERROR"
# The minimal flow that a domain task's completion is compared with; the demo register that the
# generator starts from (bench/generate/world.py).
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "bench.minimal"]
ROOT_URLCONF = "bench.minimal.urls"
