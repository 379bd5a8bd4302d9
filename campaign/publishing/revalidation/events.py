"""Telling the frontend which of its pages changed, so that it revalidates them within seconds of a publish.

Every page event of a transaction (publish, unpublish, move, delete; a translation's publish; the alias updates a
publish causes) is gathered, and the transaction's commit queues ONE notification: the frontend paths of the
changed pages in every locale, and cache tags. It is POSTed to FRONTEND_REVALIDATE_URL, signed with
HMAC-SHA256 over "<timestamp>.<body>" (headers X-Lampedusa-Timestamp and X-Lampedusa-Signature: sha256=<hex>),
first from a background thread right after the commit, then, if that failed, by `manage.py notify_frontend`
(the `notifier` process) with a growing delay. Deliveries and failures are listed in the admin (Settings →
Frontend notifications).
"""

import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaign.pages.base import frontend_path

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
pending = threading.local()


class FrontendNotification(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    paths = models.JSONField(_("paths"), help_text=_("Frontend paths to revalidate, in every locale."))
    tags = models.JSONField(_("cache tags"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("frontend notification")
        verbose_name_plural = _("frontend notifications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{len(self.paths)} path(s), {self.created_at:%Y-%m-%d %H:%M:%S}"


def enabled() -> bool:
    return bool(settings.FRONTEND_REVALIDATE_URL and settings.FRONTEND_REVALIDATE_SECRET)


def page_changed(page: Page, *extra_paths: str) -> None:
    """Records a changed page (and, after a move, its former path) for the current transaction's notification."""
    if not enabled():
        return
    if not hasattr(pending, "keys"):
        pending.keys, pending.paths = set(), set()
    pending.keys.add(page.translation_key)
    pending.paths.update(extra_paths)
    pending.paths.update(versions_paths(page.translation_key))
    transaction.on_commit(queue_pending)  # idempotent: the first callback of a commit sends everything


def versions_paths(translation_key) -> set[str]:
    """The paths of every language version of a page, live or not: an unpublished one must disappear too."""
    versions = Page.objects.filter(translation_key=translation_key, depth__gte=2).select_related("locale")
    return {frontend_path(version) for version in versions}


def queue_pending() -> None:
    if not getattr(pending, "keys", None):
        return
    keys, paths = pending.keys, pending.paths
    del pending.keys, pending.paths
    notification = FrontendNotification.objects.create(
        paths=sorted(paths), tags=["content", *sorted(f"page:{key}" for key in keys)]
    )
    if settings.FRONTEND_REVALIDATE_IN_BACKGROUND:
        threading.Thread(target=deliver_by_id, args=(notification.pk,), daemon=True).start()
    else:
        deliver(notification)


def deliver_by_id(pk: int) -> None:
    from django.db import connection

    try:
        notification = FrontendNotification.objects.filter(pk=pk, delivered_at=None).first()
        if notification:
            deliver(notification)
    finally:
        connection.close()


def signed_request(body: bytes, timestamp: int) -> urllib.request.Request:
    secret = settings.FRONTEND_REVALIDATE_SECRET.encode()
    signature = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return urllib.request.Request(
        settings.FRONTEND_REVALIDATE_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Lampedusa-Timestamp": str(timestamp),
            "X-Lampedusa-Signature": f"sha256={signature}",
        },
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
        notification.next_attempt_at = timezone.now() + timedelta(seconds=min(30 * 2**notification.attempts, 3600))
        notification.save()
        logger.warning(
            "Frontend notification %s failed (attempt %s): %s", notification.pk, notification.attempts, error
        )
        return False
    notification.delivered_at = timezone.now()
    notification.last_error = ""
    notification.save()
    return True


def due_notifications():
    return FrontendNotification.objects.filter(
        delivered_at=None, next_attempt_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).order_by("created_at")


def on_publish_or_unpublish(instance, **kwargs) -> None:
    page_changed(instance)


def on_move(instance, url_path_before="", **kwargs) -> None:
    former = frontend_path(Page(url_path=url_path_before, locale=instance.locale)) if url_path_before else None
    page_changed(instance, *([former] if former else []))


def on_delete(instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.depth and instance.depth >= 2:
        page_changed(instance)


def connect() -> None:
    from django.db.models.signals import pre_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(on_publish_or_unpublish, dispatch_uid="revalidate-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="revalidate-unpublished")
    post_page_move.connect(on_move, dispatch_uid="revalidate-moved")
    pre_delete.connect(on_delete, dispatch_uid="revalidate-deleted")
