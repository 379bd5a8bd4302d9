"""Images and their renditions; specs and widths come from allow-lists (campaign.assets.renditions), and a request may
create only GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST new renditions (fields beyond answer null with RENDITION_LIMIT).
An image in a restricted collection is private: its field answers null (campaign.assets.images.PublicAssets).
Alt text is served in the reader's language when translated, else in French, saying so (campaign.assets.alt_text).
A refused spec or width is the error of its own field (null, INVALID_INPUT in the reader's language): the image's
other fields are still served."""

from enum import Enum

import strawberry
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from campaign.assets.alt_text import translated_alt_texts
from campaign.assets.images import PublicAssets
from campaign.assets.renditions import RenditionBudget, RenditionBudgetSpent, RenditionNotAllowed
from campaign.assets.renditions import rendition as make_rendition
from campaign.assets.renditions import srcset as make_srcset
from campaign.text.rich_text import absolute_url

from ..cost import Cost
from ..errors import ApiError
from ..request_cache import cached

# A rendition may have to be made (tens of milliseconds of CPU): it counts in the query cost like five objects.
RENDITION_WEIGHT = 5


@strawberry.enum(description="Output format of a rendition; ORIGINAL keeps the uploaded format.")
class ImageFormat(Enum):
    ORIGINAL = "ORIGINAL"
    JPEG = "JPEG"
    PNG = "PNG"
    WEBP = "WEBP"
    AVIF = "AVIF"


@strawberry.type(description="A resized version of an image, created once and reused.")
class Rendition:
    url: str = strawberry.field(description="Absolute URL of the file.")
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")


@strawberry.type(description="Where the important part of an image is, for cropping.")
class FocalPoint:
    x: int = strawberry.field(description="Centre, in pixels from the left.")
    y: int = strawberry.field(description="Centre, in pixels from the top.")
    width: int = strawberry.field(description="Width of the area.")
    height: int = strawberry.field(description="Height of the area.")


def as_rendition(rendition) -> Rendition:
    return Rendition(url=absolute_url(rendition.url), width=rendition.width, height=rendition.height)


@strawberry.type(description="An image from the media library.")
class Image:
    image: strawberry.Private[object]
    alt_text: strawberry.Private[str]
    alt_language: strawberry.Private[str]
    # The reader's language, which the fields' errors are written in.
    language: strawberry.Private[str]

    @strawberry.field(description="The image's id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.image.pk))

    @strawberry.field(
        description="Text alternative for screen readers: the image's alt text in the requested locale, else in "
        "French until translated (see altLocale); empty for an image without one, to be rendered as decorative "
        '(alt="").'
    )
    def alt(self) -> str:
        return self.alt_text

    @strawberry.field(
        description="The language `alt` is written in: the requested locale, or `fr` while the image's alt text is "
        'not translated into it yet (then mark the image lang="fr", so that a screen reader reads it in French).'
    )
    def alt_locale(self) -> str:
        return self.alt_language

    @strawberry.field(description="Width of the original, in pixels.")
    def width(self) -> int:
        return self.image.width

    @strawberry.field(description="Height of the original, in pixels.")
    def height(self) -> int:
        return self.image.height

    @strawberry.field(description="The focal point an editor set, if any.")
    def focal_point(self) -> FocalPoint | None:
        if not self.image.has_focal_point():
            return None
        image = self.image
        return FocalPoint(
            x=image.focal_point_x, y=image.focal_point_y, width=image.focal_point_width, height=image.focal_point_height
        )

    @strawberry.field(
        description="A rendition by Wagtail filter spec, from the allow-list: original, fill-1200x675, "
        "fill-800x450, fill-400x225, fill-400x400, fill-200x200, max-1600x1600, width-320 … width-1600. "
        "Other specs answer INVALID_INPUT. Null with RENDITION_LIMIT when it is not made yet and the request has "
        "made its share of new renditions: ask again.",
        directives=[Cost(weight=RENDITION_WEIGHT)],
    )
    def rendition(
        self, info: strawberry.Info, spec: str, format: ImageFormat | None = ImageFormat.ORIGINAL
    ) -> Rendition | None:
        with translation.override(self.language):
            try:
                return as_rendition(make_rendition(self.image, spec, format.value, rendition_budget(info)))
            except RenditionNotAllowed as error:
                raise ApiError(str(error), "INVALID_INPUT") from None
            except RenditionBudgetSpent:
                raise rendition_limit_error() from None

    @strawberry.field(
        description="A srcset attribute value for these widths (320, 480, 640, 800, 1024, 1200, 1600 allowed). "
        "Null with RENDITION_LIMIT when some are not made yet and the request has made its share of new "
        "renditions: ask again.",
        directives=[Cost(weight=RENDITION_WEIGHT, per_item_of="widths")],
    )
    def srcset(
        self, info: strawberry.Info, widths: list[int], format: ImageFormat | None = ImageFormat.ORIGINAL
    ) -> str | None:
        with translation.override(self.language):
            try:
                renditions = make_srcset(self.image, widths, format.value, rendition_budget(info))
            except RenditionNotAllowed as error:
                raise ApiError(str(error), "INVALID_INPUT") from None
            except RenditionBudgetSpent:
                raise rendition_limit_error() from None
        return ", ".join(f"{absolute_url(r.url)} {r.width}w" for r in renditions)


def image_node(info: strawberry.Info, image, alt: str = "", *, locale: Locale | None = None) -> Image | None:
    """None for no image and for a private one: neither its title, its alt text nor any URL of it may leave.

    The alt text is the image's own, in the reader's `locale` (its translation, campaign.assets.alt_text), else in
    French (Wagtail's *description*, which editors fill as the alt text), else `alt` (an endorser's logo: its
    institution's name), else empty, which marks the image decorative: never its title, a file name in the
    uploader's language, nor a caption, which the page shows beside the image anyway. No `locale`: French."""
    if not public_assets(info).allows(image):
        return None
    language = locale.language_code if locale else settings.LANGUAGE_CODE
    translated = alt_texts(info, locale).get(image.pk) if language != settings.LANGUAGE_CODE else None
    if translated:
        return Image(image=image, alt_text=translated, alt_language=language, language=language)
    if image.description:
        return Image(image=image, alt_text=image.description, alt_language=settings.LANGUAGE_CODE, language=language)
    return Image(image=image, alt_text=alt, alt_language=language, language=language)


def alt_texts(info: strawberry.Info, locale: Locale) -> dict[int, str]:
    """One query per request and language, asked only when a non-French answer meets an image."""
    return cached(info, ("alt_texts", locale.pk), lambda: translated_alt_texts(locale))


def public_assets(info: strawberry.Info) -> PublicAssets:
    """One per request: the restricted collections are read once, and only by a request that meets an asset."""
    return cached(info, ("public_assets",), PublicAssets)


def rendition_budget(info: strawberry.Info) -> RenditionBudget:
    """One budget per HTTP request, shared by every rendition field of every operation it carries."""
    return cached(info, ("rendition_budget",), lambda: RenditionBudget(settings.GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST))


def rendition_limit_error() -> ApiError:
    """The field answers null; what was made is kept, so asking again makes progress until nothing is missing."""
    message = gettext(
        "This image size is not made yet, and this request has made its share of new ones (at most %(limit)s); "
        "try again in a moment."
    )
    return ApiError(message % {"limit": settings.GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST}, "RENDITION_LIMIT")
