"""Production settings: refuse to start without a secret, and pass Django's deployment checklist."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SANE_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "cms.example.org",
    "DATABASE_URL": "sqlite:////tmp/lampedusa-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "cms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={"ALLOWED_HOSTS": "cms.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_manage("check", env={**SANE_ENV, "SECRET_KEY": "too-short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deploy_checklist_with_only_the_launch_settings_left():
    """Django's checklist passes; what remains is the campaign's launch check (campaign.W2xx): settings staff fill
    in the admin, which this empty database cannot have (tests/test_launch_readiness.py fills them)."""
    result = run_manage("check", "--deploy", env=SANE_ENV)
    assert result.returncode == 0, result.stderr
    ids = re.findall(r"\(([\w.]+\.[WE]\d+)\)", result.stderr)
    assert ids and all(check_id.startswith("campaign.W2") for check_id in ids), result.stderr


def test_redis_url_switches_the_cache_to_redis():
    from cms.settings.base import cache_settings

    assert cache_settings("redis://127.0.0.1:6379/1")["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache_settings("")["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_production_without_redis_fails_the_checks_as_rate_limits_would_not_be_shared():
    env = {name: value for name, value in SANE_ENV.items() if name != "REDIS_URL"}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0 and "django_ratelimit.E003" in result.stderr


def test_sqlite_writers_take_the_lock_when_they_begin_and_wait_for_it():
    from cms.settings.base import with_sqlite_writers_waiting

    sqlite = with_sqlite_writers_waiting({"ENGINE": "django.db.backends.sqlite3", "NAME": "demo.sqlite3"})
    assert sqlite["OPTIONS"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "campaign"}
    assert with_sqlite_writers_waiting(postgres) == postgres
