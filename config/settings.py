"""Sozialraum settings: every value comes from the environment (see README, "Configuration").

There is one settings module for every environment. Optional integrations are switched on by
one variable each; values that cannot be parsed stop start-up with the variable's name.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.env import env_bool, env_choice, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY (or SECRET_KEY_FILE) is required; `make run` and `make test` set one."
    )
# The access log's hash chain key (sozialraum/audit/chain.py). Set ACCESS_LOG_KEY (or
# ACCESS_LOG_KEY_FILE) so the chain survives a SECRET_KEY rotation; without it the key is
# derived from SECRET_KEY.
ACCESS_LOG_KEY = (
    env_secret("ACCESS_LOG_KEY")
    or hmac.new(SECRET_KEY.encode(), b"sozialraum access log chain", hashlib.sha256).hexdigest()
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    "sozialraum.lib",
    "sozialraum.districts",
    "sozialraum.addresses",
    "sozialraum.directory",
    "sozialraum.accounts",
    "sozialraum.audit",
    "sozialraum.casework",
    "sozialraum.networkmap",
    "sozialraum.plan",
    "sozialraum.neighbourhood",
    "sozialraum.civic",
    "sozialraum.barriers",
    "sozialraum.earlywarning",
    "sozialraum.teamwork",
    "sozialraum.budgets",
    "sozialraum.planning",
    "sozialraum.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sozialraum.accounts.middleware.PrivacyHeadersMiddleware",
    "sozialraum.lib.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous visitors' pages (after CSRF, whose cookie it relies on; before the rest).
    "sozialraum.lib.page_cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sozialraum.accounts.middleware.OTPMiddleware",
    "sozialraum.accounts.middleware.SessionLifetimeMiddleware",
    "sozialraum.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sozialraum.accounts.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'sozialraum.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the
    # start of a transaction, so a second writer waits up to the timeout instead of failing
    # halfway with "database is locked".
    # Reads go through a memory map of the file (shared by all connections through the
    # operating system's page cache: a new connection per request starts warm) and a
    # per-connection page cache; both matter for the search's index lookups.
    _sqlite_mmap = env_int("SQLITE_MMAP_MB", 1024, minimum=0) * 1024 * 1024
    _sqlite_cache = env_int("SQLITE_CACHE_MB", 64, minimum=1) * 1024
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20, minimum=1),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA mmap_size={_sqlite_mmap}; PRAGMA cache_size=-{_sqlite_cache};"
        ),
    }
    # Connections are kept between requests (CONN_MAX_AGE 60, as on PostgreSQL): opening
    # one runs the PRAGMAs above, 10-20 ms per request (bench/bench_pages.py).
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "POSTGRES_JIT", False
):
    # The search's statements stop early (LIMIT) after a few index lookups, but the planner
    # costs them as if they read everything, so PostgreSQL's JIT would compile them: 20 ms
    # and more spent on machine code for a 2 ms statement.
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options["options"] = f"{_pg_options.get('options', '')} -c jit=off".strip()
# A read replica of the default database (PostgreSQL streaming replication): the planning
# dashboard's aggregate reads go there (sozialraum/lib/replica.py), everything else to
# default. In tests it mirrors default (no database of its own is created).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    if DATABASES["replica"]["ENGINE"] == DATABASES["default"]["ENGINE"]:
        DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["sozialraum.lib.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------------
# Per process. "pages": anonymous visitors' pages (sozialraum/lib/page_cache.py), each kept
# PAGE_CACHE_SECONDS at most (0: off) and dropped at once by any write to public data.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60, minimum=0)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 500, minimum=1)},
    },
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend reading the signed-in user by one plain statement.
    "sozialraum.accounts.backends.UserReadingBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "districts:index"

# Login throttling: the lock is on the pair (user name, address), so failures against one
# account from one office address do not lock out colleagues behind the same address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Sozialraum")

# Sessions: idle timeout and absolute lifetime, both enforced by SessionLifetimeMiddleware.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_MAX_HOURS", 10, minimum=1) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
# Django's database sessions, read by one plain statement (sozialraum/accounts/sessions.py).
SESSION_ENGINE = "sozialraum.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- HTTPS and headers ----------------------------------------------------------------------
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Mail -----------------------------------------------------------------------------------
_MAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _MAIL_BACKENDS[env_choice("EMAIL_BACKEND", tuple(_MAIL_BACKENDS), "console")]
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sozialraum <noreply@localhost>")

# --- Ideas for the district (Mitmach-Kommune) -----------------------------------------------
# Supports at which an idea is flagged for the planning office.
CIVIC_SUPPORT_THRESHOLD = env_int("CIVIC_SUPPORT_THRESHOLD", 10, minimum=1)

# --- Disclosure control of published figures (sozialraum/lib/disclosure.py) --------------------
# Counts from 1 to DISCLOSURE_MIN_COUNT - 1 are suppressed (zeros are published); a sum is
# suppressed when its DISCLOSURE_DOMINANCE_N largest contributors make up more than
# DISCLOSURE_DOMINANCE_PERCENT per cent of it (100 switches the dominance rule off).
DISCLOSURE_MIN_COUNT = env_int("DISCLOSURE_MIN_COUNT", 3, minimum=2)
DISCLOSURE_DOMINANCE_N = env_int("DISCLOSURE_DOMINANCE_N", 2, minimum=1)
DISCLOSURE_DOMINANCE_PERCENT = env_int("DISCLOSURE_DOMINANCE_PERCENT", 85, minimum=50)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
# Leichte Sprache (easy-to-read German) is a third language: its catalogue
# (locale/de_LS) holds the public and residents' pages' texts; every string it lacks falls
# back to standard German (gettext tries de_LS, then de). Pages carry lang="de-x-ls".
LANGUAGE_EASY = "de-ls"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English")), (LANGUAGE_EASY, _("Leichte Sprache"))]
LANG_INFO[LANGUAGE_EASY] = {
    "bidi": False,
    "code": LANGUAGE_EASY,
    "name": "German (easy to read)",
    "name_local": "Leichte Sprache",
}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# STATIC_MANIFEST=true serves hashed, compressed, long-cacheable files; it needs
# `collectstatic` first (make run does both).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Maps -----------------------------------------------------------------------------------
# Empty: maps draw district shapes on a plain background and need no tile server.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")

# --- Domain ---------------------------------------------------------------------------------
PROJECTION_TARGET_YEAR = env_int("PROJECTION_TARGET_YEAR", 2036, minimum=2000)
# Offers unconfirmed by their provider for longer are flagged to it and hidden from residents.
OFFER_STALE_DAYS = env_int("OFFER_STALE_DAYS", 365, minimum=1)
# The Land written into every HSDS address (HSDS requires one; our places carry none).
HSDS_STATE_PROVINCE = env_str("HSDS_STATE_PROVINCE", "Schleswig-Holstein")
# Closed cases are deleted this many days after closing (casework_purge_closed).
CASEWORK_RETENTION_DAYS = env_int("CASEWORK_RETENTION_DAYS", 3650, minimum=1)
# The shipped public data (flensburg/, kiel/): the import commands' default input.
DEMO_DATA_DIR = BASE_DIR / "sozialraum" / "demo" / "data"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_error_without_traceback": {
            "()": "sozialraum.lib.log_filters.ClientErrorWithoutTraceback"
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # A refused request (403) or a missing page (404) logs one line, no traceback.
    "loggers": {"django.request": {"filters": ["client_error_without_traceback"]}},
}
