"""Uploaded images at /media/<name>, in every environment, and only those the public may see.

The media folder holds more than the API gives out: originals and renditions of images in restricted collections,
documents (whose own route, /documents/<id>/<filename>, checks restrictions), logos of endorsements not published.
Serving the folder by path would hand all of them to whoever guesses or keeps a name, so this view serves a name
only when it is the file of an image, or of one of its renditions, that the API may show (`private_image`); staff
who may choose or edit a private image get it too (its admin thumbnails go through here), never cached by a shared
cache. Anything else is a 404, the same for a missing file as for a private one.

Path tricks cannot reach another file: the name must equal a file name stored in the database (so `..`, absolute
paths and encoded variants match nothing), and the file found on disk must resolve inside MEDIA_ROOT (a symlink
pointing out of it is refused).

How the bytes leave depends on the storage:
- on this machine's disk, streamed by Django (FileResponse), or by a reverse proxy when MEDIA_ACCEL_REDIRECT names
  its internal location (nginx's X-Accel-Redirect: the check stays here, the copying goes to the proxy);
- on object storage (`SignedURLS3Storage`), the bucket is private and the answer is a redirect to a URL signed for
  MEDIA_SIGNED_URL_SECONDS.
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.encoding import filepath_to_uri
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3Storage
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from campaign.assets.images import under_a_restriction
from campaign.endorsements.logos import LOGO_COLLECTION
from campaign.endorsements.public import approved


@require_safe
def serve_media(request: HttpRequest, name: str) -> HttpResponse:
    """An image file or rendition by its stored name: public ones to everyone, private ones to their staff."""
    image = image_of(name) if plausible(name) else None
    if image is None or (image.private and not staff_may_see(request.user, image)):
        return not_found()
    response = file_response(name)
    if response is None:
        return not_found()
    if image.private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=public_max_age(response))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_max_age(response: HttpResponse) -> int:
    """A redirect to a signed URL is kept at most half the signature's life, so that a cached one still works."""
    if isinstance(response, HttpResponseRedirect):
        return min(settings.MEDIA_CACHE_SECONDS, settings.MEDIA_SIGNED_URL_SECONDS // 2)
    return settings.MEDIA_CACHE_SECONDS


def plausible(name: str) -> bool:
    """Refuses before the database what no stored name looks like (NUL and control characters would even make
    PostgreSQL raise): an absolute path, a backslash, an empty, `.` or `..` segment."""
    if not name or name.startswith("/") or "\\" in name or any(ord(char) < 32 or ord(char) == 127 for char in name):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def image_of(name: str):
    """The image whose original or one of whose renditions is stored as `name`, with `private` telling whether the
    public may not see it; None when no image has that file. One query."""
    images = get_image_model().objects.filter(Q(file=name) | Q(renditions__file=name))
    return images.annotate(private=ExpressionWrapper(private_image(), output_field=BooleanField())).order_by().first()


def private_image() -> Q:
    """In a restricted collection (or under one), or an endorser's logo that no published endorsement shows (not
    yet approved, rejected, withdrawn): the API gives neither, so neither may be fetched by its path."""
    in_logo_collection = Exists(
        Collection.objects.filter(StartsWith(OuterRef("collection__path"), F("path")), name=LOGO_COLLECTION)
    )
    shown_as_logo = Exists(approved().filter(logo=OuterRef("pk")))
    return Q(under_a_restriction("collection__path")) | (Q(in_logo_collection) & ~Q(shown_as_logo))


def staff_may_see(user, image) -> bool:
    policy = policy_registry.get_by_type(get_image_model())
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], image)


def file_response(name: str) -> HttpResponse | None:
    """The file's bytes, the proxy's instruction to send them, or the redirect to a signed URL; None when the file
    is missing or lies outside MEDIA_ROOT."""
    if isinstance(default_storage, SignedURLS3Storage):
        return HttpResponseRedirect(default_storage.signed_url(name))
    path = inside_media_root(default_storage.path(name))
    if path is None:
        return None
    if settings.MEDIA_ACCEL_REDIRECT:
        return accel_redirect(name)
    return FileResponse(open(path, "rb"))


def inside_media_root(path: str) -> str | None:
    """The file's real path when it is a regular file inside MEDIA_ROOT once symlinks are resolved, else None."""
    real = os.path.realpath(path)
    root = os.path.realpath(settings.MEDIA_ROOT)
    if os.path.commonpath([real, root]) != root or not os.path.isfile(real):
        return None
    return real


def accel_redirect(name: str) -> HttpResponse:
    response = HttpResponse(content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(name)
    return response


def not_found() -> HttpResponse:
    """Not kept by a cache: a private image and a missing one answer alike, and a file may become public later."""
    response = HttpResponseNotFound()
    patch_cache_control(response, no_cache=True)
    return response


class SignedURLS3Storage(S3Storage):
    """Uploads on object storage, in a private bucket: every file's URL is this server's /media/ route, which
    checks the file is public (above) before redirecting to a URL signed for a short time.

    A custom domain (AWS_S3_CUSTOM_DOMAIN) can only front a private bucket with CloudFront signed URLs, so it needs
    AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY; without them its URLs would be unsigned, and refused."""

    def __init__(self, **settings_):
        super().__init__(**settings_)
        if self.custom_domain and not self.cloudfront_signer:
            raise ImproperlyConfigured(
                "AWS_S3_CUSTOM_DOMAIN needs AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY: the media bucket is private."
            )

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return settings.MEDIA_URL + filepath_to_uri(name)

    def signed_url(self, name: str) -> str:
        return super().url(name, expire=settings.MEDIA_SIGNED_URL_SECONDS)
