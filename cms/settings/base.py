"""Settings shared by every environment; each value that differs between machines comes from the environment.

Environment variables (all optional here; production.py makes some required):
DATABASE_URL, DATABASE_CONN_MAX_AGE, REDIS_URL, RATELIMIT_REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, FRONTEND_URL,
CORS_ALLOWED_ORIGINS, EMAIL_URL, STAFF_NOTIFICATION_EMAILS, WAGTAILADMIN_BASE_URL, DEEPL_API_KEY, DEFAULT_FROM_EMAIL,
ENDORSEMENT_RATE_PER_IP, ENDORSEMENT_RATE_PER_EMAIL, CLIENT_IP_PROXY_COUNT, CLIENT_IP_HEADER.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "cms.apps.CmsConfig",
    "campaign",
    "graphql_api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_ratelimit",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Admin logins: after AXES_FAILURE_LIMIT failed attempts for one username from one address, that pair is locked
# out for AXES_COOLOFF_MINUTES (django-axes; attempts recorded in the database, shared by every app server).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "campaign.security.client_address.client_ip"
# Password-reset emails (the admin's "forgotten password"): at most this many per target account and per client
# address (django-ratelimit rates); beyond, the form answers as usual and sends nothing
# (campaign.security.password_reset).
PASSWORD_RESET_RATE_PER_ACCOUNT = env("PASSWORD_RESET_RATE_PER_ACCOUNT", default="3/h")
PASSWORD_RESET_RATE_PER_IP = env("PASSWORD_RESET_RATE_PER_IP", default="10/h")
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "campaign.security.password_reset.ThrottledPasswordResetForm"
AXES_LOCKOUT_TEMPLATE = "campaign/admin/login_locked.html"

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def with_statement_timeout(database: dict, milliseconds: int) -> dict:
    """On PostgreSQL, every statement of this process's connections is cancelled after `milliseconds` (0: never);
    SQLite has no such setting. Set as a connection option, so that no request can forget it."""
    if not milliseconds or "postgresql" not in database["ENGINE"]:
        return database
    options = dict(database.get("OPTIONS") or {})
    options["options"] = f"{options.get('options', '')} -c statement_timeout={milliseconds}".strip()
    return {**database, "OPTIONS": options}


def with_sqlite_writers_waiting(database: dict) -> dict:
    """On SQLite (the demo and development database), a transaction takes the write lock when it begins and a
    writer waits up to 20 s for it. SQLite's default (a read transaction upgraded on its first write) fails at
    once with "database is locked" when another writer got there first: the admin's autosave and its preview
    panel, or the rendition worker, write at the same time."""
    if "sqlite" not in database["ENGINE"]:
        return database
    return {**database, "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20, **(database.get("OPTIONS") or {})}}


# The longest SQL statement of a web request, in milliseconds: PostgreSQL then cancels it and the client gets a coded
# error rather than a worker held for minutes. Applied only where WEB_PROCESS is set (gunicorn.conf.py sets it for its
# workers): management commands such as migrate, the content loader or backups must run to completion.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=5000)


def database_settings(default_url: str) -> dict:
    """The database of DATABASE_URL (else `default_url`) as every process of the site uses it: the bench's settings
    read theirs here too, so that what it measures is what production runs."""
    database = with_statement_timeout(
        with_sqlite_writers_waiting(env.db("DATABASE_URL", default=default_url)),
        DATABASE_STATEMENT_TIMEOUT_MS if env.bool("WEB_PROCESS", default=False) else 0,
    )
    database["ATOMIC_REQUESTS"] = False
    # Seconds a process keeps its database connection between requests (Django's default, 0, opens one per request:
    # on PostgreSQL a new server process and an authentication, a few milliseconds that every uncached answer paid).
    # `?conn_max_age=` in DATABASE_URL takes precedence; the health check replaces a connection the server dropped.
    database.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=300))
    database["CONN_HEALTH_CHECKS"] = True
    return database


DATABASES = {"default": database_settings(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# A Redis that does not answer within this many seconds counts as down: requests go on without the cache rather
# than wait (rate limits then refuse submissions: they fail closed).
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=0.25)


def redis_cache(url: str, prefix: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
        },
    }


def cache_settings(redis_url: str, ratelimit_redis_url: str = "") -> dict:
    """Redis when REDIS_URL is set (production, shared by all workers), else this process's memory.

    Rate-limit counters have a cache of their own ("ratelimit"): the general cache may evict under memory
    pressure (allkeys-lru), and an evicted counter would let a client start again from zero. RATELIMIT_REDIS_URL
    points it at a Redis that never evicts (maxmemory-policy noeviction); unset, it shares REDIS_URL, which must
    then never evict either (docs/deployment.md, "Redis").
    """
    ratelimit_redis_url = ratelimit_redis_url or redis_url
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    return {
        "default": redis_cache(redis_url, "lampedusa") if redis_url else {"BACKEND": locmem},
        "ratelimit": redis_cache(ratelimit_redis_url, "lampedusa-ratelimit")
        if ratelimit_redis_url
        else {"BACKEND": locmem, "LOCATION": "ratelimit"},
    }


CACHES = cache_settings(env("REDIS_URL", default=""), env("RATELIMIT_REDIS_URL", default=""))
RATELIMIT_USE_CACHE = "ratelimit"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the source of every text; English and Spanish are translations.
LANGUAGE_CODE = "fr"
# EXTRA_LANGUAGES adds content languages ("de=Deutsch,it=Italiano"); then `manage.py add_content_language de`
# creates the locale and its page tree (docs/operations.md).
LANGUAGES = [("fr", "Français"), ("en", "English"), ("es", "Español")]
LANGUAGES += env.dict("EXTRA_LANGUAGES", default={}).items()
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# A translation goes live only when its translator publishes it, never as a side effect of saving a draft.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False


def machine_translator(deepl_api_key: str) -> dict:
    """DeepL when a key is configured; otherwise the dummy translator, so machine translation is never required."""
    if deepl_api_key:
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": deepl_api_key},
        }
    return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(env("DEEPL_API_KEY", default=""))

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))


def media_storage(bucket: str) -> dict:
    """Uploads on S3-compatible object storage (django-storages) when a bucket is configured, so that any number
    of app servers share them; else in MEDIA_ROOT on this machine. The bucket is private: files of restricted
    collections live there too, so a file's URL is this server's /media/ route, which checks it and redirects to a
    signed URL (cms.media)."""
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "cms.media.SignedURLS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "cloudfront_key_id": env("AWS_CLOUDFRONT_KEY_ID", default=None),
            "cloudfront_key": env("AWS_CLOUDFRONT_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": media_storage(env("AWS_STORAGE_BUCKET_NAME", default="")),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Charte de Lampedusa"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Wagtail's index serves the admin only (the API searches campaign.search's documents), updated entry by entry.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "campaign.search.admin_backend"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=64_000_000)
# The admin's image forms: pixels counted from the header before anything is decoded, and a truncated or corrupt
# file refused with the form's message rather than a server error (campaign.assets.images).
WAGTAILIMAGES_IMAGE_FORM_BASE = "campaign.assets.images.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
# Documents always leave through Wagtail's view (/documents/<id>/<filename>), which checks collection restrictions,
# never by their file's path or a redirect to it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Public images and renditions at /media/ (cms.media): how long browsers and CDNs keep them (also how long a file
# stays in a shared cache after its collection is restricted); how long the signed object-storage URL it redirects
# to works; and, on one server behind nginx, the internal location that sends the files (X-Accel-Redirect).
MEDIA_CACHE_SECONDS = env.int("MEDIA_CACHE_SECONDS", default=3600)
MEDIA_SIGNED_URL_SECONDS = env.int("MEDIA_SIGNED_URL_SECONDS", default=2 * 3600)
MEDIA_ACCEL_REDIRECT = env("MEDIA_ACCEL_REDIRECT", default="")
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)

# The separate frontend that renders everything from the GraphQL API: used for links, preview and emails.
FRONTEND_URL = env("FRONTEND_URL", default="http://localhost:3000").rstrip("/")
# The admin's preview without the frontend (campaign.pages.base): the view rendering a draft from the API's answer.
PREVIEW_READING_VIEW = "graphql_api.reading_view.view.reading_view"
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[FRONTEND_URL])
CORS_URLS_REGEX = r"^/graphql/?$"


def media_origin(bucket: str) -> str:
    """Where browsers load uploaded images from: this server, or the object storage (its custom domain, its
    S3-compatible endpoint, or Amazon S3)."""
    if not bucket:
        return SELF
    if domain := env("AWS_S3_CUSTOM_DOMAIN", default=""):
        return f"https://{domain}"
    return env("AWS_S3_ENDPOINT_URL", default="") or "https://*.amazonaws.com"


def content_security_policy(frontend_url: str, media: str) -> dict:
    """The policy of every answer: scripts from this server only, no plugins, no foreign frames around it.
    Wagtail's inline style attributes need 'unsafe-inline' for styles; the admin's editing pages also get it for
    scripts (cms.security). Frames: the preview panel shows the frontend; only this server may frame the admin."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": list(dict.fromkeys([SELF, media, "data:", "blob:"])),
            "font-src": [SELF, "data:"],
            "connect-src": [SELF],
            "frame-src": [SELF, frontend_url],
            "frame-ancestors": [SELF],
            "form-action": [SELF],
            "base-uri": [SELF],
            "object-src": [NONE],
        }
    }


CONTENT_SECURITY_POLICY = content_security_policy(
    FRONTEND_URL, media_origin(env("AWS_STORAGE_BUCKET_NAME", default=""))
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
# Editors' avatars are not fetched from Gravatar: it would tell a third party who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Where the frontend takes revalidation notices after a publish (see campaign.publishing.revalidation), and the
# shared secret that signs them; both unset: no notices.
FRONTEND_REVALIDATE_URL = env("FRONTEND_REVALIDATE_URL", default="")
FRONTEND_REVALIDATE_SECRET = env("FRONTEND_REVALIDATE_SECRET", default="")
FRONTEND_REVALIDATE_IN_BACKGROUND = True


def frontend_cache_settings(backend: str) -> dict:
    """The CDN in front of the frontend, purged by Wagtail's frontend_cache on every publish (page URLs are the
    frontend's): FRONTEND_CACHE_BACKEND = cloudflare, cloudfront or http (a PURGE request to a Varnish-like
    proxy), with that backend's credentials; unset, nothing is purged."""
    backends = {
        "cloudflare": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        },
        "cloudfront": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
        },
        "http": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        },
    }
    return {"cdn": backends[backend]()} if backend else {}


WAGTAILFRONTENDCACHE = frontend_cache_settings(env("FRONTEND_CACHE_BACKEND", default=""))
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Charte de Lampedusa <no-reply@localhost>")
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[])
# A slow mail server delays a request by at most this many seconds; the mail is then retried from the queue.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# LOG_FORMAT=json: one JSON object per line (time, level, logger, message), for a log collector.
LOG_FORMATTERS = {
    "text": {"format": "%(levelname)s %(name)s %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    },
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": LOG_FORMATTERS,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", default="text")},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Page and task events are recorded in Wagtail's audit log; on the console they would drown real messages.
    "loggers": {
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
# Where load_campaign_content reads the site's source content.
CAMPAIGN_CONTENT_DIR = env.path("CAMPAIGN_CONTENT_DIR", default=str(BASE_DIR / "campaign" / "content"))
# The translators' PO files of that content, one folder per language (locale/content/<lang>/…).
CAMPAIGN_TRANSLATIONS_DIR = env.path("CAMPAIGN_TRANSLATIONS_DIR", default=str(BASE_DIR / "locale" / "content"))

# This server's public address, for the absolute URLs of images and documents given to the frontend; empty: the
# scheme and host each request reached (campaign.text.rich_text).
BACKEND_URL = env("BACKEND_URL", default="").rstrip("/")
# The only rendition specs and srcset widths the API creates (each an image resize on first request).
IMAGE_SRCSET_WIDTHS = [320, 480, 640, 800, 1024, 1200, 1600]
IMAGE_RENDITION_SPECS = [
    "original",
    "fill-1200x675",
    "fill-800x450",
    "fill-400x225",
    "fill-400x400",
    "fill-200x200",
    "max-1600x1600",
    *[f"width-{width}" for width in IMAGE_SRCSET_WIDTHS],
]
# The renditions the frontend's operations ask for (tests/graphql/operations: the story list's cover and its srcset,
# the story's and the home page's covers), as (spec, format) from the allow-lists above; AVIF for a srcset in AVIF.
# The `worker` process makes them when an image is uploaded, replaced or its focal point moves
# (campaign.assets.pregeneration), so that no visitor waits for them; a request still makes what is missing.
IMAGE_PREGENERATED_RENDITIONS = [
    ("fill-400x225", "ORIGINAL"),
    ("fill-800x450", "WEBP"),
    ("fill-1200x675", "WEBP"),
    *[(f"width-{width}", image_format) for image_format in ("WEBP", "AVIF") for width in (320, 640, 1024)],
]
# Background tasks (django-tasks). Wagtail's own (search and reference index updates) run at once, in the process
# that asks for them, as before; renditions go to a queue in the database that the `worker` process
# (`manage.py db_worker --backend renditions`) works through.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "renditions": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# GraphQL public limits: each answers with an error code (QUERY_TOO_COMPLEX, REQUEST_TOO_LARGE), never a timeout.
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=12)
GRAPHQL_MAX_TOKENS = env.int("GRAPHQL_MAX_TOKENS", default=3000)
GRAPHQL_MAX_ALIASES = env.int("GRAPHQL_MAX_ALIASES", default=20)
GRAPHQL_MAX_BODY_BYTES = env.int("GRAPHQL_MAX_BODY_BYTES", default=64 * 1024)
# Fields once fragments are expanded, and the query cost budget (graphql_api.cost: lists count their items).
GRAPHQL_MAX_FIELDS = env.int("GRAPHQL_MAX_FIELDS", default=500)
GRAPHQL_MAX_COST = env.int("GRAPHQL_MAX_COST", default=10_000)
# Any text argument or variable, in characters (the longest form field takes 1,000).
GRAPHQL_MAX_STRING_LENGTH = env.int("GRAPHQL_MAX_STRING_LENGTH", default=2000)
# A query still running after this many seconds is stopped and answered TIMEOUT.
GRAPHQL_EXECUTION_SECONDS = env.float("GRAPHQL_EXECUTION_SECONDS", default=10.0)
# Image renditions one request may create (existing ones are free); rendition fields beyond answer null with
# RENDITION_LIMIT, and a later request makes them. A cold story list (12 covers, srcset of 3 + 1) makes 48.
GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST = env.int("GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST", default=60)
# Introspection and GraphiQL are on in development only, unless these say otherwise.
GRAPHQL_PUBLIC_INTROSPECTION = env.bool("GRAPHQL_PUBLIC_INTROSPECTION", default=DEBUG)
GRAPHIQL = env.bool("GRAPHIQL", default=DEBUG)
# How long a preview link works, in seconds.
PREVIEW_TOKEN_TTL = env.int("PREVIEW_TOKEN_TTL", default=3600)
# Lists return at most this many items; larger `limit` values are clamped.
GRAPHQL_MAX_LIST_LIMIT = 100

# Endorsements: how long a confirmation link works, where it points on the frontend, and how much one client may
# submit (django-ratelimit rates, "N/s|m|h|d", counted in the cache: Redis in production).
ENDORSEMENT_TOKEN_TTL_DAYS = env.int("ENDORSEMENT_TOKEN_TTL_DAYS", default=7)
ENDORSEMENT_CONFIRM_PATH = env("ENDORSEMENT_CONFIRM_PATH", default="/{language}/confirm/")
ENDORSEMENT_RATE_PER_IP = env("ENDORSEMENT_RATE_PER_IP", default="10/h")
ENDORSEMENT_RATE_PER_EMAIL = env("ENDORSEMENT_RATE_PER_EMAIL", default="3/d")
# Who the client is (campaign.security.client_address; rate limits and django-axes): behind CLIENT_IP_PROXY_COUNT
# reverse proxies that each append to CLIENT_IP_HEADER, the address that many entries from its right; with 0, the
# connection's address (REMOTE_ADDR). See docs/deployment.md, "Client address", for each kind of hosting.
CLIENT_IP_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=0)
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="HTTP_X_FORWARDED_FOR")
if CLIENT_IP_PROXY_COUNT == 0 and env("CLIENT_IP_HEADER", default="REMOTE_ADDR") != "REMOTE_ADDR":
    raise ImproperlyConfigured("CLIENT_IP_HEADER is read only behind proxies: set CLIENT_IP_PROXY_COUNT too.")
RATELIMIT_IP_META_KEY = "campaign.security.client_address.client_ip"
# The offline place index that puts endorsers on the map (built by `manage.py build_gazetteer`).
GAZETTEER_PATH = env("GAZETTEER_PATH", default=str(BASE_DIR / ".cache" / "gazetteer.sqlite3"))
ENDORSEMENT_LOGO_MAX_BYTES = env.int("ENDORSEMENT_LOGO_MAX_BYTES", default=2 * 1024 * 1024)
ENDORSEMENT_LOGO_MAX_PIXELS = env.int("ENDORSEMENT_LOGO_MAX_PIXELS", default=25_000_000)

# GraphQL response cache (entries also become unreachable at once when the data they read changes) and the HTTP
# caching of queries sent by GET: browsers revalidate (max-age), CDNs keep them s-maxage seconds, then may serve
# them stale while revalidating. A CDN is not told of changes, so these bound what it may show after one (15 s):
# even 5 s absorb a launch-day crowd, since every visitor of a page sends the same queries.
GRAPHQL_RESPONSE_CACHE_SECONDS = env.int("GRAPHQL_RESPONSE_CACHE_SECONDS", default=3600)
# At most this many bytes of answers are held at once (graphql_api.cache_budget); past it, answers are not cached.
GRAPHQL_RESPONSE_CACHE_MAX_BYTES = env.int("GRAPHQL_RESPONSE_CACHE_MAX_BYTES", default=64 * 1024 * 1024)
# Persisted queries (documents that passed validation and the limits) live a day, within their own byte budget.
GRAPHQL_PERSISTED_QUERY_SECONDS = env.int("GRAPHQL_PERSISTED_QUERY_SECONDS", default=24 * 3600)
GRAPHQL_PERSISTED_QUERY_MAX_BYTES = env.int("GRAPHQL_PERSISTED_QUERY_MAX_BYTES", default=8 * 1024 * 1024)
GRAPHQL_HTTP_MAX_AGE = env.int("GRAPHQL_HTTP_MAX_AGE", default=0)
GRAPHQL_HTTP_S_MAXAGE = env.int("GRAPHQL_HTTP_S_MAXAGE", default=5)
GRAPHQL_HTTP_STALE_WHILE_REVALIDATE = env.int("GRAPHQL_HTTP_STALE_WHILE_REVALIDATE", default=10)
