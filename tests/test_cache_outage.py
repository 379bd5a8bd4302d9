"""A Redis outage slows nothing down and breaks nothing public: the API answers from the database, /healthz says
the cache is down, an editor's change is saved. Caches point at a port where nothing listens, with the production
configuration (django-redis, short timeouts)."""

import logging

import pytest
from django.test import override_settings

from campaign.publishing import generations
from cms.settings.base import cache_settings

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"
HOME = '{ page(path: "/fr/") { title } }'


@pytest.fixture
def redis_down():
    with override_settings(CACHES=cache_settings(DEAD_REDIS)):
        yield


def test_a_cacheable_get_query_answers_from_the_database(client, redis_down):
    for _ in range(2):
        response = client.get("/graphql/", {"query": HOME})
        assert response.status_code == 200, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["data"]["page"]["title"]


def test_a_post_query_answers_from_the_database(client, redis_down):
    response = client.post("/graphql/", {"query": HOME}, content_type="application/json")
    assert response.status_code == 200, response.content[:500]
    assert response.json()["data"]["page"]["title"]


def test_generations_are_fresh_tokens_on_every_read_so_nothing_cached_is_reused(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="campaign.publishing.generations"):
        first, second = generations.current(), generations.current()
    assert set(first) == set(generations.KINDS) and all(first.values())
    assert all(first[kind] != second[kind] for kind in generations.KINDS)
    assert "Cache unreachable" in caplog.text


def test_a_change_saved_during_the_outage_is_logged_not_raised(redis_down, committed, caplog):
    with caplog.at_level(logging.ERROR, logger="campaign.publishing.generations"):
        committed(lambda: generations.advance(generations.CONTENT))
    assert "new content generation not recorded" in caplog.text


def test_healthz_reports_the_cache_as_failing_and_the_server_as_serving(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failing"}
