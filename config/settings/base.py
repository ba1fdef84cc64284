"""Settings shared by every environment. Values that differ per site come from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from common import limits

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The city that runs this installation: shown in the page header and in documents.
CITY_NAME = env("CITY_NAME", default="Malmö stad")
# The municipality's organisation number: it is one legal person, whichever boards act for it
# (an IOP agreement names it once, through the boards that decided).
CITY_ORGANISATION_NUMBER = env("CITY_ORGANISATION_NUMBER", default="212000-1124")
# Where the municipality's decisions are appealed by laglighetsprövning (kommunallagen 13 kap.):
# the administrative court of its district, with the postal address appeals are sent to, and
# where its official notice board (anslagstavla) is found. Named in every decision letter.
APPEAL_COURT = env("APPEAL_COURT", default="Förvaltningsrätten i Malmö")
APPEAL_COURT_ADDRESS = env("APPEAL_COURT_ADDRESS", default="Box 4522, 203 20 Malmö")
NOTICE_BOARD = env("NOTICE_BOARD", default="malmo.se/anslagstavla")

# The city's bankgiro for repayments, named in repayment claim letters; empty: an invoice follows.
CITY_BANKGIRO = env("CITY_BANKGIRO", default="")

INSTALLED_APPS = [
    # First: its runserver replaces staticfiles' one (config/management/commands/runserver.py).
    "config.apps.ProjectConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "config.apps.StaticFilesConfig",
    "django.contrib.humanize",
    "django_fsm",
    "viewflow",
    "viewflow.workflow",
    "config.apps.AxesConfig",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "organisations",
    "casework",
    "documents",
    "partnerships",
    "funding",
    "workflows",
    "notifications",
    "followup",
    "openness",
    "api",
    "accessibility",
    "privacy",
    "registry",
    "earchive",
    "records",
    "cooperation",
    "identity",
]

MIDDLEWARE = [
    # First: /health/live/ and /health/ready/ answer before sessions, login and host checks.
    "config.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.caching.NoStoreWhenSignedInMiddleware",
    "config.language.ChosenLanguageMiddleware",
    "common.sessions.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.two_factor.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "config.site.SiteShellMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casework.context_processors.portal",
                "config.context_processors.shell",
                "notifications.context_processors.unread",
            ],
            "libraries": {"dates": "common.dates", "money": "common.money"},
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Behind PgBouncer in transaction mode (docs/deployment.md): each transaction may run on another
# server connection, so nothing may outlive one: no server-side cursors (``iterator()`` reads
# through a client-side cursor) and no prepared statements (psycopg 3 prepares a query after a
# few runs of it on one connection). `migrate` connects to PostgreSQL directly.
DATABASE_TRANSACTION_POOLER = env.bool("DATABASE_TRANSACTION_POOLER", default=False)
if DATABASE_TRANSACTION_POOLER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "organisations.backends.RoleBackend",
    # OpenID Connect login, per provider configured in the admin (identity.models.OIDCProvider).
    "identity.backends.ProviderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures from one address, or for one username from one address, lock
# that address (or that pair) out for 30 minutes; an attacker elsewhere cannot lock a member out.
# The address is the client's own behind the reverse proxies named in TRUSTED_PROXIES
# (common/client.py); an administrator releases a lock-out by deleting the attempts in the admin.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "common.client.client_address"
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_RESET_ON_SUCCESS = True
# Attempts are counted in the database every host shares (production refuses another handler
# when DEPLOYMENT_HOSTS is multi).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "translations" / "viewflow"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded and generated files live outside any served directory; every download goes
    # through a permission-checked view.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private"),
            "base_url": None,
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Where ``manage.py export_sip`` writes the e-archive packages unless told otherwise.
EARCHIVE_DIR = env.path("EARCHIVE_DIR", default=BASE_DIR / "var" / "earchive")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The virus scanner every upload passes before it is stored (common.scanning): ClamAV's clamd at
# tcp://host:port or a Unix socket (unix:///run/clamav/clamd.ctl). Production refuses to start
# without it; without it elsewhere files are stored unscanned (system check common.W001).
CLAMAV_ADDRESS = env("CLAMAV_ADDRESS", default="")
CLAMAV_TIMEOUT = env.float("CLAMAV_TIMEOUT", default=30.0)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Links in e-mails point here.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="samverkansportalen@localhost")
# Where people report accessibility problems (the DOS law requires a way to report them).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="tillganglighet@malmo.se")
# The data protection officer the privacy notice names (GDPR art. 13.1 b).
DATA_PROTECTION_OFFICER_EMAIL = env(
    "DATA_PROTECTION_OFFICER_EMAIL", default="dataskyddsombud@malmo.se"
)

# Background work: Redis in production; in-process (eager) in the embedded default.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# A worker child is replaced once it holds more than this after a task, and may not grow beyond
# it during one (config/celery.py): a render that needs more stops with a recorded failure.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = limits.RENDER_MEMORY_MB * 1024  # kilobytes
# A task whose worker died unacknowledged is delivered again after this many seconds; keep it
# longer than the longest task (a large document takes seconds, not minutes).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
}

# Spent one-time form tokens (common.once) live here: in production a cache shared by every
# worker (Redis), in the embedded default the process's memory.
CACHE_URL = env("CACHE_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # The page shell's menus, rendered once per role and language (templates/base.html). Each
    # process keeps its own: they hold nothing personal, and a new release starts empty.
    "shell": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shell"},
}

# How many hosts run this installation: "single" (one machine) or "multi" (several web or worker
# hosts). With "multi" production refuses every store one process or one host keeps for itself
# (config/settings/production.py, docs/deployment.md): sessions, one-time tokens, login
# throttling and the cache live in PostgreSQL and Redis, private files on storage every host
# mounts (PRIVATE_MEDIA_ROOT).
DEPLOYMENT_HOSTS = env("DEPLOYMENT_HOSTS", default="single")

# Demo accounts (password "demo") exist only where this is switched on.
DEMO_MODE = env.bool("DEMO_MODE", default=False)
# The level of assurance a password login counts as (common/assurance.py): 1, unless DEMO_MODE
# declares more (the local and test settings declare 3); production refuses more than 1.
PASSWORD_LOGIN_ASSURANCE = env.int("PASSWORD_LOGIN_ASSURANCE", default=1)
# Off: the login page offers only e-ID and single sign-on (identity.views.LoginView).
PASSWORD_LOGIN_ENABLED = env.bool("PASSWORD_LOGIN_ENABLED", default=True)
# The key of the hash a personal identity number is matched by (identity.claims); empty: the
# SECRET_KEY. Changing it unlinks every account from its number until the next e-ID login.
IDENTITY_NUMBER_KEY = env("IDENTITY_NUMBER_KEY", default="")
# mozilla-django-oidc: what is the same for every provider (the rest: identity.models).
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:callback"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10

# Sessions live in the database every host shares (production refuses another engine when
# DEPLOYMENT_HOSTS is multi).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# A session ends after this many seconds without a request (common.sessions).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
# Staff roles and administrators enter a TOTP code after their password (organisations.two_factor).
# On in production; off here so that the demo and the tests log in with a password alone.
REQUIRE_STAFF_OTP = env.bool("REQUIRE_STAFF_OTP", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default=f"Samverkansportalen {CITY_NAME}")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The viewflow pages use style attributes and load their scripts from static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    # WeasyPrint reports each step of parsing its own stylesheets at INFO, in every process
    # that imports it (the web, the worker, beat, each management command).
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/")

# Exactly one beat is active however many are started: celery-redbeat keeps the schedule and a
# lock in Redis (the broker's, unless CELERY_REDBEAT_REDIS_URL names another). A second beat
# waits for the lock and takes over at most CELERY_BEAT_LOCK_TIMEOUT seconds after the first
# stopped renewing it; the lock is renewed at least every CELERY_BEAT_MAX_INTERVAL seconds.
CELERY_BEAT_SCHEDULER = "redbeat.RedBeatScheduler"
CELERY_REDBEAT_REDIS_URL = env("CELERY_REDBEAT_REDIS_URL", default=CELERY_BROKER_URL)
CELERY_REDBEAT_REDIS_OPTIONS = {}
CELERY_REDBEAT_KEY_PREFIX = env("CELERY_REDBEAT_KEY_PREFIX", default="redbeat:")
CELERY_BEAT_MAX_LOOP_INTERVAL = env.int("CELERY_BEAT_MAX_INTERVAL", default=5)
CELERY_REDBEAT_LOCK_TIMEOUT = env.int("CELERY_BEAT_LOCK_TIMEOUT", default=30)

# Periodic work (celery beat). Without beat, run `manage.py workflow_timers` (viewflow's)
# every minute and `manage.py send_reminders` daily from cron.
CELERY_BEAT_SCHEDULE = {
    "fire-workflow-timers": {"task": "workflows.tasks.fire_workflow_timers", "schedule": 60.0},
    "send-due-reminders": {
        "task": "casework.tasks.send_due_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    "remind-event-participants": {
        "task": "cooperation.tasks.remind_event_participants",
        "schedule": 60 * 60.0,
    },
    "release-tasks-of-those-who-left": {
        "task": "workflows.tasks.release_tasks_of_those_who_left",
        "schedule": crontab(hour=2, minute=30),
    },
}

# Hand-off to the municipality's registry (diarium): each connector is on when its setting is
# set (docs/records.md, "Registry connector"). Events wait in the outbox and are delivered at
# least once, with back-off; without beat, run `manage.py deliver_registry_events` from cron.
REGISTRY_WEBHOOK_URL = env("REGISTRY_WEBHOOK_URL", default="")
REGISTRY_WEBHOOK_SECRET = env("REGISTRY_WEBHOOK_SECRET", default="")
REGISTRY_DROP_DIRECTORY = env("REGISTRY_DROP_DIRECTORY", default="")
# A callable ``(case, directory)`` that writes a closed case's archive package into the drop.
REGISTRY_PACKAGE_WRITER = env("REGISTRY_PACKAGE_WRITER", default="")
REGISTRY_TIMEOUT = env.float("REGISTRY_TIMEOUT", default=10.0)
REGISTRY_BACKOFF_SECONDS = env.int("REGISTRY_BACKOFF_SECONDS", default=30)
REGISTRY_MAX_ATTEMPTS = env.int("REGISTRY_MAX_ATTEMPTS", default=12)
CELERY_BEAT_SCHEDULE["deliver-registry-events"] = {
    "task": "registry.tasks.deliver_due_events",
    "schedule": 60.0,
}

# Read API (api/): tokens for integrations (a diarium, an e-archive, a BI tool), the session
# for people trying it in the browser. Object access is decided by the apps' policy modules.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Hashed, expiring, revocable tokens with a scope (api/models.py).
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.authentication.TokenScope",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverkansportalen read API",
    "DESCRIPTION": (
        "Cases, IOP agreements, funding decisions, payouts and documents' metadata. "
        "Authenticate with `Authorization: Token <key>`; every list and object is limited "
        "to what the token's user may see in the portal, and another organisation's object "
        "answers 404."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_error_answers",
    ],
}

# Signatures (documents/signing, docs/identity-and-signatures.md): the signing service, and the
# local test PKI of the demo and CI (certomancer; its animator serves time stamps and CRLs).
SIGNING_SERVICE = env("SIGNING_SERVICE", default="documents.signing.local.LocalSigningService")
SIGNING_PKI_DIR = env.path("SIGNING_PKI_DIR", default=BASE_DIR / "var" / "pki")
SIGNING_PKI_URL = env("SIGNING_PKI_URL", default="http://127.0.0.1:9931")
# The time-stamping authority; empty: signatures carry no time stamp (the local one when unset).
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default=None)
# The CA certificates (PEM files) a signature must chain to; empty: the local test CA.
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[])
