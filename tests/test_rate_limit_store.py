"""Rate-limit counters live in a Redis of their own that never evicts: filling the general cache (which evicts
its least recently used keys under memory pressure, as production's may) must not reset them."""

import pytest
import redis
from django.test import override_settings

from cms.settings.base import redis_cache

from .redis_servers import needs_redis_server, redis_server

pytestmark = [pytest.mark.django_db, needs_redis_server]


def fill(url: str, megabytes: int) -> None:
    """Writes `megabytes` of throwaway keys straight into the Redis at `url`, as a busy response cache would."""
    client = redis.Redis.from_url(url)
    for index in range(megabytes * 100):
        client.set(f"lampedusa:1:filler-{index}", b"x" * 10_000)


def submit(endorse, valid_input, name: str) -> str:
    result = endorse(valid_input(institutionName=name, email=f"{name.lower()}@example.org"))
    return result["__typename"] if result["__typename"] != "InvalidEndorsement" else result["errors"][0]["code"]


def test_counters_survive_a_general_cache_filled_past_its_memory_limit(endorse, valid_input, settings):
    settings.ENDORSEMENT_RATE_PER_IP = "2/h"
    with (
        redis_server("--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru") as general,
        redis_server("--maxmemory-policy", "noeviction") as counters,
        override_settings(
            CACHES={"default": redis_cache(general, "lampedusa"), "ratelimit": redis_cache(counters, "lampedusa-rl")}
        ),
    ):
        assert [submit(endorse, valid_input, name) for name in ("Lyon", "Nantes", "Lille")] == [
            "EndorsementReceived",
            "EndorsementReceived",
            "RATE_LIMITED",
        ]
        stored = redis.Redis.from_url(counters)
        before = {key: stored.get(key) for key in stored.keys("*")}
        assert before, "the counters are in the rate-limit Redis"

        fill(general, megabytes=6)
        assert redis.Redis.from_url(general).info("stats")["evicted_keys"] > 0, "the general cache did evict"
        assert {key: stored.get(key) for key in stored.keys("*")} == before
        assert submit(endorse, valid_input, "Rennes") == "RATE_LIMITED"
