"""A test-only site for tests/test_deadlines.py, served by gunicorn with the project's gunicorn.conf.py: the
project's base settings (so its database settings as the web process computes them) with no apps, and URLs that
only exist here (tests.deadlines.urls), among them a view slower than any timeout. It boots in well under a second.
"""

from cms.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = []
MIDDLEWARE = []
ROOT_URLCONF = "tests.deadlines.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
