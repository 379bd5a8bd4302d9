"""The test suite: fast hashing, in-memory email and cache, media in a throwaway folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Rate-limit counters share the general cache's memory here, so that clearing it before each test resets them too.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}
    for alias in ("default", "ratelimit")
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="lampedusa-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One process, so the local-memory cache counts rate limits correctly; production uses Redis (REDIS_URL).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Frontend notices are sent in the committing thread, so that tests see their outcome.
FRONTEND_REVALIDATE_IN_BACKGROUND = False
