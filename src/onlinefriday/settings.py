"""One settings module, driven by the environment.

With no variables set it is the embedded default: SQLite in WAL mode and a file-backed task queue
under ``var/``, local-memory cache, e-mail to the console. Production sets ``DATABASE_URL``
(PostgreSQL), ``REDIS_URL``, ``CELERY_BROKER_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``HTTPS``.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ONLINEFRIDAY_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def embedded_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts of the embedded server."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or embedded_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs page's assets locally instead of from a CDN
    "axes",
    "django_countries",  # its catalogue names countries in Vietnamese
    "onlinefriday.core",
    "onlinefriday.accounts",
    "onlinefriday.festivals",
    "onlinefriday.merchants",
    "onlinefriday.deals",
    "onlinefriday.moderation",
    "onlinefriday.storefront",
    "onlinefriday.tracking",
    "onlinefriday.compliance",
    "onlinefriday.demo",
    "onlinefriday.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "onlinefriday.core.security.ContentSecurityPolicyMiddleware",
    "onlinefriday.tracking.middleware.ClickOutMiddleware",  # before the rest: clicks need none
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # answers with RATELIMIT_VIEW (429)
]

ROOT_URLCONF = "onlinefriday.urls"
WSGI_APPLICATION = "onlinefriday.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- API: a validate call carries up to 1,000 deals with their price histories, several MB of
# JSON that Django's default limit (2.5 MB) would refuse; a larger body is answered 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 2**20
if os.environ.get("API_RATE_LIMIT"):  # e.g. "600/min"; default in onlinefriday.api.auth
    API_RATE_LIMIT = os.environ["API_RATE_LIMIT"]

# --- Database: SQLite (WAL) under var/ unless DATABASE_URL says otherwise
DATABASE_URL = os.environ.get("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            # Kept between requests, as on PostgreSQL: opening one (its pragmas, the search
            # index's functions) cost a click-out more than everything else it did.
            "CONN_MAX_AGE": 60,
        }
    }
# SQLite pages read through memory mapped by the system (up to SQLite's 2 GB), shared by every
# process, instead of copied by a read() each: a million deals' searches took a third less
# (docs/benchmarks.md). Import jobs and the demo load map nothing (core.bulk.database_not_mapped).
SQLITE_MMAP_BYTES = 2_147_418_112
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers go on while one writer writes; IMMEDIATE avoids upgrade deadlocks.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA mmap_size={SQLITE_MMAP_BYTES};"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # A file, not memory, so that a real worker process can share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Our queries are short and stop early (LIMIT): compiling one (JIT) or starting parallel
    # workers for it costs more than it saves, 10 to 30 ms where the query takes 5 to 40
    # (docs/benchmarks.md). Options given in DATABASE_URL come after, and win.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(
        ("-c jit=off -c max_parallel_workers_per_gather=0", options.get("options", ""))
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "onlinefriday.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # A file cache is shared by every web worker on the host: rate limits count across them.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

# --- Shopper pages (home, category, platform, deal): seconds a shared copy is served for
# (onlinefriday.core.page_cache); a deal's change of state renews them all at once.
STOREFRONT_CACHE_SECONDS = int(os.environ.get("STOREFRONT_CACHE_SECONDS", "5"))

# --- Shoppers: distinct reporters that take a deal off the site until a moderator decides;
# clicks journalled per web process (without Redis) and flushed to the database this often.
DEAL_REPORTS_TO_HIDE = int(os.environ.get("DEAL_REPORTS_TO_HIDE", "5"))
CLICK_JOURNAL_DIR = VAR_DIR / "clicks"
CLICK_FLUSH_SECONDS = float(os.environ.get("CLICK_FLUSH_SECONDS", "5"))

# --- Background work: one Celery app; the embedded broker keeps queued tasks in SQLite
EMBEDDED_BROKER_URL = f"sqla+sqlite:///{VAR_DIR / 'tasks.sqlite3'}"


def next_redis_database(url: str) -> str:
    """The same Redis server's next numbered database (``/0`` -> ``/1``): the broker's queues
    must not live in the cache's database, which ``cache.clear()`` empties (FLUSHDB)."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{number + 1}"))


CELERY_BROKER_URL = (
    os.environ.get("CELERY_BROKER_URL")
    or (REDIS_URL and next_redis_database(REDIS_URL))
    or EMBEDDED_BROKER_URL
)
CELERY_EMBEDDED_BROKER = CELERY_BROKER_URL.startswith("sqla+")
CELERY_TASK_IGNORE_RESULT = True  # progress lives in our own models, not in a result backend
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the task queued, not lost
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- Deal files (CSV, XLSX, Google feeds, JSON): what one upload may hold (deals/intake)
DEAL_FILE_MAX_BYTES = int(os.environ.get("DEAL_FILE_MAX_BYTES", 50_000_000))
DEAL_FILE_MAX_ROWS = int(os.environ.get("DEAL_FILE_MAX_ROWS", 1_000_000))
# An XLSX is a zip: what it may unpack to in all (a million rows of the template: about 1 GB), and
# per compressed byte (zip bombs). Up to DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES it is read whole
# by calamine (fast, but about twice that in memory: 120 MB keeps a worker under 300 MB); larger
# ones a row at a time (deals/intake/xlsx.py says why).
DEAL_FILE_MAX_UNPACKED_BYTES = int(os.environ.get("DEAL_FILE_MAX_UNPACKED_BYTES", 2_000_000_000))
DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = int(
    os.environ.get("DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES", 120_000_000)
)
DEAL_FILE_MAX_ZIP_RATIO = int(os.environ.get("DEAL_FILE_MAX_ZIP_RATIO", 200))

# --- Sign-in: Argon2 hashes, lockout after repeated failures (django-axes), rate limits
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "onlinefriday.accounts.forms.axes_username"
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))  # trusted proxies in front (nginx: 1)
AXES_CLIENT_IP_CALLABLE = "onlinefriday.core.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "onlinefriday.core.client_ip.client_ip"
RATELIMIT_VIEW = "onlinefriday.accounts.views.rate_limited"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "festivals:home"
EMAIL_VERIFICATION_MAX_AGE = 3 * 24 * 3600  # seconds a verification link stays valid

# --- Price observations uploaded as CSV in the merchant area
PRICE_CSV_MAX_BYTES = int(os.environ.get("PRICE_CSV_MAX_BYTES", 5 * 1024 * 1024))
PRICE_CSV_MAX_ROWS = int(os.environ.get("PRICE_CSV_MAX_ROWS", "50000"))

# --- Passwords, i18n, time
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["onlinefriday.formats"]  # dd/mm/yyyy: Django's vi locale says d-m-Y
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

# --- Static files: whitenoise serves them from the app server
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # the site's own CSS and JS, beside templates/
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Deal files as merchants uploaded them, kept for audit. Never served: no URL routes to
    # it; organisers download a file through the back office. Workers read the files from it,
    # so with workers on other hosts DEAL_FILES_DIR must be a volume they share.
    "deal_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("DEAL_FILES_DIR", VAR_DIR / "deal-files"),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# --- E-mail: console by default, SMTP when EMAIL_HOST is set
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "onlinefriday.core.mail.StderrEmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Online Friday <no-reply@onlinefriday.vn>"
)

# --- Security: safe everywhere; HTTPS=true behind a TLS-terminating proxy in production
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
HTTPS = env_bool("HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (onlinefriday.core.security): no inline script or style anywhere;
# product images come from the marketplaces' https hosts.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if HTTPS:
    CONTENT_SECURITY_POLICY["upgrade-insecure-requests"] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
