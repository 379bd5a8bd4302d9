"""Production: every secret from the environment, HTTPS everywhere; refuses to start without SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment to a random string of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
# Previous keys, comma-separated, during a key rotation: what they signed (sessions, preview links) stays valid
# until they are removed (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# The admin frames its own pages (the preview panel), so frames are allowed from this origin only; the CSP's
# frame-ancestors 'self' says the same to current browsers. Django's deploy check asks for DENY (W019).
SILENCED_SYSTEM_CHECKS = ["security.W019"]
