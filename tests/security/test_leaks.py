"""Nothing private leaves through the API: drafts, unpublished revisions, restricted pages and their translations,
pages past their expiry date, images in restricted collections, owners' emails, endorsements that are not approved
and signers' contact data.

Everything private below carries a marker; every root field is then queried, with nested fields, for
every page of every locale, and the marker must appear nowhere in any answer.
"""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.rich_text import RichText

from campaign.models import CharterPage, CityStoryIndexPage, CityStoryPage, HomeFeaturedStory

from ..factories import (
    CityStoryPageFactory,
    PrinciplePageFactory,
    home,
    make_endorsement,
    make_image,
    section,
    translate,
)

pytestmark = pytest.mark.django_db

MARKER = "ZQXLEAK"  # occurs in no language of the content
OPERATIONS = Path(__file__).resolve().parent.parent / "graphql" / "operations"
IMAGE_FIELDS = """
fragment image on Image { id alt width height rendition(spec: "original") { url } srcset(widths: [320]) }
"""
# Every field that answers an image, on every page type that has one.
PAGE_IMAGES = (
    """
query ($path: String!) {
  page(path: $path) {
    seo { image { ...image } }
    ... on CityStoryPage { coverImage { ...image } body { ...imageBlock } relatedStories { coverImage { ...image } } }
    ... on HomePage { body { ...imageBlock } featuredStories { coverImage { ...image } } }
    ... on CampaignPage { body { ...imageBlock } featuredStories { coverImage { ...image } } }
    ... on PrinciplePage { icon { ...image } body { ...imageBlock } }
    ... on CharterChapterPage { body { ...imageBlock } }
    ... on StandardPage { body { ...imageBlock } }
  }
}
fragment imageBlock on ImageBlock { caption image { ...image } }
"""
    + IMAGE_FIELDS
)
SITEMAP_FIELDS = "url lastModified alternates { locale url title }"
ROOT_QUERIES = [
    "{ locales { code name } }",
    '{ site(locale: "%s") { name mainMenu { title url children { title url } } footerMenu { title url } '
    "contactEmail privacyPage { title url } } }",
    '{ charter(locale: "%s") { title chapters { title url body { __typename ... on ParagraphBlock { html } } } '
    "principles { title url translations { url title } } } }",
    '{ milestones(locale: "%s") { title url summary } }',
    '{ campaign(locale: "%s") { title featuredStories { title url coverImage { ...image } } } }' + IMAGE_FIELDS,
    '{ cityStories(locale: "%s", limit: 100) { totalCount items { title url relatedStories { title url } '
    "coverImage { ...image } seo { image { ...image } } } "
    "facets { countries { label count } themes { label count } years { value count } } } }" + IMAGE_FIELDS,
    '{ search(query: "ZQXLEAK", locale: "%s") { totalCount items { title url } } }',
    '{ cityStories(locale: "%s", filter: {search: "ZQXLEAK"}) { totalCount items { title } } }',
    '{ endorsements(locale: "%s", limit: 100) { totalCount items { institutionName signatoryName statement } } }',
    '{ endorsementStats(locale: "%s") { total byCountry { label count } byKind { label count } } }',
    '{ endorsementForm(locale: "%s") { consentText fields { name label } } }',
]


@pytest.fixture
def secrets(editor):
    index = section(CityStoryIndexPage)
    draft = CityStoryPage(
        title=f"{MARKER} draft story", slug="zqxleak-draft", summary=f"{MARKER} summary", owner=editor
    )
    index.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish()

    principle = PrinciplePageFactory(parent=section(CharterPage))
    principle.title = f"{MARKER} unpublished revision"
    principle.save_revision()

    stories = [translated_story(index) for _ in range(2)]
    for story, restriction in zip(stories, ("password", "groups"), strict=True):
        story.title = f"{MARKER} restricted {restriction}"
        story.save_revision().publish()
        rule = PageViewRestriction.objects.create(page=story, restriction_type=restriction, password="pw")
        if restriction == "groups":
            rule.groups.add(Group.objects.get_or_create(name="Insiders")[0])
    translated_in_every_language(stories)
    published_then_expired(index)

    for status in ("unconfirmed", "pending_review", "rejected", "withdrawn"):
        make_endorsement(
            f"{MARKER} {status} city",
            status,
            signatory_name=f"{MARKER} signer",
            email=f"{MARKER.lower()}-{status}@example.org",
        )
    make_endorsement(
        "Approved city",
        "approved",
        email=f"{MARKER.lower()}-contact@example.org",
        phone=f"+33 6 {MARKER}",
        approved_at=principle.first_published_at,
    )
    with_private_images(featured_on_the_home_page(CityStoryPageFactory(parent=index)))
    return draft


def translated_story(index: CityStoryIndexPage) -> CityStoryPage:
    story = CityStoryPageFactory(parent=index)
    for language_code in ("en", "es"):
        translate(story, language_code, slug=f"{story.slug}-{language_code}")
    return story


def translated_in_every_language(stories) -> None:
    """The restricted French stories' translations (pages of other trees, without restrictions of their own)
    published with the marker in their titles."""
    keys = [story.translation_key for story in stories]
    translations = CityStoryPage.objects.filter(translation_key__in=keys, alias_of__isnull=True).exclude(
        locale__language_code="fr"
    )
    assert translations, "the restricted stories have translations"
    for translation in translations:
        translation.title = f"{MARKER} translation of a restricted story"
        translation.save_revision().publish()


def published_then_expired(index: CityStoryIndexPage) -> None:
    """A live story whose expiry date has passed, the scheduler not having run yet (its aliases carry its title)."""
    story = CityStoryPage(title=f"{MARKER} expired story", slug="zqxleak-expired", summary=f"{MARKER} summary")
    index.add_child(instance=story)
    story.save_revision().publish()
    CityStoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(minutes=1))


def private_collection(name: str, restriction: str = "login") -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=restriction, password="pw")
    return collection


def featured_on_the_home_page(story: CityStoryPage) -> CityStoryPage:
    french_home = home()
    HomeFeaturedStory.objects.create(page=french_home, story=story, sort_order=0)
    french_home.save_revision().publish()
    return story


def with_private_images(story: CityStoryPage) -> None:
    """A live public story, featured on the home page, whose cover (in a collection under a restricted one), body
    image and document (in the restricted collection itself, the document also linked from a paragraph) carry the
    marker in their titles and file names."""
    private = private_collection(f"{MARKER} private")
    nested = private.add_child(name=f"{MARKER} nested")
    story.cover_image = make_image(f"{MARKER} cover", collection=nested, file_name=f"{MARKER.lower()}-cover.png")
    photo = make_image(f"{MARKER} photo", collection=private, file_name=f"{MARKER.lower()}-photo.png")
    story.body.append(("image", {"image": photo, "caption": "", "credit": ""}))
    report = get_document_model().objects.create(
        title=f"{MARKER} report", file=ContentFile(b"%PDF-1.4", name=f"{MARKER.lower()}-report.pdf"), collection=private
    )
    story.body.append(("document", {"document": report, "title": ""}))
    link = f'<p>Lire <a linktype="document" id="{report.pk}">le rapport interne</a>.</p>'
    story.body.append(("paragraph", RichText(link)))
    story.save_revision().publish()


def assert_clean(body: dict, what: str) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert MARKER not in text and MARKER.lower() not in text, f"{what}: {text[:300]}"
    assert "editor@example.org" not in text, what


def test_no_root_field_reveals_anything_private(graphql, sitemap, secrets):
    for locale in ("fr", "en", "es"):
        for query in ROOT_QUERIES:
            document = query % locale if "%s" in query else query
            assert_clean(graphql(document), document)
        assert_clean(sitemap(locale, SITEMAP_FIELDS), f"the {locale} sitemap")
    assert_clean(graphql(f"{{ pageById(id: {secrets.pk}) {{ title }} }}"), "pageById of a draft")


def test_no_page_of_any_locale_reveals_anything_private(graphql, sitemap, secrets):
    story = (OPERATIONS / "story.graphql").read_text()
    switcher = (OPERATIONS / "language_switcher.graphql").read_text()
    for locale in ("fr", "en", "es"):
        paths = [entry["url"] for entry in sitemap(locale)]
        assert paths, locale
        for path in paths:
            assert_clean(graphql(story, path=path), path)
            assert_clean(graphql(switcher, path=path), path)
    for path in (f"/{code}/{section(CityStoryIndexPage, code).slug}/zqxleak-draft/" for code in ("fr", "en")):
        assert graphql(story, path=path)["data"]["page"] is None


def test_no_image_field_reveals_an_image_of_a_restricted_collection(graphql, sitemap, secrets):
    story = CityStoryPage.objects.get(locale__language_code="fr", cover_image__title=f"{MARKER} cover")
    path = graphql(f"{{ pageById(id: {story.pk}) {{ url }} }}")["data"]["pageById"]["url"]
    page = graphql(PAGE_IMAGES, path=path)["data"]["page"]
    assert page["coverImage"] is None and page["seo"]["image"] is None
    image_blocks = [block for block in page["body"] if "caption" in block]
    assert image_blocks and all(block["image"] is None for block in image_blocks)
    for locale in ("fr", "en", "es"):
        for entry in sitemap(locale):
            assert_clean(graphql(PAGE_IMAGES, path=entry["url"]), entry["url"])


COVER = """
query ($path: String!) {
  page(path: $path) { ... on CityStoryPage { coverImage { alt rendition(spec: "original") { url } } } }
}
"""


@pytest.mark.parametrize("restriction", ["password", "groups", "login"])
def test_an_image_answers_null_once_its_collection_or_one_above_is_restricted(graphql, committed, restriction):
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage))
    public = Collection.get_first_root_node().add_child(name="Press photos")
    private = private_collection("Private photos", restriction)
    nested = private.add_child(name="Nested")
    image = make_image("Harbour at dawn", collection=public)
    image.description = "Fishing boats in the harbour at dawn"
    image.save()
    story.cover_image = image
    committed(lambda: story.save_revision().publish())
    path = graphql(f"{{ pageById(id: {story.pk}) {{ url }} }}")["data"]["pageById"]["url"]

    cover = graphql(COVER, path=path)["data"]["page"]["coverImage"]
    assert cover["alt"] == "Fishing boats in the harbour at dawn" and cover["rendition"]["url"].endswith(".png")
    for collection in (private, nested):
        image.collection = collection
        committed(image.save)
        assert graphql(COVER, path=path)["data"]["page"]["coverImage"] is None, collection.name


def test_a_collection_restriction_added_or_removed_applies_to_cached_answers_at_once(graphql, committed):
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage))
    photos = Collection.get_first_root_node().add_child(name="Press photos")
    story.cover_image = make_image("Harbour at dawn", collection=photos)
    committed(lambda: story.save_revision().publish())
    path = graphql(f"{{ pageById(id: {story.pk}) {{ url }} }}")["data"]["pageById"]["url"]
    assert graphql(COVER, path=path)["data"]["page"]["coverImage"] is not None  # now in the response cache

    restriction = CollectionViewRestriction(collection=photos, restriction_type="login")
    committed(restriction.save)
    assert graphql(COVER, path=path)["data"]["page"]["coverImage"] is None
    committed(restriction.delete)
    assert graphql(COVER, path=path)["data"]["page"]["coverImage"] is not None


DOCUMENTS = """
query ($path: String!) {
  page(path: $path) {
    ... on CityStoryPage { body { __typename ... on DocumentBlock { title url } ... on ParagraphBlock { html } } }
  }
}
"""


def test_a_document_of_a_restricted_collection_is_neither_a_block_nor_a_link(graphql, secrets):
    story = CityStoryPage.objects.get(locale__language_code="fr", cover_image__title=f"{MARKER} cover")
    path = graphql(f"{{ pageById(id: {story.pk}) {{ url }} }}")["data"]["pageById"]["url"]
    body = graphql(DOCUMENTS, path=path)["data"]["page"]["body"]
    assert_clean(body, path)
    assert "DocumentBlock" not in [block["__typename"] for block in body]
    paragraph = next(block["html"] for block in body if "le rapport interne" in block.get("html", ""))
    assert "href" not in paragraph


LOGOS = '{ endorsements(locale: "fr") { items { institutionName logo { rendition(spec: "original") { url } } } } }'


def test_an_endorsers_logo_in_a_restricted_collection_answers_null(graphql, committed):
    logo = make_image("Logo of Palermo", collection=Collection.get_first_root_node().add_child(name="Logos"))
    endorsement = make_endorsement("Comune di Palermo", "approved", approved_at=logo.created_at, logo=logo)

    def palermo() -> dict:
        items = graphql(LOGOS)["data"]["endorsements"]["items"]
        return next(item for item in items if item["institutionName"] == endorsement.institution_name)

    assert palermo()["logo"]["rendition"]["url"].endswith(".png")
    logo.collection = private_collection("Private logos")
    committed(logo.save)
    assert palermo()["logo"] is None
