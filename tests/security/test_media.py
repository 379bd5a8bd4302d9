"""Media: every image URL the API gives is served, without DEBUG (as in production); nothing private is served by
its path (images and renditions of restricted collections, logos of unpublished endorsements, documents, files no
image owns), whatever the path's shape; staff see their private images in the admin; object storage answers with
signed redirects."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from campaign.endorsements.logos import logo_collection
from cms.media import SignedURLS3Storage

from ..factories import make_endorsement, make_image

pytestmark = pytest.mark.django_db

STORY_COVER = """
query { cityStories(limit: 1) { items { coverImage {
  rendition(spec: "fill-400x225") { url } srcset(widths: [320, 480]) original: rendition(spec: "original") { url }
} } } }
"""
S3_STORAGE = {
    "BACKEND": "cms.media.SignedURLS3Storage",
    "OPTIONS": {
        "bucket_name": "lampedusa-media",
        "region_name": "eu-west-3",
        "access_key": "AKIAEXAMPLEEXAMPLE00",
        "secret_key": "not-a-real-secret-key-for-tests-only-00000",
    },
}


def private_collection(restriction: str = "login") -> Collection:
    collection = Collection.get_first_root_node().add_child(name=f"Private {restriction}")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=restriction, password="pw")
    return collection


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_every_image_url_the_api_gives_is_served_with_caching_and_nosniff(graphql, client):
    assert django_settings.DEBUG is False
    cover = graphql(STORY_COVER)["data"]["cityStories"]["items"][0]["coverImage"]
    urls = [cover["rendition"]["url"], cover["original"]["url"]]
    urls += [candidate.split(" ")[0] for candidate in cover["srcset"].split(", ")]
    for url in urls:
        response = client.get(path_of(url))
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")
        assert response["Cache-Control"] == f"public, max-age={django_settings.MEDIA_CACHE_SECONDS}"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content)[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1")


def test_a_head_request_is_answered_and_a_post_is_refused(client):
    image = make_image()
    assert client.head(image.file.url).status_code == 200
    assert client.post(image.file.url).status_code == 405


@pytest.mark.parametrize("restriction", ["login", "password", "groups"])
def test_originals_and_renditions_of_restricted_collections_are_not_served(client, restriction):
    parent = private_collection(restriction)
    for collection in (parent, parent.add_child(name="Nested")):
        image = make_image(collection=collection, file_name="private-photo.png")
        rendition = image.get_rendition("width-320")
        for url in (image.file.url, rendition.url):
            response = client.get(url)
            assert response.status_code == 404, url
            assert "no-cache" in response["Cache-Control"]


def test_an_image_becomes_unservable_once_its_collection_is_restricted(client):
    collection = Collection.get_first_root_node().add_child(name="Soon private")
    image = make_image(collection=collection)
    assert client.get(image.file.url).status_code == 200
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert client.get(image.file.url).status_code == 404


def test_staff_see_the_private_images_of_their_collections_uncached_and_no_one_else(client, django_user_model):
    collection = private_collection()
    image = make_image(collection=collection)
    rendition = image.get_rendition("max-165x165")  # the admin listing's thumbnail
    outsider = django_user_model.objects.create_user("outsider", password="x")
    client.force_login(outsider)
    assert client.get(rendition.url).status_code == 404
    photographer = django_user_model.objects.create_user("photographer", password="x")
    group = photographer.groups.create(name="Photographers")
    choose = Permission.objects.get(content_type__app_label="wagtailimages", codename="choose_image")
    GroupCollectionPermission.objects.create(group=group, collection=collection, permission=choose)
    client.force_login(photographer)
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_documents_are_never_served_by_their_file_path_and_their_url_is_wagtails_checked_view(client):
    """Wagtail's view: restrictions checked, attachment but for PDFs, which open inline under a CSP allowing nothing."""
    document = get_document_model().objects.create(
        title="Public report", file=ContentFile(b"%PDF-1.4 public", name="public-report.pdf")
    )
    assert document.url == f"/documents/{document.pk}/public-report.pdf"
    assert client.get(django_settings.MEDIA_URL + document.file.name).status_code == 404
    response = client.get(document.url)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('filename="public-report.pdf"')
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    document.collection = private_collection()
    document.save()
    assert client.get(document.url).status_code != 200


def test_a_file_in_the_media_folder_that_no_image_owns_is_not_served(client):
    stray = Path(django_settings.MEDIA_ROOT) / "original_images" / "stray.png"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"\x89PNG not an image of the library")
    assert client.get("/media/original_images/stray.png").status_code == 404


TRICKS = [
    "/media/",
    "/media/original_images/",
    "/media/original_images",
    "/media/original_images/../original_images/{file}",
    "/media/original_images/%2e%2e/original_images/{file}",
    "/media/original_images/%252e%252e/original_images/{file}",
    "/media/./original_images/{file}",
    "/media//original_images/{file}",
    "/media/original_images//{file}",
    "/media/original_images%2f{file}",
    "/media/original_images%5c{file}",
    "/media/original_images\\{file}",
    "/media/{root}/original_images/{file}",
    "/media/%2F{root}%2Foriginal_images%2F{file}",
    "/media/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/media/../../../../etc/passwd",
    "/media/%2e%2e%2f%2e%2e%2fetc/passwd",
    "/media/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/media//etc/passwd",
    "/media/original_images/{file}%00.png",
    "/media/original_images/{file}%0a",
    "/media/original_images/{file}/",
    "/media/original_images/{file}/.",
    "/media/ORIGINAL_IMAGES/{file}",
]


@pytest.mark.parametrize("trick", TRICKS)
def test_no_path_shape_reaches_a_private_file_or_anything_outside(client, trick):
    """A private original, and the media root itself, are tried under every shape of path: always a 404 (after
    the locale redirect that any 404 looking like a page path gets: /media/original_images/ to /fr/media/…)."""
    image = make_image(collection=private_collection(), file_name="secret-photo.png")
    file = Path(image.file.name).name
    url = trick.format(file=file, root=str(Path(django_settings.MEDIA_ROOT)).lstrip("/"))
    response = client.get(url, follow=True)
    assert response.status_code == 404, url
    assert all(path.startswith("/fr/media/") for path, _status in response.redirect_chain), url


def test_a_symlink_pointing_out_of_the_media_folder_is_not_followed(client, tmp_path):
    """Even when an image's stored name is a link to a file elsewhere on the machine."""
    outside = tmp_path / "server-secret.png"
    outside.write_bytes(b"\x89PNG secret outside the media folder")
    image = make_image(file_name="linked.png")
    Path(image.file.path).unlink()
    os.symlink(outside, image.file.path)
    assert client.get(image.file.url).status_code == 404


def test_one_query_serves_a_file(client, django_assert_num_queries):
    image = make_image()
    with django_assert_num_queries(1):
        assert client.get(image.file.url).status_code == 200


def test_a_reverse_proxy_can_send_the_file_after_the_check(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    image = make_image(file_name="for nginx.png")
    response = client.get(image.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + image.file.name.replace(" ", "%20")
    assert response["Content-Type"] == "image/png"
    private = make_image(collection=private_collection())
    response = client.get(private.file.url)
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_with_object_storage_urls_go_through_the_check_to_a_signed_redirect(client, settings):
    public = make_image(file_name="public.png")
    private = make_image(collection=private_collection(), file_name="private.png")
    settings.STORAGES = {**settings.STORAGES, "default": S3_STORAGE}
    public.file.storage = storages["default"]
    assert public.file.url == f"/media/{public.file.name}"
    response = client.get(f"/media/{public.file.name}")
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith(f"https://lampedusa-media.s3.amazonaws.com/{public.file.name}?")
    assert "X-Amz-Signature=" in target and f"X-Amz-Expires={settings.MEDIA_SIGNED_URL_SECONDS}" in target
    assert response["Cache-Control"] == f"public, max-age={settings.MEDIA_SIGNED_URL_SECONDS // 2}"
    assert client.get(f"/media/{private.file.name}").status_code == 404


def test_object_storage_refuses_a_custom_domain_that_would_serve_the_private_bucket_unsigned():
    options = {**S3_STORAGE["OPTIONS"], "custom_domain": "media.example.org"}
    with pytest.raises(ImproperlyConfigured):
        SignedURLS3Storage(**options)


def test_an_endorsers_logo_is_served_only_while_its_endorsement_is_published(client):
    """As in the API: not before approval, not after a withdrawal; an ordinary image given as a logo stays public."""
    logo = make_image("Logo: Ville de Test", collection=logo_collection(), file_name="endorsement-logo-test.png")
    endorsement = make_endorsement("Ville de Test", status="pending_review", logo=logo)
    rendition = logo.get_rendition("max-400x400")
    assert [client.get(url).status_code for url in (logo.file.url, rendition.url)] == [404, 404]
    endorsement.status = "approved"
    endorsement.save()
    assert [client.get(url).status_code for url in (logo.file.url, rendition.url)] == [200, 200]
    endorsement.status = "withdrawn"
    endorsement.save()
    assert client.get(rendition.url).status_code == 404
    photo = make_image("Harbour", file_name="harbour.png")
    make_endorsement("Ville de Photo", status="withdrawn", logo=photo)
    assert client.get(photo.file.url).status_code == 200
