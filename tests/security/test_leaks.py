"""Nothing private leaves through the API: drafts, unpublished revisions, restricted pages, owners' emails,
endorsements that are not approved and signers' contact data.

Everything private below carries a marker; every root field is then queried, with nested fields, for
every page of every locale, and the marker must appear nowhere in any answer.
"""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from campaign.endorsements.models import Endorsement
from campaign.models import CityStoryIndexPage, CityStoryPage, PrinciplePage

from ..graphql.conftest import graphql  # noqa: F401

pytestmark = pytest.mark.django_db

MARKER = "ZQXLEAK"  # occurs in no language of the content
OPERATIONS = Path(__file__).resolve().parent.parent / "graphql" / "operations"
ROOT_QUERIES = [
    "{ locales { code name } }",
    '{ sitemap(locale: "%s") { url lastModified alternates { locale url title } } }',
    '{ site(locale: "%s") { name mainMenu { title url children { title url } } footerMenu { title url } '
    "contactEmail privacyPage { title url } } }",
    '{ charter(locale: "%s") { title chapters { title url body { __typename ... on ParagraphBlock { html } } } '
    "principles { title url translations { url title } } } }",
    '{ milestones(locale: "%s") { title url summary } }',
    '{ campaign(locale: "%s") { title featuredStories { title url } } }',
    '{ cityStories(locale: "%s", limit: 100) { totalCount items { title url relatedStories { title url } } '
    "facets { countries { label count } themes { label count } years { value count } } } }",
    '{ search(query: "ZQXLEAK", locale: "%s") { totalCount items { title url } } }',
    '{ cityStories(locale: "%s", filter: {search: "ZQXLEAK"}) { totalCount items { title } } }',
    '{ endorsements(locale: "%s", limit: 100) { totalCount items { institutionName signatoryName statement } } }',
    '{ endorsementStats(locale: "%s") { total byCountry { label count } byKind { label count } } }',
    '{ endorsementForm(locale: "%s") { consentText fields { name label } } }',
]


@pytest.fixture
def secrets(editor):
    index = CityStoryIndexPage.objects.get(locale__language_code="fr")
    draft = CityStoryPage(
        title=f"{MARKER} draft story", slug="zqxleak-draft", summary=f"{MARKER} summary", owner=editor
    )
    index.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish()

    principle = PrinciplePage.objects.get(locale__language_code="fr", number=1)
    principle.title = f"{MARKER} unpublished revision"
    principle.save_revision()

    stories = CityStoryPage.objects.filter(locale__language_code="fr", live=True).order_by("pk")
    for story, restriction in zip(stories[:2], ("password", "groups"), strict=True):
        story.title = f"{MARKER} restricted {restriction}"
        story.save_revision().publish()
        rule = PageViewRestriction.objects.create(page=story, restriction_type=restriction, password="pw")
        if restriction == "groups":
            rule.groups.add(Group.objects.get_or_create(name="Insiders")[0])

    for status in ("unconfirmed", "pending_review", "rejected", "withdrawn"):
        Endorsement.objects.create(
            institution_name=f"{MARKER} {status} city",
            kind="city",
            country="FR",
            signatory_name=f"{MARKER} signer",
            signatory_title="Mayor",
            email=f"{MARKER.lower()}-{status}@example.org",
            consent_publication=True,
            consent_version="v",
            status=status,
        )
    Endorsement.objects.create(
        institution_name="Approved city",
        kind="city",
        country="FR",
        signatory_name="Public signer",
        signatory_title="Mayor",
        email=f"{MARKER.lower()}-contact@example.org",
        phone=f"+33 6 {MARKER}",
        consent_publication=True,
        consent_version="v",
        status="approved",
        approved_at=principle.first_published_at,
    )
    return draft


def assert_clean(body: dict, what: str) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert MARKER not in text and MARKER.lower() not in text, f"{what}: {text[:300]}"
    assert "editor@example.org" not in text, what


def test_no_root_field_reveals_anything_private(graphql, secrets):  # noqa: F811
    for locale in ("fr", "en", "es"):
        for query in ROOT_QUERIES:
            document = query % locale if "%s" in query else query
            assert_clean(graphql(document), document)
    assert_clean(graphql(f"{{ pageById(id: {secrets.pk}) {{ title }} }}"), "pageById of a draft")


def test_no_page_of_any_locale_reveals_anything_private(graphql, secrets):  # noqa: F811
    story = (OPERATIONS / "story.graphql").read_text()
    switcher = (OPERATIONS / "language_switcher.graphql").read_text()
    for locale in ("fr", "en", "es"):
        sitemap = graphql(f'{{ sitemap(locale: "{locale}") {{ url }} }}')["data"]["sitemap"]
        paths = [entry["url"] for entry in sitemap]
        assert paths, locale
        for path in paths:
            assert_clean(graphql(story, path=path), path)
            assert_clean(graphql(switcher, path=path), path)
    for path in ("/fr/histoires/zqxleak-draft/", "/en/stories/zqxleak-draft/"):
        assert graphql(story, path=path)["data"]["page"] is None
