"""Small builders for test objects that the content files do not provide."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image


def make_image(title: str = "Test cover", size: tuple[int, int] = (640, 360)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 60, 40)).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="cover.png"))
