"""Headless preview: the admin's preview opens the frontend with a signed, expiring token; the API returns the draft.

Wagtail builds the previewed page from the editor's unsaved form, possibly for a page never saved. Its data is
stored here (a row, so that any worker can answer the frontend), and the token is a signature of the row's id with
a timestamp: forged, altered or expired tokens are refused. Old rows are removed as new ones are made.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page

SALT = "campaign.preview"  # unchanged when the module moved: tokens already issued stay valid


class PreviewTokenInvalid(Exception):
    pass


class PagePreview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "page preview"

    def __str__(self) -> str:
        return f"Preview {self.pk} of a {self.content_type}"


def create_preview(page: Page) -> str:
    """Stores the page as previewed and returns a token for it."""
    PagePreview.objects.filter(created_at__lt=timezone.now() - timedelta(seconds=settings.PREVIEW_TOKEN_TTL)).delete()
    preview = PagePreview.objects.create(
        content_type=ContentType.objects.get_for_model(page), content=page.serializable_data()
    )
    return signing.dumps(str(preview.pk), salt=SALT)


def preview_url(token: str) -> str:
    return f"{settings.FRONTEND_URL}/preview/?{urlencode({'token': token})}"


def previewed_page(token: str) -> Page:
    try:
        preview_id = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_TTL)
    except signing.BadSignature:
        raise PreviewTokenInvalid from None
    preview = PagePreview.objects.filter(pk=preview_id).select_related("content_type").first()
    if preview is None:
        raise PreviewTokenInvalid
    return preview.content_type.model_class().from_serializable_data(preview.content)
