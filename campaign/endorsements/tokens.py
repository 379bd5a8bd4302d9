"""Confirmation tokens: random, sent once by email, stored only as a SHA-256 hash, single-use and expiring.

A leaked database therefore holds no working link. SHA-256 without salt is enough: the token has 256 bits of
randomness, so there is nothing to guess.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def expiry(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.ENDORSEMENT_TOKEN_TTL_DAYS)
