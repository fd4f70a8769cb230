"""The one settings module. Everything that differs between machines comes from the environment.

Defaults are safe for production: DEBUG off, no secret key, only local hosts. The `alongside`
command supplies a generated secret for the demo (see cli.py)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from alongside.lib.env import env_bool, env_list, env_secret

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ALONGSIDE_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set SECRET_KEY or SECRET_KEY_FILE; the `alongside` command "
        "generates one for a local demo."
    )
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "alongside.practice_model",
    "alongside.people",
    "alongside.workforce",
    "alongside.journey",
    "alongside.access",
    "alongside.story",
    "alongside.assessments",
    "alongside.plans",
    "alongside.timescales",
    "alongside.handovers",
    "alongside.supervision",
    "alongside.quality",
    "alongside.observations",
    "alongside.pulse",
    "alongside.training",
    "alongside.complaints",
    "alongside.partners",
    "alongside.portal",
    "alongside.returns",
    "alongside.insight",
    "alongside.demo",
    "alongside.backups",
    "alongside.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "alongside.access.two_factor.TwoFactorMiddleware",
    "alongside.web.middleware.FamilyLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "alongside.web.middleware.NoStoreMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alongside.urls"
WSGI_APPLICATION = "alongside.wsgi.application"

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
                "alongside.web.context_processors.navigation",
            ],
        },
    },
]

# SQLite is the embedded default (demo, tests); DATABASE_URL selects PostgreSQL for real use.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'alongside.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE stops "database is locked" on write upgrades; WAL lets readers run beside a writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Single sign-on (OIDC) is on when a client id is configured; docs/operations.md says how.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
ALONGSIDE_OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET") or ""
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
# Staff accounts are created by the LA, never by signing in: single sign-on only matches them.
OIDC_CREATE_USER = False
OIDC_LABEL = os.environ.get("OIDC_LABEL", "your council account")

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out user is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "alongside.access.backends.AlongsideBackend",
]
if ALONGSIDE_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("alongside.access.oidc.StaffOIDCBackend")

# Argon2id first (OWASP's recommendation); PBKDF2 kept so older hashes still verify and upgrade.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Throttling sign-in (django-axes): five failures for one username from one address lock it for
# 15 minutes; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy, the client's address comes from X-Forwarded-For (docs/operations.md).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_bool("ALONGSIDE_BEHIND_PROXY") else ["REMOTE_ADDR"]
)

# Two-factor sign-in for staff (TOTP): optional per person, or required for all staff.
ALONGSIDE_REQUIRE_TWO_FACTOR = env_bool("ALONGSIDE_REQUIRE_TWO_FACTOR", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Alongside")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS settings are on unless this is a local demo (only local hosts, DEBUG off or on).
_LOCAL_ONLY = set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not _LOCAL_ONLY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not _LOCAL_ONLY)
# Health checks come from inside the container or a load balancer, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if _LOCAL_ONLY else "31536000"))
# includeSubDomains covers only hosts under Alongside's own (e.g. *.alongside.council.gov.uk), never
# the rest of the council's domain, so it is safe on by default.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not _LOCAL_ONLY)
# Preloading is decided for a council's whole (apex) domain, not by one service on a subdomain.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("ALONGSIDE_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): our own files only; the one inline script carries a nonce.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
# Family pages can be read in English or Polish (the most common main language in England after
# English, 2021 census); staff and partner pages are in English, the record's language.
LANGUAGES = [("en-gb", "English"), ("pl", "Polski")]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The container image collects static files at build time, outside the data volume, so a new image
# brings its own files instead of finding last release's in the volume.
STATIC_ROOT = Path(os.environ.get("ALONGSIDE_STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the package so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# ALONGSIDE_LOG_FORMAT=json writes one JSON object per line (timestamp, level, logger, message,
# exc_info) for a log collector to parse; the default is plain text for people reading a terminal.
LOG_FORMAT = os.environ.get("ALONGSIDE_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

ALONGSIDE_SERVICE_NAME = os.environ.get("ALONGSIDE_SERVICE_NAME", "Alongside")
ALONGSIDE_PHASE = os.environ.get("ALONGSIDE_PHASE", "Alpha")
# The LA's operating model (YAML). Default: the demo's, shipped in the package.
ALONGSIDE_OPERATING_MODEL = os.environ.get("ALONGSIDE_OPERATING_MODEL") or None

# Uploads to the story: a size limit, and a virus-scan hook (a dotted path to a function taking the
# file's bytes and returning (clean, detail)); the default only recognises the EICAR test file.
ALONGSIDE_MAX_UPLOAD_MB = int(os.environ.get("ALONGSIDE_MAX_UPLOAD_MB", "20"))
# How invitations and sign-in links reach families (portal/senders.py). A demo database always
# shows them on screen instead.
ALONGSIDE_MESSAGE_SENDER = os.environ.get("ALONGSIDE_MESSAGE_SENDER", "alongside.portal.senders.EmailSender")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@alongside.invalid")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
ALONGSIDE_VIRUS_SCANNER = os.environ.get("ALONGSIDE_VIRUS_SCANNER", "alongside.story.services.eicar_only")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Finished story entries never change, so their rendered HTML is cached (keyed on the entry, its
# version and its number of corrections). Per process by default; a shared cache suits several servers.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("ALONGSIDE_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("ALONGSIDE_CACHE_LOCATION", "alongside"),
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }
}

# Background work (statutory returns) runs in the database-backed task queue: `alongside serve`
# starts a worker beside the web server; a larger deployment runs `alongside db_worker` on its own.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
