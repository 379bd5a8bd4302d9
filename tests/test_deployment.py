"""What production infrastructure relies on: the health check, object storage for media, structured logs."""

import json
import logging
import logging.config

import pytest

from cms.settings.base import LOG_FORMATTERS, media_storage

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_degraded_when_the_cache_is_down_and_503_when_the_database_is(client, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", down)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "failing",
    }
    assert "redis" not in response.content.decode()

    monkeypatch.setattr("cms.health.database_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "failing"


def test_media_go_to_object_storage_when_a_bucket_is_set():
    assert media_storage("")["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    s3 = media_storage("lampedusa-media")
    assert s3["BACKEND"] == "cms.media.SignedURLS3Storage" and s3["OPTIONS"]["bucket_name"] == "lampedusa-media"
    assert s3["OPTIONS"]["querystring_auth"] is True


def test_json_logs_are_one_object_per_line():
    formatter = logging.config.DictConfigurator({}).configure_formatter(dict(LOG_FORMATTERS["json"]))
    record = logging.LogRecord("campaign", logging.WARNING, __file__, 1, "Email %s not sent", ("42",), None)
    line = json.loads(formatter.format(record))
    assert line["level"] == "WARNING" and line["logger"] == "campaign" and line["message"] == "Email 42 not sent"


def test_the_cdn_purge_backend_comes_from_the_environment(monkeypatch):
    from cms.settings.base import frontend_cache_settings

    assert frontend_cache_settings("") == {}
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", "token")
    monkeypatch.setenv("CLOUDFLARE_ZONE_ID", "zone")
    cloudflare = frontend_cache_settings("cloudflare")["cdn"]
    assert cloudflare["BACKEND"].endswith("CloudflareBackend") and cloudflare["ZONEID"] == "zone"
