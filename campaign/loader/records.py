"""What the content loader last wrote, so that a re-run can tell unchanged, changed and editor-edited content apart."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentRecord(models.Model):
    """One object the loader owns, by its key in the content files (e.g. "page:charte/dignite", "theme:climate").

    `digest` is the hash of the data the loader wrote; `revision_id` the page revision it published (None for
    snippets, which are compared through `object_digest`, the hash of their fields as the loader left them).
    """

    key = models.CharField(max_length=255, unique=True, verbose_name=_("content key"))
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_digest = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loaded content record")
        verbose_name_plural = _("loaded content records")

    def __str__(self) -> str:
        return self.key
