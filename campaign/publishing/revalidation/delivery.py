"""POSTing a notification to FRONTEND_REVALIDATE_URL: at once, from a thread, after the commit; again later from
`manage.py notify_frontend` if that failed. A failure is recorded on the notification, never raised: a publish
must not fail because the frontend is down."""

import json
import logging
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import connection
from django.utils import timezone

from campaign.publishing.revalidation.notifications import FrontendNotification
from campaign.publishing.revalidation.signing import signature_headers

logger = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(settings.FRONTEND_REVALIDATE_URL and settings.FRONTEND_REVALIDATE_SECRET)


def send_soon(notification: FrontendNotification) -> None:
    """From a background thread unless FRONTEND_REVALIDATE_IN_BACKGROUND is off (tests, one-off commands)."""
    if settings.FRONTEND_REVALIDATE_IN_BACKGROUND:
        threading.Thread(target=deliver_by_id, args=(notification.pk,), daemon=True).start()
    else:
        deliver(notification)


def deliver_by_id(pk: int) -> None:
    """A thread's own database connection is closed when it ends, or each publish would leak one."""
    try:
        notification = FrontendNotification.objects.filter(pk=pk, delivered_at=None).first()
        if notification:
            deliver(notification)
    finally:
        connection.close()


def signed_request(body: bytes, timestamp: int) -> urllib.request.Request:
    return urllib.request.Request(
        settings.FRONTEND_REVALIDATE_URL,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **signature_headers(body, timestamp)},
    )


def deliver(notification: FrontendNotification) -> bool:
    timestamp = int(time.time())
    body = json.dumps(
        {"event": "content_changed", "paths": notification.paths, "tags": notification.tags, "timestamp": timestamp}
    ).encode()
    notification.attempts += 1
    try:
        with urllib.request.urlopen(signed_request(body, timestamp), timeout=5) as response:
            notification.last_status = response.status
    except (urllib.error.URLError, OSError, ValueError) as error:
        notification.last_status = getattr(error, "code", None)
        notification.last_error = str(error)[:1000]
        notification.retry_later()
        notification.save()
        logger.warning(
            "Frontend notification %s failed (attempt %s): %s", notification.pk, notification.attempts, error
        )
        return False
    notification.delivered_at = timezone.now()
    notification.last_error = ""
    notification.save()
    return True
