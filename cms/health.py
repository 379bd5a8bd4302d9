"""/healthz: what a load balancer asks before sending traffic here. 200 when the database and the cache answer,
503 (with which one failed) when either does not; no details beyond that, as anyone may call it."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_ok() -> bool:
    probe = uuid.uuid4().hex
    cache.set("healthz", probe, 10)
    return cache.get("healthz") == probe


def checked(check) -> str:
    try:
        return "ok" if check() else "failing"
    except Exception:  # any failure of a dependency is an unhealthy answer, never a 500
        logger.exception("Health check %s failed", check.__name__)
        return "failing"


@never_cache
def healthz(request):
    results = {"database": checked(database_ok), "cache": checked(cache_ok)}
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "failing", **results}, status=200 if healthy else 503)
