"""Images: what the admin accepts as an upload, and which images may leave through the API.

Uploads: Wagtail's image field counts an upload's pixels only after decoding the whole picture, so a decompression
bomb below twice Pillow's own limit (179 million pixels) is decoded in full before being refused, and a truncated
or corrupt file escapes as a server error. `ImageForm` (WAGTAILIMAGES_IMAGE_FORM_BASE) counts pixels from the
header first and answers a file Pillow cannot decode with the field's own "not a valid image" message.

Visibility (`PublicAssets`, for images and documents alike): a view restriction on a collection (password,
groups, login) makes its images and documents, and those of the collections under it, private, as it does for
Wagtail's own serving of its documents.
"""

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.lookups import StartsWith
from PIL import Image as PillowImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, CollectionViewRestriction

from campaign.compiled import constant

# What Pillow raises, besides its decompression-bomb error, for a file it cannot decode (truncated, corrupt).
UNREADABLE = (OSError, SyntaxError, ValueError, RuntimeError)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, checking pixels before decoding and refusing what cannot be decoded (see above)."""

    def check_image_pixel_size(self, f):
        self.check_declared_pixels(f.image.f)
        try:
            super().check_image_pixel_size(f)
        except UNREADABLE:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from None

    def check_declared_pixels(self, file) -> None:
        """Refuses on the header's numbers, before Wagtail's own check decodes the whole picture."""
        pixels = declared_pixels(file)
        if pixels is None or self.max_image_pixels is None or pixels <= self.max_image_pixels:
            return
        raise ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
            code="file_too_many_pixels",
        )


def declared_pixels(file) -> int | None:
    """Width times height times frames, as the header declares them; None when Pillow will not open the file at
    all (Wagtail's own check then refuses it with the matching message)."""
    try:
        with PillowImage.open(file) as image:
            return image.width * image.height * getattr(image, "n_frames", 1)
    except (PillowImage.DecompressionBombError, *UNREADABLE):
        return None
    finally:
        file.seek(0)


class ImageForm(BaseImageForm):
    """Every image form of the admin (single and multiple upload, chooser, edit) with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = checked(self.fields["file"])


def checked(field: WagtailImageField) -> CheckedImageField:
    return CheckedImageField(
        label=field.label, required=field.required, widget=field.widget, max_length=field.max_length
    )


def under_a_restriction(collection_path: str) -> Exists:
    """True for a collection (its tree path reached by `collection_path`) with a view restriction on it or on one
    above it, as Collection.get_view_restrictions() reads them."""
    on_or_above = StartsWith(OuterRef(collection_path), F("collection__path"))
    return Exists(CollectionViewRestriction.objects.filter(on_or_above))


def restricted_collection_ids() -> frozenset[int]:
    """Collections whose images are private, in one query whatever their number (compiled once per process)."""
    return frozenset(constant(restricted_collections, connection.vendor).fetch())


def restricted_collections() -> QuerySet:
    return Collection.objects.filter(under_a_restriction("path")).values_list("pk", flat=True)


class PublicAssets:
    """The API's one rule for images and documents alike: an asset outside every restricted collection may leave;
    one inside answers null (neither its title, alt text nor any URL of it leaves). The restricted collections are
    read once, when the first asset is asked about, so an answer without assets costs no query."""

    def __init__(self) -> None:
        self._restricted: frozenset[int] | None = None

    def allows(self, asset) -> bool:
        if asset is None:
            return False
        if self._restricted is None:
            self._restricted = restricted_collection_ids()
        return asset.collection_id not in self._restricted
