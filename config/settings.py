"""Rendezvous settings: one module, read from the environment.

Every value has a default that makes a fresh checkout work on SQLite with mail
printed to the console; production sets the variables listed in the README.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules


def envbool(name: str, default: bool) -> bool:
    value = os.getenv(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.getenv(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


# How many proxies in front of us append to X-Forwarded-For (0: trust the socket only).
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", 0)


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# `make run` serves on $PORT; links in emails and pages follow it unless SITE_URL is set.
PORT = envint("PORT", 8000)
SITE_URL = os.getenv("SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
SITE_NAME = os.getenv("SITE_NAME", "Rendezvous")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "anymail",
    "django_tasks_db",
    "axes",
    "accounts",
    "schedules",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.OwnerTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, so it sees logins that failed anywhere above (the web form and the JWT login).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.csp",
                "config.context_processors.site",
            ],
        },
    },
    {
        # Plain-text emails: the same templates directory without HTML escaping.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so writers queue up instead of
    # failing mid-transaction; together with re-checks inside the transaction
    # this serializes everything that writes to an owner's agenda.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not :memory:, so threads in concurrency tests see one database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account and address first
    "accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "office:index"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# How long a signup confirmation link stays valid.
EMAIL_CONFIRMATION_TIMEOUT = timedelta(hours=envint("EMAIL_CONFIRMATION_HOURS", 48))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Cache (throttle and rate-limit counters live here): Redis when REDIS_URL is set, else
# the database, so every process and worker shares one count; tests use local memory.
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rendezvous_cache",  # `manage.py createcachetable` makes it
        }
    }

# Email. Django 6.1 configures mail through MAILERS; the conventional
# EMAIL_BACKEND / EMAIL_FILE_PATH environment variables are mapped onto it.
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Rendezvous <noreply@rendezvous.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_mail_backend = os.getenv("EMAIL_BACKEND", "config.mail_backends.ReadableConsoleBackend")
_mail_options: dict[str, object] = {}
if os.getenv("EMAIL_FILE_PATH"):
    _mail_options["file_path"] = os.getenv("EMAIL_FILE_PATH")
if _mail_backend == "django.core.mail.backends.smtp.EmailBackend":
    _mail_options |= {
        "host": os.getenv("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 587),
        "username": os.getenv("EMAIL_HOST_USER", ""),
        "password": os.getenv("EMAIL_HOST_PASSWORD", ""),
        "use_tls": envbool("EMAIL_USE_TLS", True),
        "timeout": envint("EMAIL_TIMEOUT", 30),
    }
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
# django-anymail: every ANYMAIL_<NAME> variable becomes ANYMAIL["<NAME>"], e.g.
# ANYMAIL_POSTMARK_SERVER_TOKEN with EMAIL_BACKEND=anymail.backends.postmark.EmailBackend.
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_")
}

# Background tasks (mail, reminders): the database backend, worked by `manage.py db_worker`
# (which `make run` starts beside the server), so no request waits on a mail service.
# Tests run them immediately, in-process.
TASKS = {
    "default": {
        "BACKEND": os.getenv(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}
EMAIL_MAX_ATTEMPTS = envint("EMAIL_MAX_ATTEMPTS", 5)
# Invitations, reminders and booking-link emails an owner may send a day (all paths).
EMAIL_QUOTA_PER_DAY = envint("EMAIL_QUOTA_PER_DAY", 100)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.errors.exception_handler",
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "login": os.getenv("THROTTLE_LOGIN", "20/min"),
        "signup": os.getenv("THROTTLE_SIGNUP", "10/min"),
        "public": os.getenv("THROTTLE_PUBLIC", "120/min"),
        "invite": os.getenv("THROTTLE_INVITE", "20/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
if TESTING:
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = dict.fromkeys(
        REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    )

# Web forms that mail someone or create accounts (django-ratelimit, counted in the cache).
RATELIMIT_ENABLE = not TESTING
RATELIMIT_VIEW = "config.throttling.too_many"
WEB_RATES = {
    "signup": os.getenv("THROTTLE_WEB_SIGNUP", "5/h"),
    "password_reset": os.getenv("THROTTLE_PASSWORD_RESET", "5/h"),
    "resend": os.getenv("THROTTLE_RESEND", "5/h"),
}

# Login lockout (django-axes): 5 failures for one account from one address, or from one
# address at all, lock it for AXES_COOLOFF_TIME; on the web form and the JWT login alike.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.throttling.client_ip"
AXES_USERNAME_CALLABLE = "config.throttling.login_account"
AXES_LOCKOUT_CALLABLE = "config.throttling.login_locked"
AXES_VERBOSE = False

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=envint("JWT_ACCESS_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=envint("JWT_REFRESH_DAYS", 7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    # Access tokens carry a hash of the password: changing it ends them (refresh tokens
    # are blacklisted by accounts.services.user_tokens_revoke).
    "CHECK_REVOKE_TOKEN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Rendezvous API",
    "DESCRIPTION": (
        "Scheduling for people who meet people: 1-on-1 rounds, booking pages and "
        "one agenda that cannot be double-booked."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Serve Swagger UI's assets ourselves: the docs work offline and load nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # "Remember me" keeps the session two weeks.

# Production hardening: on whenever DEBUG is off, each switchable for a proxy setup.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy on every response: our own scripts and styles only, nothing from
# another origin, no inline script (pages hand data over as JSON, not code).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR" if TESTING else "WARNING"},
        # Every task's start and finish is INFO; failures are still logged.
        "django.tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # it logs every failed login at INFO
        "django_tasks_db": {"level": "WARNING"},  # and the worker every task it runs
    },
}
