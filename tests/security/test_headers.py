"""The public surface's headers under the production settings: HTTPS only (HSTS, redirect, secure cookies), a
Content Security Policy for the admin, Referrer-Policy, nosniff, framing by this origin only, and CORS for the
frontend's origin on the GraphQL endpoint alone.

The production settings module needs its environment and a collected static manifest, so its security settings
are read in a subprocess, as production would compute them, and applied here over the test database.
"""

import json

import pytest
from django.test import Client, override_settings

from tests.test_settings import SANE_ENV, run_manage

pytestmark = pytest.mark.django_db

HOST = SANE_ENV["ALLOWED_HOSTS"]
FRONTEND = "https://www.notabordertale.example"
SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_TRUSTED_ORIGINS",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CORS_ALLOWED_ORIGINS",
    "CORS_URLS_REGEX",
    "ALLOWED_HOSTS",
]
PRINT_SETTINGS = (
    "import json; from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
)


@pytest.fixture(scope="module")
def production_settings() -> dict:
    result = run_manage("shell", "-c", PRINT_SETTINGS, env={**SANE_ENV, "FRONTEND_URL": FRONTEND})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(production_settings):
    with override_settings(**production_settings):
        yield Client(HTTP_HOST=HOST)


def directives(policy: str) -> dict[str, list[str]]:
    parsed = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parsed}


def test_plain_http_is_redirected_to_https(production):
    response = production.get("/admin/login/")
    assert response.status_code == 301 and response["Location"] == f"https://{HOST}/admin/login/"


def test_https_answers_carry_hsts_referrer_policy_nosniff_and_same_origin_framing(production):
    response = production.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_admin_policy_allows_scripts_from_this_server_only_and_frames_the_frontend(production):
    policy = directives(production.get("/admin/login/", secure=True)["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert FRONTEND in policy["frame-src"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_editing_pages_alone_allow_wagtails_inline_scripts(production, editor):
    production.force_login(editor)
    for path in ("/admin/", "/admin/pages/", "/admin/images/"):
        policy = directives(production.get(path, secure=True)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"], path
    login = directives(production.get("/admin/login/", secure=True)["Content-Security-Policy"])
    assert login["script-src"] == ["'self'"]


def test_the_api_answers_carry_the_same_policy(production):
    response = production.get("/graphql/", {"query": "{ locales { code } }"}, secure=True)
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_csrf_and_session_cookies_are_secure(production, editor):
    login_page = production.get("/admin/login/", secure=True)
    assert login_page.cookies["csrftoken"]["secure"] is True
    response = production.post(
        "/admin/login/",
        {"username": "editor", "password": "editor-password"},
        secure=True,
        HTTP_REFERER=f"https://{HOST}/admin/login/",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True and session["samesite"] == "Lax"


def test_cors_admits_the_frontend_origin_on_the_graphql_endpoint(production):
    response = production.options(
        "/graphql/",
        secure=True,
        HTTP_ORIGIN=FRONTEND,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_cors_refuses_other_origins_and_other_paths(production):
    other_origin = production.get(
        "/graphql/", {"query": "{ locales { code } }"}, secure=True, HTTP_ORIGIN="https://evil.example"
    )
    assert other_origin.status_code == 200 and "Access-Control-Allow-Origin" not in other_origin
    admin = production.get("/admin/login/", secure=True, HTTP_ORIGIN=FRONTEND)
    assert "Access-Control-Allow-Origin" not in admin


def test_the_graphiql_page_alone_is_exempt_from_the_policy(rf):
    """GraphiQL (development) loads its code from unpkg.com; the policy would leave it blank."""
    from csp.middleware import CSPMiddleware

    from graphql_api.schema import schema
    from graphql_api.views import CampaignGraphQLView

    view = CSPMiddleware(CampaignGraphQLView.as_view(schema=schema, graphql_ide="graphiql"))
    ide = view(rf.get("/graphql/", HTTP_ACCEPT="text/html"))
    assert b"unpkg.com" in ide.content and "Content-Security-Policy" not in ide
    answer = view(rf.get("/graphql/", {"query": "{ locales { code } }"}, HTTP_ACCEPT="application/json"))
    assert answer.status_code == 200 and "Content-Security-Policy" in answer


def test_images_on_object_storage_are_allowed_by_the_policy(monkeypatch):
    from cms.settings.base import content_security_policy, media_origin

    assert media_origin("") == "'self'"
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "media.notabordertale.example")
    policy = content_security_policy(FRONTEND, media_origin("lampedusa-media"))["DIRECTIVES"]
    assert "https://media.notabordertale.example" in policy["img-src"]
    assert policy["frame-src"] == ["'self'", FRONTEND]
