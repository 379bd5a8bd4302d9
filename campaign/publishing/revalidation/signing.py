"""The signature the frontend checks before it revalidates anything: HMAC-SHA256 over "<timestamp>.<body>" with
the shared FRONTEND_REVALIDATE_SECRET, so that nobody else can make it drop its cache, and an old request cannot
be replayed long after its timestamp."""

import hashlib
import hmac

from django.conf import settings


def signature_headers(body: bytes, timestamp: int) -> dict[str, str]:
    secret = settings.FRONTEND_REVALIDATE_SECRET.encode()
    signature = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Lampedusa-Timestamp": str(timestamp), "X-Lampedusa-Signature": f"sha256={signature}"}
