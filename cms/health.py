"""/healthz: what a load balancer asks before sending traffic here; no details beyond each dependency's state, as
anyone may call it.

200 while the database answers: "ok", or "degraded" when the cache (Redis) does not, since the API then still
answers from the database (uncached) and only endorsement submissions wait for the cache (rate limits fail
closed). Taking servers out of the pool for a cache outage would turn a slower site into no site. 503 when the
database does not answer: nothing can be served."""

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
    if results["database"] != "ok":
        return JsonResponse({"status": "failing", **results}, status=503)
    status = "ok" if results["cache"] == "ok" else "degraded"
    return JsonResponse({"status": status, **results}, status=200)
