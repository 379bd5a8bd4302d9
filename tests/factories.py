"""Small builders for test objects that the content files do not provide."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from campaign.endorsements.models import Endorsement


def image_bytes(size: tuple[int, int] = (40, 30), image_format: str = "PNG", mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, 128).save(buffer, format=image_format)
    return buffer.getvalue()


def make_image(
    title: str = "Test cover",
    size: tuple[int, int] = (640, 360),
    collection: Collection | None = None,
    file_name: str = "cover.png",
) -> Image:
    file = ImageFile(io.BytesIO(image_bytes(size)), name=file_name)
    collection = collection or Collection.get_first_root_node()
    return Image.objects.create(title=title, file=file, collection=collection)


def make_endorsement(name: str, status: str = "pending_review", **fields) -> Endorsement:
    values = {
        "institution_name": name,
        "kind": "city",
        "country": "FR",
        "signatory_name": "Signer",
        "signatory_title": "Mayor",
        "email": f"{name.lower().replace(' ', '')}@example.org",
        "phone": "+33 1 00 00 00 00",
        "language": "es",
        "consent_publication": True,
        "consent_version": "2026-01",
        "status": status,
        **fields,
    }
    return Endorsement.objects.create(**values)
