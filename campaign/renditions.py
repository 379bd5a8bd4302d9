"""Image renditions the API may create: only specs and widths from the allow-lists in settings.

An open spec would let anyone make the server resize images to arbitrary sizes (a cheap denial of service), so
every spec and width is checked here before Wagtail creates (once) or reuses a rendition.
"""

from django.conf import settings
from PIL import features
from wagtail.images.models import AbstractImage, AbstractRendition

FORMAT_FILTERS = {
    "ORIGINAL": "",
    "JPEG": "format-jpeg",
    "PNG": "format-png",
    "WEBP": "format-webp",
    "AVIF": "format-avif",
}


# Formats Pillow encodes only when built with the codec (AVIF needs libavif, bundled in Pillow's wheels since 11.2).
OPTIONAL_CODECS = {"AVIF": "avif", "WEBP": "webp"}


class RenditionNotAllowed(ValueError):
    pass


def filter_spec(spec: str, image_format: str = "ORIGINAL") -> str:
    codec = OPTIONAL_CODECS.get(image_format)
    if codec and not features.check(codec):
        raise RenditionNotAllowed(f"{image_format} images cannot be made on this server; ask for WEBP or JPEG.")
    if spec not in settings.IMAGE_RENDITION_SPECS:
        allowed = ", ".join(settings.IMAGE_RENDITION_SPECS)
        raise RenditionNotAllowed(f"Rendition spec {spec!r} is not allowed; use one of: {allowed}.")
    return "|".join(part for part in (spec, FORMAT_FILTERS[image_format]) if part)


def rendition(image: AbstractImage, spec: str, image_format: str = "ORIGINAL") -> AbstractRendition:
    return image.get_rendition(filter_spec(spec, image_format))


def srcset(image: AbstractImage, widths: list[int], image_format: str = "ORIGINAL") -> list[AbstractRendition]:
    refused = [width for width in widths if width not in settings.IMAGE_SRCSET_WIDTHS]
    if refused or not widths:
        allowed = ", ".join(str(width) for width in settings.IMAGE_SRCSET_WIDTHS)
        raise RenditionNotAllowed(f"Widths {refused or widths} are not allowed; use some of: {allowed}.")
    specs = [filter_spec(f"width-{width}", image_format) for width in sorted(set(widths))]
    return list(image.get_renditions(*specs).values())
