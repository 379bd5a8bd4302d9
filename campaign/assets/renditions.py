"""Image renditions the API may create: only specs and widths from the allow-lists in settings, and only so many
new ones per request.

An open spec would let anyone make the server resize images to arbitrary sizes (a cheap denial of service), so
every spec and width is checked here before Wagtail creates (once) or reuses a rendition. Even allowed specs are
costly the first time (decoding and encoding an image takes tens of milliseconds): one query asking 20 aliased
renditions of 100 covers made 2,352 of them in 217 s. So a request draws on a budget of renditions it may create
(RenditionBudget); renditions that exist already are free, and what the budget does not cover is refused
(RenditionBudgetSpent) and made by a later request. The renditions the frontend's operations use are made
beforehand, in the background, when an image is uploaded or changed (campaign.assets.pregeneration): the budget is
for what that left missing.

The refusals' messages are translated into the active language: the API answers them in the reader's.
"""

from django.conf import settings
from django.utils.translation import gettext
from PIL import features
from wagtail.images.models import AbstractImage, AbstractRendition, Filter

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


def encodable(image_format: str) -> bool:
    """Whether this server's Pillow can write the format (AVIF and WEBP need their codecs)."""
    codec = OPTIONAL_CODECS.get(image_format)
    return not codec or features.check(codec)


def filter_spec(spec: str, image_format: str = "ORIGINAL") -> str:
    if not encodable(image_format):
        raise RenditionNotAllowed(
            gettext("%(format)s images cannot be made on this server; ask for WEBP or JPEG.") % {"format": image_format}
        )
    if spec not in settings.IMAGE_RENDITION_SPECS:
        allowed = ", ".join(settings.IMAGE_RENDITION_SPECS)
        raise RenditionNotAllowed(
            gettext("Rendition spec %(spec)s is not allowed; use one of: %(allowed)s.")
            % {"spec": repr(spec[:40]), "allowed": allowed}
        )
    return "|".join(part for part in (spec, FORMAT_FILTERS[image_format]) if part)


class RenditionBudgetSpent(Exception):
    """The request has created as many renditions as it may; the others wait for a later request."""


class RenditionBudget:
    """How many renditions one request may still create. Reused renditions cost nothing."""

    def __init__(self, limit: int):
        self.remaining = max(limit, 0)

    def take(self, wanted: int) -> int:
        """As many of `wanted` as remain; what is granted is spent."""
        granted = min(wanted, self.remaining)
        self.remaining -= granted
        return granted


def rendition(image: AbstractImage, spec: str, image_format: str, budget: RenditionBudget) -> AbstractRendition:
    return renditions(image, [filter_spec(spec, image_format)], budget)[0]


def srcset(
    image: AbstractImage, widths: list[int], image_format: str, budget: RenditionBudget
) -> list[AbstractRendition]:
    """The renditions of a srcset, narrowest first, each of a different width: a srcset whose descriptors repeat
    is invalid HTML, and browsers drop it whole."""
    refused = [width for width in widths if width not in settings.IMAGE_SRCSET_WIDTHS]
    if refused or not widths:
        allowed = ", ".join(str(width) for width in settings.IMAGE_SRCSET_WIDTHS)
        raise RenditionNotAllowed(
            gettext("Widths %(widths)s are not allowed; use some of: %(allowed)s.")
            % {"widths": (refused or widths)[:10], "allowed": allowed}
        )
    specs = [filter_spec(f"width-{width}", image_format) for width in distinct_widths(widths, image.width)]
    return distinct_descriptors(renditions(image, specs, budget))


def distinct_widths(widths: list[int], original: int) -> list[int]:
    """The widths worth making, in order: Wagtail never enlarges, so every width from the original's up gives the
    original's width, and only the narrowest of them is made."""
    wanted = sorted(set(widths))
    narrower = [width for width in wanted if width < original]
    return narrower + [width for width in wanted if width >= original][:1]


def distinct_descriptors(made: list[AbstractRendition]) -> list[AbstractRendition]:
    """The first rendition of each width: whatever the specs gave, no `w` descriptor is repeated."""
    by_width: dict[int, AbstractRendition] = {}
    for item in made:
        by_width.setdefault(item.width, item)
    return list(by_width.values())


def renditions(image: AbstractImage, specs: list[str], budget: RenditionBudget) -> list[AbstractRendition]:
    """The image's renditions for these specs, in order. Existing ones are looked up first, for free: in the
    renditions prefetched with a list of images (no query), else in Wagtail's rendition cache and one query.
    Missing ones are created while the budget lasts; if it does not cover them all, those it covers are still made
    (so that every request makes progress) and RenditionBudgetSpent is raised."""
    filters = [Filter(spec=spec) for spec in specs]
    found = image.find_existing_renditions(*filters)
    remember(image, found)
    missing = [item for item in filters if item not in found]
    if not missing:
        return [found[item] for item in filters]
    granted = missing[: budget.take(len(missing))]
    made = image.get_renditions(*granted) if granted else {}
    if len(granted) < len(missing):
        raise RenditionBudgetSpent()
    return [found[item] if item in found else made[item.spec] for item in filters]


def remember(image: AbstractImage, found: dict[Filter, AbstractRendition]) -> None:
    """What Wagtail's get_renditions does with what it finds: renditions not prefetched with a list go into the
    rendition cache (Redis in production), so that the next request reads them without a query."""
    model = image.get_rendition_model()
    fresh = {
        model.construct_cache_key(image, item.get_cache_key(image), item.spec): rendition
        for item, rendition in found.items()
        if not getattr(rendition, "_from_cache", False)
    }
    if fresh:
        model.cache_backend.set_many(fresh)
