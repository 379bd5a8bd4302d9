"""An endorser's logo: limited in bytes and pixels, decoded once and re-encoded as PNG, so that whatever was
uploaded (a crafted file, metadata, a polyglot) never reaches the media folder as it came."""

import io
import secrets

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from campaign.assets.images import UNREADABLE

ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF", "AVIF"}
# Logos live in their own collection: they are not site content (see campaign.publishing.generation_signals).
LOGO_COLLECTION = "Endorsement logos"
STORED_SIDE = 1024


class LogoRejected(Exception):
    pass


def checked_logo(upload) -> bytes:
    """`upload` re-encoded as PNG; raises LogoRejected with a translated reason. Nothing is stored yet: the
    submission may still be refused."""
    if not isinstance(upload, UploadedFile):
        raise LogoRejected(_("Send the logo as a file, in a multipart request."))
    if upload.size > settings.ENDORSEMENT_LOGO_MAX_BYTES:
        limit = settings.ENDORSEMENT_LOGO_MAX_BYTES // 1024
        raise LogoRejected(_("The logo is larger than %(limit)s KB.") % {"limit": limit})
    return reencoded(upload.read())


def store_logo(upload, institution_name: str):
    """A new image in the media library, re-encoded from `upload`; raises LogoRejected with a translated reason."""
    return store_png(checked_logo(upload), institution_name)


def store_png(png: bytes, institution_name: str):
    """A new image in the media library, from checked_logo's PNG."""
    file = ImageFile(io.BytesIO(png), name=f"endorsement-logo-{secrets.token_hex(8)}.png")
    title = _("Logo: %(name)s") % {"name": institution_name}
    return get_image_model().objects.create(title=title, file=file, collection=logo_collection())


def logo_collection() -> Collection:
    found = Collection.objects.filter(name=LOGO_COLLECTION).first()
    return found or Collection.get_first_root_node().add_child(name=LOGO_COLLECTION)


def reencoded(data: bytes) -> bytes:
    try:
        with PillowImage.open(io.BytesIO(data)) as source:
            check_dimensions(source)
            picture = source.convert("RGBA")
    except PillowImage.DecompressionBombError:
        raise too_many_pixels() from None
    except UNREADABLE:
        raise LogoRejected(_("The logo is not an image we can read.")) from None
    picture.thumbnail((STORED_SIDE, STORED_SIDE))
    output = io.BytesIO()
    picture.save(output, format="PNG", optimize=True)
    return output.getvalue()


def check_dimensions(source: PillowImage.Image) -> None:
    """Before decoding: the header tells the format and size, so a decompression bomb is refused unopened."""
    if source.format not in ACCEPTED_FORMATS:
        raise LogoRejected(_("The logo must be a PNG, JPEG, WebP, GIF or AVIF image."))
    if source.width * source.height > settings.ENDORSEMENT_LOGO_MAX_PIXELS:
        raise too_many_pixels()


def too_many_pixels() -> LogoRejected:
    """Also for a bomb Pillow refuses to open (beyond twice its own limit): the signer is told what is wrong with
    the file, not that it is unreadable."""
    return LogoRejected(_("The logo has too many pixels; please send a smaller image."))
