"""Settings for Etalase UMKM Babel.

One file, every value from the environment (django-environ). The defaults are those under which a
fresh checkout runs: SQLite, DEBUG on, a development secret, e-mail to the console. Production sets
DEBUG=False, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and usually REDIS_URL; it refuses to start
with the development secret.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "imagekit",
    "simple_history",
    "django_fsm",
    "axes",
    "csp",
    "import_export",
    "umkm_portal",
    "agencies",
    "catalog",
    "support",
    "workspace",
    "notifications",
    "reminders",
    "jobs",
]

MIDDLEWARE = [
    # First: every wait on the database inside a request is bounded (DATABASE_REQUEST_WAIT).
    "umkm_portal.database_deadline.DatabaseDeadlineMiddleware",
    "umkm_portal.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "umkm_portal.http.SecurityHeadersMiddleware",
    "umkm_portal.http.RequestSizeLimitMiddleware",
    "umkm_portal.http.NulByteMiddleware",
    "umkm_portal.idempotency.IdempotencyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every GET answer, 304 when it still matches (phones on slow networks re-validate).
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    # An anonymous visitor's cached public page is served here, before the rest of the stack.
    "umkm_portal.public_cache.pages.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API's language from Accept-Language (the pages': from the address).
    "umkm_portal.api.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "umkm_portal.urls"
WSGI_APPLICATION = "umkm_portal.wsgi.application"

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
            ],
        },
    },
]

# Databases: SQLite by default so that a fresh checkout needs no server; DATABASE_URL selects
# PostgreSQL (postgres://user:password@host:port/name) in production and CI.
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, sessions, throttle counters and the login-lockout store: Redis when REDIS_URL is set
# (several stateless app servers share it), process memory and the database otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "umkm_portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="umkm"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/ruang-kerja/"
LOGOUT_REDIRECT_URL = "/"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "workspace.views.accounts.locked_out"

# Languages: Indonesian first (no prefix), English under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files: local disk (MEDIA_ROOT) by default; an S3-compatible bucket when S3_BUCKET is
# set, so that every app server sees every upload. Either way the portal serves them under
# MEDIA_URL from its own origin (umkm_portal.views.app.media), so `img-src 'self'` holds, no page
# loads an image from another host (docs/architecture.md §7) and the bucket stays private.
# Credentials come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance
# role), read from the environment by django-storages and boto3 themselves, so they never sit in the
# settings.
S3_BUCKET = env.str("S3_BUCKET", default="") or env.str("AWS_STORAGE_BUCKET_NAME", default="")
if S3_BUCKET:
    S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="") or env.str(
        "AWS_S3_ENDPOINT_URL", default=""
    )
    MEDIA_STORAGE = {
        "BACKEND": "umkm_portal.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # MinIO, Ceph, Garage, moto...; unset for AWS (or boto3's AWS_ENDPOINT_URL_S3).
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": env.str("S3_REGION", default="")
            or env.str("AWS_S3_REGION_NAME", default="")
            or None,
            "location": env.str("S3_LOCATION", default=""),
            # Path-style addresses (host/bucket/key) work on every S3-compatible server.
            "addressing_style": env.str(
                "S3_ADDRESSING_STYLE", default="path" if S3_ENDPOINT_URL else "auto"
            ),
            "querystring_auth": False,
            "file_overwrite": False,
            # None: the bucket's own (private) policy; the portal reads with its credentials.
            "default_acl": env.str("S3_DEFAULT_ACL", default="") or None,
            # Every name is made by the server and never reused (uploads and renditions alike).
            "object_parameters": {
                "CacheControl": env.str(
                    "S3_CACHE_CONTROL", default="public, max-age=31536000, immutable"
                )
            },
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default=(
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if DEBUG
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            ),
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
#: Larger request bodies are refused with 413 before they are read (uploads are at most 8 MB).
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# E-mail: the console in development; EMAIL_URL (smtp+tls://user:password@host:587) in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Etalase UMKM Babel <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

#: The portal's address as people reach it: mails carry absolute links built from it.
DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"
SITE_URL = env.str("SITE_URL", default=DEVELOPMENT_SITE_URL).rstrip("/")
#: Seconds an SMTP connection may take before a mail attempt counts as failed (and is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# The task queue (umkm_portal/celery.py). A broker (CELERY_BROKER_URL, else REDIS_URL) means a
# worker and beat run the tasks (`make worker`); without one, tasks run in the process that asked
# for them, after its transaction commits, and periodic work is `manage.py send_reminders` in cron.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
#: The queue tasks go to and the worker reads: two portals sharing one Redis each need their own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
#: Without a worker a failing task is logged, never turned into an error of the request that
#: committed before it ran (the tests set it to True, so that a broken task fails its test).
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it ran, so a worker killed mid-task leaves it to another; tasks are
# written to be run twice without harm.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
#: The schedule beat keeps (in CELERY_TIMEZONE); hosts without a worker run the same from cron
#: with `manage.py send_reminders` (docs/deployment.md).
CELERY_BEAT_SCHEDULE = {
    "retry-mail": {"task": "notifications.tasks.retry_mail", "schedule": 600},
    "send-reminders": {
        "task": "reminders.tasks.send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Five minutes after the reminders, so the morning's reminders make it into the digest.
    "send-digests": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=5),
    },
    "sweep-jobs": {"task": "jobs.tasks.sweep_jobs", "schedule": crontab(minute=15)},
}
#: An export of more rows than this is made by a background job (jobs/) and offered for
#: download on its progress page; a smaller one streams in the request.
EXPORT_ROWS_IN_REQUEST = env.int("EXPORT_ROWS_IN_REQUEST", default=5000)

# Content-Security-Policy from the first commit: everything from our own origin, no inline script
# or style anywhere, so no nonce is ever needed and public pages stay cacheable.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Security headers; the cookie and HTTPS settings tighten when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind the production load balancer only: it sets X-Forwarded-Proto and X-Forwarded-For, and
# nothing else is trusted. TRUSTED_PROXY_COUNT is how many proxies stand in front of the app
# (0: none, the client's address is REMOTE_ADDR; a client's own X-Forwarded-For is ignored).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT or 1
AXES_CLIENT_IP_CALLABLE = "umkm_portal.http.client_ip"
#: Seconds a client is asked to wait (Retry-After) while the database is unreachable.
OUTAGE_RETRY_AFTER = 10
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

REST_FRAMEWORK = {
    # Token first, so that an anonymous write is answered 401 with WWW-Authenticate: Token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Unknown query parameters on a list answer 400 (umkm_portal.api.KnownParametersFilter).
    "DEFAULT_FILTER_BACKENDS": [
        "umkm_portal.api.KnownParametersFilter",
        "django_filters.rest_framework.DjangoFilterBackend",
    ],
    # A JSON body is an object; form and multipart bodies (uploads) as DRF reads them.
    "DEFAULT_PARSER_CLASSES": [
        "umkm_portal.api.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # JSON only, errors included; the API's HTML face is the documentation at /api/v1/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "catalog.api.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 24,
    "DEFAULT_SCHEMA_CLASS": "umkm_portal.api_schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "catalog.api.errors.exception_handler",
    # The API throttles count per client address as the load balancer saw it (see client_ip).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/minute"),
        "user": env.str("THROTTLE_USER", default="600/minute"),
        "token": env.str("THROTTLE_TOKEN", default="10/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Etalase UMKM Babel API",
    "DESCRIPTION": "Products, businesses (UMKM), agencies and flagship products of Kepulauan "
    "Bangka Belitung. Read without credentials; write with `Authorization: Token <token>`. "
    "Every collection is listed at [/api/v1/](/api/v1/); errors follow `Accept-Language` "
    "(`id`, the default, or `en`).\n\n[← Back to the portal: Etalase UMKM Babel](/)",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (no CDN), so `default-src 'self'` holds.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"NominationStateEnum": "catalog.models.flagship.Nomination.State"},
}

# Image renditions are made when an image is saved, so showing a page never waits for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "catalog.renditions.RenditionsOnSave"
IMAGEKIT_CACHEFILE_DIR = "renditions"

#: Changes with every release; the service worker uses it to name its caches.
STATIC_VERSION = env.str("STATIC_VERSION", default="2026-11-28.1")

#: Counts (results, facets, the API's `count`) are exact up to this number, "10.000+" beyond.
CATALOG_COUNT_CAP = env.int("CATALOG_COUNT_CAP", default=10_000)

#: Anonymous public pages and API answers kept in the cache, invalidated by every public write
#: (umkm_portal.public_cache). On by default with a shared cache only: a per-process cache cannot be
#: invalidated across processes.
PUBLIC_CACHE = env.bool("PUBLIC_CACHE", default=bool(REDIS_URL))
#: Counts and facets of anonymous lists kept in the cache under the same rule, even when the
#: page cache is off (a product list then costs its page of rows, not its aggregates).
AGGREGATE_CACHE = env.bool("AGGREGATE_CACHE", default=bool(REDIS_URL))

#: Public pages may be cached this long at most, and never past the next midnight in
#: Asia/Jakarta, when designations start and end (docs/architecture.md §7).
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "filters": {"skip_database_outages": {"()": "umkm_portal.http.SkipDatabaseOutages"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # 4xx answers (permission denials, 404s) as warnings, 5xx as errors.
        "django.request": {
            "handlers": ["stderr"],
            "level": "WARNING",
            "filters": ["skip_database_outages"],
            "propagate": False,
        },
        "umkm_portal": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "catalog": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

# The demo's password, printed by `make run`; never used outside seed_demo.
DEMO_PASSWORD = "demo12345"

# Links typed without a scheme are taken as https:// (the default of Django 6).
FORMS_URLFIELD_ASSUME_HTTPS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Typo tolerance: a name is "similar" to a query from this word similarity on (pg_trgm's
    # default, 0.6, misses "lada mutok" → "Lada Putih Muntok").
    # random_page_cost: the catalogue lives in memory (or on SSD), where an index lookup costs
    # about a sequential read; at the default (4) PostgreSQL hashes every business to join the
    # 2,000 candidates of a search instead of looking 2,000 up (44 ms → 13 ms at 100k products).
    # parallel_setup_cost: starting a parallel worker costs ~8 ms on a small virtual machine, more
    # than a search for a rare term takes in all (at 1M products: 11 ms with one worker, 0.8 ms
    # without); ten times the default keeps parallel plans for scans that really are large.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env.str(
        "DATABASE_OPTIONS",
        default=(
            "-c pg_trgm.word_similarity_threshold=0.4 -c random_page_cost=1.1"
            " -c parallel_setup_cost=10000"
        ),
    )
    # An unreachable database answers within seconds (a 503 page), never a hang.
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 2)

# A database that hangs (accepts, never answers) gives a request's round trip at most this many
# seconds, then the 503 page (umkm_portal.database_deadline); 0 turns the bound off. Commands and
# workers are not bounded.
DATABASE_REQUEST_WAIT = env.float("DATABASE_REQUEST_WAIT", default=2.0)
