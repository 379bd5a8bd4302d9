"""Upload limits: oversized images, decompression bombs and files that are not images are refused with a clear,
localized message, in the admin and in the API, and nothing of them is stored.

Where each case is covered:

| case | admin: image add, multiple upload, chooser upload | API: endorseCharter's logo |
| --- | --- | --- |
| oversized | over the real 10 MB limit | over the real ENDORSEMENT_LOGO_MAX_BYTES, and lowered |
| decompression bomb | a header declaring 900 million pixels; a real 100-million-pixel PNG of 12 KB | the same |
| not an image | text named .jpg, a PDF named .jpg, HTML and SVG with scripts | the same, and a BMP |
| truncated or corrupt | a cut PNG, a broken chunk, a cut header, an undecodable AVIF | the same |
| request too large | | a multipart body over the API's limit, form fields over Django's, malformed |

tests/endorsements/test_submission.py::test_a_bad_logo_is_refused_and_nothing_is_stored checks the logo's limits
in bytes and pixels one by one (lowered by settings), and test_a_logo_is_stored_re_encoded_as_png that a good logo
is kept.
"""

import html
import io
import json
import random
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import ImageFile as PillowImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from campaign.endorsements.logos import LOGO_COLLECTION
from campaign.endorsements.models import Endorsement

from ..endorsements.mutations import ENDORSE, post_logo
from ..factories import image_bytes

# Pillow warns about the bombs these tests send on purpose.
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")]


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def declaring(width: int, height: int) -> bytes:
    """A 69-byte PNG whose header declares width x height pixels: a bomb's header, as an attacker writes it."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(64))) + chunk(b"IEND", b"")
    )


def broken_chunk() -> bytes:
    """A PNG whose header is fine but whose chunks after it are garbage (Pillow: SyntaxError, when decoding)."""
    png = image_bytes()
    return png[:33] + chunk(b"IDAT", b"") + b"\xa6\xecX\xed" * 8


def undecodable_avif() -> bytes:
    """An AVIF whose primary item points at nothing (Pillow: RuntimeError, when decoding)."""
    avif = image_bytes(image_format="AVIF")
    at = avif.index(b"pitm") + 8
    return avif[:at] + b"\x00\xdd" + avif[at + 2 :]


BOMB_HEADER = declaring(30_000, 30_000)  # 900 million pixels, over twice Pillow's own limit: it will not open it
REAL_BOMB = image_bytes((10_000, 10_000), mode="1")  # 100 million pixels in 12 KB; 400 MB once converted to RGBA
TRUNCATED = image_bytes((400, 400))[:200]
CUT_HEADER = image_bytes()[:8] + bytes(4) + image_bytes()[12:]  # the header chunk's length zeroed (Pillow: ValueError)
SCRIPTED_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
SCRIPTED_HTML = b"<html><body><script>alert(1)</script></body></html>"
FAKE_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


# -- the admin ----------------------------------------------------------------------------------------------------

ADMIN_NOT_AN_IMAGE = {
    "fr": "Téléversez une image valide. Le fichier que vous avez transféré n’est pas une image ou bien est corrompu.",
    "es": "Envíe una imagen válida. El fichero que ha enviado no era una imagen o se trataba de una imagen corrupta.",
}
ADMIN_CASES = {
    "text named .jpg": ("photo.jpg", b"Not a photo at all.", ADMIN_NOT_AN_IMAGE["fr"]),
    "PDF named .jpg": ("scan.jpg", FAKE_PDF, ADMIN_NOT_AN_IMAGE["fr"]),
    "HTML with a script named .png": (
        "page.png",
        SCRIPTED_HTML,
        "Image .png non valide. L'extension de fichier ne correspond pas au format du fichier (svg)",
    ),
    "SVG with a script": (
        "logo.svg",
        SCRIPTED_SVG,
        "Format d'image non supporté. Formats supportés : GIF, JPG, JPEG, PNG, WEBP, AVIF.",
    ),
    "bomb header": (
        "bomb.png",
        BOMB_HEADER,
        "Ce fichier a un trop grand nombre de pixels (nombre inconnu). Nombre maximum de pixels 64000000.",
    ),
    "real bomb": (
        "bomb.png",
        REAL_BOMB,
        "Ce fichier a un trop grand nombre de pixels (100000000). Nombre maximum de pixels 64000000.",
    ),
    "truncated PNG": ("cut.png", TRUNCATED, ADMIN_NOT_AN_IMAGE["fr"]),
    "PNG with a broken chunk": ("broken.png", broken_chunk(), ADMIN_NOT_AN_IMAGE["fr"]),
    "PNG with a cut header": ("header.png", CUT_HEADER, ADMIN_NOT_AN_IMAGE["fr"]),
    "undecodable AVIF": ("photo.avif", undecodable_avif(), ADMIN_NOT_AN_IMAGE["fr"]),
}
UPLOAD_URLS = {
    "add": "/admin/images/add/",
    "multiple": "/admin/images/multiple/add/",
    "chooser": "/admin/images/chooser/create/",
}
UPLOADS = list(UPLOAD_URLS)


def post_upload(client, how: str, name: str, content: bytes):
    """Uploads as each of the admin's ways does: the add form, the multiple uploader, the chooser's upload tab."""
    file = SimpleUploadedFile(name, content)
    fields = {
        "add": {"title": "Photo", "file": file, "collection": root_id()},
        "multiple": {"files[]": file},
        "chooser": {"image-chooser-upload-title": "Photo", "image-chooser-upload-file": file},
    }[how]
    return client.post(UPLOAD_URLS[how], fields)


def upload(client, how: str, name: str, content: bytes) -> str:
    """The error the editor is shown, as text."""
    response = post_upload(client, how, name, content)
    assert response.status_code == 200, "the form again, with its error"
    if how == "add":
        return html.unescape(response.content.decode())
    if how == "multiple":
        answer = response.json()
        assert answer["success"] is False
        return answer["error_message"]
    return html.unescape(response.json()["htmlFragment"])


def root_id() -> int:
    return Collection.get_first_root_node().pk


def stored_files() -> set[Path]:
    return {path for path in Path(django_settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.mark.parametrize("how", UPLOADS)
@pytest.mark.parametrize("case", list(ADMIN_CASES))
def test_the_admin_refuses_what_is_not_a_safe_image_with_a_clear_french_message(admin_in, how, case):
    name, content, message = ADMIN_CASES[case]
    images, files = get_image_model().objects.count(), stored_files()
    shown = upload(admin_in("fr"), how, name, content)
    assert message in shown
    assert get_image_model().objects.count() == images and stored_files() == files


@pytest.mark.parametrize("how", UPLOADS)
def test_a_good_image_is_still_accepted(editor_client, how):
    """The checks above refuse bad files only: every way of uploading still takes a photo."""
    images = get_image_model().objects.count()
    response = post_upload(editor_client, how, "harbour.jpg", image_bytes((1200, 800), "JPEG"))
    assert response.status_code in (200, 302) and get_image_model().objects.count() == images + 1
    stored = get_image_model().objects.latest("pk")
    assert (stored.width, stored.height) == (1200, 800)


@pytest.mark.parametrize("how", UPLOADS)
def test_the_admin_refuses_an_image_over_the_size_limit_in_the_editors_language(admin_in, how, settings):
    oversized = image_bytes() + bytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1024 * 1024)  # 11 MB: data after IEND
    images = get_image_model().objects.count()
    assert "Ce fichier est trop gros (11,0\xa0Mio). La taille de fichier maximale est de 10,0\xa0Mio." in upload(
        admin_in("fr"), how, "big.png", oversized
    )
    assert "Este archivo es demasiado grande (11,0\xa0MB)." in upload(admin_in("es"), how, "big.png", oversized)
    assert ADMIN_NOT_AN_IMAGE["es"] in upload(admin_in("es"), how, "photo.jpg", b"Not a photo.")
    assert get_image_model().objects.count() == images


def test_the_admin_refuses_a_bomb_before_decoding_it(admin_in, monkeypatch):
    """Wagtail's own check decodes the whole picture before counting its pixels: 100 million of them here."""
    decoded = []
    load = PillowImageFile.ImageFile.load

    def watched(image):
        decoded.append(image.size)
        return load(image)

    monkeypatch.setattr(PillowImageFile.ImageFile, "load", watched)
    for how in UPLOADS:
        assert "(100000000)" in upload(admin_in("fr"), how, "bomb.png", REAL_BOMB)
    assert (10_000, 10_000) not in decoded


# -- the API ------------------------------------------------------------------------------------------------------

UNREADABLE = {
    "fr": "Le logo n'est pas une image que nous pouvons lire.",
    "es": "El logotipo no es una imagen que podamos leer.",
}
TOO_MANY_PIXELS = {
    "fr": "Le logo comporte trop de pixels ; veuillez envoyer une image plus petite.",
    "es": "El logotipo tiene demasiados píxeles; envíe una imagen más pequeña.",
}
WRONG_FORMAT = {
    "fr": "Le logo doit être une image PNG, JPEG, WebP, GIF ou AVIF.",
    "es": "El logotipo debe ser una imagen PNG, JPEG, WebP, GIF o AVIF.",
}
LOGO_CASES = {
    "bomb header": (BOMB_HEADER, TOO_MANY_PIXELS),
    "real bomb": (REAL_BOMB, TOO_MANY_PIXELS),
    "text": (b"Not a logo at all.", UNREADABLE),
    "PDF": (FAKE_PDF, UNREADABLE),
    "HTML with a script": (SCRIPTED_HTML, UNREADABLE),
    "SVG with a script": (SCRIPTED_SVG, UNREADABLE),
    "BMP": (image_bytes(image_format="BMP"), WRONG_FORMAT),
    "truncated PNG": (TRUNCATED, UNREADABLE),
    "PNG with a broken chunk": (broken_chunk(), UNREADABLE),
    "PNG with a cut header": (CUT_HEADER, UNREADABLE),
    "undecodable AVIF": (undecodable_avif(), UNREADABLE),
}


def nothing_stored() -> bool:
    return (
        not Endorsement.objects.exists()
        and not get_image_model().objects.filter(collection__name=LOGO_COLLECTION).exists()
    )


def refusal(response) -> list[tuple[str, str, str]]:
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    result = body["data"]["endorseCharter"]
    assert result["__typename"] == "InvalidEndorsement"
    return [(error["field"], error["code"], error["message"]) for error in result["errors"]]


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("case", list(LOGO_CASES))
def test_a_logo_that_is_not_a_safe_image_is_refused_in_the_signers_language(client, valid_input, case, language):
    content, messages = LOGO_CASES[case]
    response = post_logo(client, valid_input(language=language), content)
    assert refusal(response) == [("logo", "INVALID", messages[language])]
    assert nothing_stored()


@pytest.mark.parametrize("logo", ["abc", 42, ["a"], {"name": "logo.png"}])
def test_a_logo_sent_as_json_instead_of_a_file_is_refused_in_the_signers_language(client, valid_input, logo):
    response = client.post(
        "/graphql/",
        {"query": ENDORSE, "variables": {"input": {**valid_input(language="es"), "logo": logo}}},
        content_type="application/json",
    )
    assert refusal(response) == [("logo", "INVALID", "Envíe el logotipo como archivo, en una solicitud multipart.")]
    assert nothing_stored()


def test_an_oversized_logo_is_refused_in_the_signers_language(client, valid_input, settings):
    settings.ENDORSEMENT_LOGO_MAX_BYTES = 1024
    oversized = image_bytes() + bytes(2048)
    assert refusal(post_logo(client, valid_input(language="es"), oversized)) == [
        ("logo", "INVALID", "El logotipo supera los 1 KB.")
    ]
    assert refusal(post_logo(client, valid_input(), oversized)) == [("logo", "INVALID", "Le logo dépasse 1 Ko.")]
    assert nothing_stored()


def test_a_logo_of_a_few_hundred_kilobytes_is_accepted(client, valid_input):
    noise = PillowImage.frombytes("RGB", (300, 300), random.Random(7).randbytes(300 * 300 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 100_000, "well over the API's limit for a query"
    result = post_logo(client, valid_input(), buffer.getvalue()).json()["data"]["endorseCharter"]
    assert result["__typename"] == "EndorsementReceived"
    assert Endorsement.objects.get().logo.collection.name == LOGO_COLLECTION


def test_a_logo_over_the_real_limit_is_refused_by_the_logo_check(client, valid_input, settings):
    oversized = image_bytes() + bytes(settings.ENDORSEMENT_LOGO_MAX_BYTES)
    assert refusal(post_logo(client, valid_input(), oversized)) == [("logo", "INVALID", "Le logo dépasse 2048 Ko.")]
    assert nothing_stored()


def test_a_malformed_multipart_request_answers_400_in_json(client, valid_input, settings):
    garbage = client.post("/graphql/", data=b"garbage", content_type="multipart/form-data")
    files = {str(n): SimpleUploadedFile(f"{n}.png", b"x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)}
    operations = {"query": ENDORSE, "variables": {"input": {**valid_input(), "logo": None}}}
    too_many = client.post("/graphql/", {"operations": json.dumps(operations), "map": "{}", **files})
    for response in (garbage, too_many):
        assert response.status_code == 400 and response["Content-Type"] == "application/json"
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert nothing_stored()


def test_a_multipart_body_over_the_apis_limit_answers_413_in_json(client, valid_input, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = settings.ENDORSEMENT_LOGO_MAX_BYTES = 10_000
    response = post_logo(client, valid_input(), image_bytes() + bytes(200_000))
    assert response.status_code == 413 and response["Cache-Control"] == "no-store"
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert nothing_stored()


def test_multipart_form_fields_over_djangos_memory_limit_answer_413_in_json(client, valid_input, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE counts the form fields (here the operations), not the file."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = post_logo(client, valid_input(statement="x" * 3_000), image_bytes())
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert nothing_stored()
