"""graphql-http's audit suite, the GraphQL-over-HTTP specification's own conformance checks, against a live server.

Every audit must pass: the MUSTs, and the SHOULDs and MAYs that the suite reports as warnings and notices.
graphql-http comes from the npm registry (`make test` installs its pinned version into .cache/graphql-http) and runs
with Node.js (tests/graphql/http_audit/audit.cjs). Without them this test is skipped with the reason, unless
LAMPEDUSA_REQUIRE_BROWSER is set (.ci/run), as the browser tests' accessibility checks are.

The server is this process's Django in a thread (Django's LiveServerThread), with the middleware, settings and
view of the product. The suite's probes of `variables` ask `__type(name: …)`, which needs schema introspection:
the first run has it on, as in development; the second has it off, as in production, where exactly those probes get
the introspection refusal (a validation error, answered as the specification says) and nothing else differs.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).resolve().parent / "http_audit" / "audit.cjs"
MODULES = ROOT / ".cache" / "graphql-http" / "node_modules"
# The audits whose probe reads `__type`: with introspection off, their answer is the validation error.
INTROSPECTING = {"2EA1", "28B9", "D6D5", "6A70"}

pytestmark = pytest.mark.django_db


def node() -> str:
    found = shutil.which("node")
    missing = None
    if found is None:
        missing = "The GraphQL-over-HTTP audit needs Node.js (`node`): install Debian's nodejs."
    elif not (MODULES / "graphql-http" / "package.json").exists():
        missing = f"The GraphQL-over-HTTP audit needs graphql-http in {MODULES}: run `make test` (it installs it)."
    if missing:
        if os.environ.get("LAMPEDUSA_REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)
    return found


@pytest.fixture
def live_url(settings):
    """A server of this process's Django (as pytest-django's live_server, without its transactional database,
    which would empty the content the session loaded)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    server = LiveServer("127.0.0.1:0")
    try:
        yield f"{server.url}/graphql/"
    finally:
        server.stop()


def audit(url: str) -> list[dict]:
    completed = subprocess.run(
        [node(), str(SCRIPT), url, str(MODULES)], capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def described(result: dict) -> str:
    response = result.get("response") or {}
    return (
        f"{result['id']} {result['status'].upper()} {result['name']}: {result.get('reason')} "
        f"(got {response.get('status')} {response.get('contentType')} {response.get('body')!r})"
    )


def test_the_endpoint_passes_every_graphql_over_http_audit(live_url, settings):
    settings.ROOT_URLCONF = "tests.graphql.http_audit.urls"
    results = audit(live_url)
    failing = [described(result) for result in results if result["status"] != "ok"]
    assert not failing, f"{len(failing)} of {len(results)} audits did not pass:\n" + "\n".join(failing)
    assert len(results) >= 60  # the whole suite ran


def test_with_introspection_off_only_the_introspecting_probes_fail_and_for_that_alone(live_url, settings):
    assert not settings.GRAPHQL_PUBLIC_INTROSPECTION
    results = {result["id"]: result for result in audit(live_url)}
    failing = {audit_id for audit_id, result in results.items() if result["status"] != "ok"}
    assert failing == INTROSPECTING, "\n".join(described(results[audit_id]) for audit_id in sorted(failing))
    for audit_id in INTROSPECTING:
        response = results[audit_id]["response"]
        graphql_response = response["contentType"].startswith("application/graphql-response+json")
        assert response["status"] == (400 if graphql_response else 200), described(results[audit_id])
        assert "introspection has been disabled" in response["body"], described(results[audit_id])
        assert "GRAPHQL_VALIDATION_FAILED" in response["body"], described(results[audit_id])
