"""How much one client may submit: per address and per email, counted by django-ratelimit in the cache.

Both counters count every attempt, valid or not, so that probing the form is limited as much as spamming it.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from ..text import folded


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the first address of the proxy header named by CLIENT_IP_HEADER."""
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR") or "0.0.0.0"
    return value.split(",")[0].strip()


def submission_allowed(request: HttpRequest, email: str) -> bool:
    by_ip = is_ratelimited(request, group="endorse:ip", key="ip", rate=settings.ENDORSEMENT_RATE_PER_IP, increment=True)
    by_email = bool(email) and is_ratelimited(
        request,
        group="endorse:email",
        key=lambda group, request: folded(email.strip()),
        rate=settings.ENDORSEMENT_RATE_PER_EMAIL,
        increment=True,
    )
    return not (by_ip or by_email)
