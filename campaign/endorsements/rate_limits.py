"""How much one client may submit: per address and per mailbox, counted by django-ratelimit in its cache
(RATELIMIT_USE_CACHE: Redis in production).

The address counter counts every attempt, valid or not, so that probing the form is limited as much as spamming
it. The mailbox counter counts only submissions that passed validation, so that invalid submissions typed with
someone else's address cannot lock its owner out; it counts a mailbox however its address is written.

When the counters' store cannot be reached, nothing is let through: RateLimitUnavailable.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from campaign.text.plain import fold

logger = logging.getLogger(__name__)


class RateLimitUnavailable(Exception):
    """The rate-limit store did not answer: the caller refuses rather than count nothing."""


def limited(request: HttpRequest, group: str, key, rate: str) -> bool:
    """Counts one attempt and tells whether it is over the rate. `key` is "ip" (campaign.security.client_address) or a
    function of (group, request)."""
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
    except Exception as error:  # whatever the cache backend raises when its server is away
        logger.exception("Rate-limit store unavailable for %s.", group)
        raise RateLimitUnavailable(group) from error


def address_allowed(request: HttpRequest) -> bool:
    return not limited(request, "endorse:ip", "ip", settings.ENDORSEMENT_RATE_PER_IP)


def mailbox_allowed(request: HttpRequest, email: str) -> bool:
    mailbox = mailbox_key(email)
    return not limited(request, "endorse:email", lambda group, request: mailbox, settings.ENDORSEMENT_RATE_PER_EMAIL)


def mailbox_key(email: str) -> str:
    """One key per mailbox: case, accents, dots and a "+tag" in the local part, and the domain's spelling
    (Unicode or punycode) do not make another one. "J.Doe+x@Example.org" and "jdoe@example.org" count together;
    merging a few real mailboxes of some providers (where dots matter) only shares their limit."""
    local, _, domain = email.strip().rpartition("@")
    local = fold(local.split("+", 1)[0]).replace(".", "")
    return f"{local}@{ascii_domain(domain)}"


def ascii_domain(domain: str) -> str:
    domain = domain.casefold().rstrip(".")
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain
