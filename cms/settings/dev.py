"""Local development: debug on, a fixed insecure key so `make demo` needs no configuration."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# GraphiQL and introspection help while developing the frontend.
GRAPHQL_PUBLIC_INTROSPECTION = env.bool("GRAPHQL_PUBLIC_INTROSPECTION", default=True)
GRAPHIQL = env.bool("GRAPHIQL", default=True)

# One process, so the local-memory cache counts rate limits correctly; production uses Redis (REDIS_URL).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
