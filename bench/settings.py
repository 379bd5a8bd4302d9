"""Settings for the benchmarks: production-like (DEBUG off), plus Wagtail's REST API v2 for comparison only.

The v2 API is not part of the product; it is switched on here so that the bench can measure the same
content served both ways. The database and media live in `.bench/` (ignored by git) so that a second
run reuses the loaded content; `DATABASE_URL` points the bench at PostgreSQL instead, and REDIS_URL the cache at Redis.
"""

from pathlib import Path

from cms.settings.base import *  # noqa: F403
from cms.settings.base import INSTALLED_APPS, cache_settings, database_settings, env

BENCH_DIR = Path(__file__).resolve().parent.parent / ".bench"
BENCH_DIR.mkdir(exist_ok=True)

SECRET_KEY = "bench-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]  # v2 "find" redirects to the site's own host
WHITENOISE_USE_FINDERS = True
DATABASES = {"default": database_settings(f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")}
CACHES = cache_settings(env("REDIS_URL", default=""))
MEDIA_ROOT = str(BENCH_DIR / "media")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "wagtail.api.v2"]
ROOT_URLCONF = "bench.urls"
# The load test's floor: a static JSON file served by the same stack (whitenoise in gunicorn).
WHITENOISE_ROOT = BENCH_DIR / "public"
WHITENOISE_ROOT.mkdir(exist_ok=True)

# One process, so the local-memory cache counts rate limits correctly; production uses Redis (REDIS_URL).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
