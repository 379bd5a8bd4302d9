"""Every web request has a deadline (issue 12: requests ran for 216 s and over 15 minutes).

PostgreSQL cancels a web request's slow statement (DATABASE_STATEMENT_TIMEOUT_MS, for the web process only), and
gunicorn's timeout kills a worker stuck in a request, replaces it and goes on answering.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.client import HTTPException
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper
from psycopg.errors import QueryCanceled

from cms.settings.base import with_statement_timeout

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/lampedusa"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's; run with DATABASE_URL=postgres://…"
)


def settings_of(module: str, **env: str) -> dict:
    """The default database's settings as a process with this environment computes them (no connection made)."""
    script = "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default']))"
    environment = {
        **{name: value for name, value in os.environ.items() if name not in {"WEB_PROCESS", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "cms.example.org",
        "DATABASE_URL": POSTGRES_URL,
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_web_process_has_a_statement_timeout_and_management_commands_none():
    web = settings_of("cms.settings.production", WEB_PROCESS="1")
    assert web["OPTIONS"]["options"] == "-c statement_timeout=5000"
    command = settings_of("cms.settings.production")
    assert "statement_timeout" not in json.dumps(command)


def test_the_statement_timeout_keeps_other_connection_options_and_leaves_sqlite_alone():
    postgres = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"sslmode": "require", "options": "-c a=b"}}
    assert with_statement_timeout(postgres, 250)["OPTIONS"] == {
        "sslmode": "require",
        "options": "-c a=b -c statement_timeout=250",
    }
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    assert with_statement_timeout(sqlite, 250) == sqlite
    assert with_statement_timeout(postgres, 0) == postgres


@on_postgresql
@pytest.mark.django_db
def test_postgresql_cuts_a_slow_statement_of_a_web_connection():
    web = DatabaseWrapper(with_statement_timeout(connection.settings_dict, 200), alias="web")
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError, match="statement timeout") as cut, web.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")
    finally:
        web.close()
    assert time.monotonic() - started < 2
    assert isinstance(cut.value.__cause__, QueryCanceled), "how graphql_api.errors can tell a cut statement"


@on_postgresql
@pytest.mark.django_db
def test_a_statement_cut_inside_a_resolver_reaches_the_client_as_a_coded_error(client, monkeypatch):
    def slow_redirect(path):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")

    monkeypatch.setattr("graphql_api.types.seo.find_redirect", slow_redirect)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 200")  # the test's transaction: as the web process's setting
    started = time.monotonic()
    response = client.post(
        "/graphql/", {"query": '{ redirect(path: "/old/") { url } }'}, content_type="application/json"
    )
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"redirect": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "TIMEOUT" and "statement" not in error["message"], "coded, no internals"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str, timeout: float = 10) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as answer:
        return json.loads(answer.read())


def wait_for(port: int) -> dict:
    for _ in range(100):
        try:
            return get(port, "/worker/")
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer")


@pytest.fixture
def gunicorn(tmp_path):
    """The project's gunicorn.conf.py with a 2 s timeout and one worker, serving the test-only site
    tests.deadlines (whose slow view exists nowhere else) on a free loopback port."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    environment = {
        **{name: value for name, value in os.environ.items() if name not in {"WEB_PROCESS", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "tests.deadlines.settings",
        "DATABASE_URL": POSTGRES_URL,  # for the settings the workers compute; the test site never connects
        "GUNICORN_TIMEOUT": "2",
        "WEB_CONCURRENCY": "1",
    }
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield port, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_gunicorn_kills_a_worker_stuck_in_a_request_and_answers_the_next_one(gunicorn):
    port, log = gunicorn
    first = wait_for(port)
    assert first["database_options"]["options"].endswith("-c statement_timeout=5000"), "the web process's timeout"
    started = time.monotonic()
    with pytest.raises((OSError, HTTPException)):
        get(port, "/slow/", timeout=30)
    assert time.monotonic() - started < 10, "the stuck request ends soon after the 2 s timeout, not after 120 s"
    after = get(port, "/worker/", timeout=30)
    assert after["pid"] != first["pid"], "the stuck worker was replaced"
    assert f"WORKER TIMEOUT (pid:{first['pid']})" in log.read_text()


def test_a_production_process_keeps_its_database_connection_between_requests():
    """A connection per request cost every uncached answer a new PostgreSQL server process and an authentication."""
    kept = settings_of("cms.settings.production", WEB_PROCESS="1")
    assert kept["CONN_MAX_AGE"] > 0 and kept["CONN_HEALTH_CHECKS"] is True
    assert settings_of("cms.settings.production", DATABASE_CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0
    from_url = settings_of("cms.settings.production", DATABASE_URL=f"{POSTGRES_URL}?conn_max_age=30")
    assert from_url["CONN_MAX_AGE"] == 30


def test_the_bench_runs_the_database_settings_production_runs():
    """The load bench serves from gunicorn with bench.settings: a bench opening a connection per request, without the
    statement timeout, measured costs production does not pay (GraphQL against API v2: 0.48 with, 0.34 without)."""
    for environment in ({"WEB_PROCESS": "1"}, {}):
        assert settings_of("bench.settings", **environment) == settings_of("cms.settings.production", **environment)
