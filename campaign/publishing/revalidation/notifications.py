"""A notification the frontend is owed: the paths and cache tags of a transaction's changes, and its deliveries."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ATTEMPTS = 10


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

    def retry_later(self) -> None:
        """A growing delay between attempts: 1 minute after the first failure, then doubling up to an hour."""
        self.next_attempt_at = timezone.now() + timedelta(seconds=min(30 * 2**self.attempts, 3600))


def due_notifications():
    return FrontendNotification.objects.filter(
        delivered_at=None, next_attempt_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).order_by("created_at")
