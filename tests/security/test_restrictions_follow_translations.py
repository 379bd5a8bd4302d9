"""A view restriction on a French page applies to every language's copy of it, wherever a page can appear.

A story is translated into English and Spanish (translations, not aliases: pages of their own trees, out
of reach of the French tree's restrictions). Once the French page or one of its ancestors is restricted, neither
translation may appear anywhere: page, pageById, lists, facets, search, sitemap and its alternates, language
switchers, related and featured stories, menus, rich-text links, redirects.
"""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from campaign.models import CityStoryIndexPage, HomePage, NavigationMenu

from ..factories import CityStoryPageFactory, section, translate
from .test_leaks import OPERATIONS, ROOT_QUERIES, SITEMAP_FIELDS

pytestmark = pytest.mark.django_db

WORD = "Testabad"  # in the story's titles only, so that a search finds it
LOCALES = ("fr", "en", "es")
BY_PATH = '{ page(path: "%s") { title } }'
BY_ID = '{ pageById(id: %d, locale: "%s") { title } }'
URL_BY_ID = '{ pageById(id: %d, locale: "%s") { url } }'


@pytest.fixture
def versions() -> dict:
    """The story in each language, by language code."""
    french = CityStoryPageFactory(parent=section(CityStoryIndexPage), title=f"L'académie du climat de {WORD}")
    return {
        "fr": french,
        "en": translate(french, "en", title=f"{WORD} climate academy", slug="testabad-climate-academy"),
        "es": translate(french, "es", title=f"La academia del clima de {WORD}", slug="academia-clima-testabad"),
    }


def url_of(graphql, page) -> str:
    return graphql(URL_BY_ID % (page.pk, page.locale.language_code))["data"]["pageById"]["url"]


def restrict(page, restriction: str) -> PageViewRestriction:
    rule = PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="pw")
    if restriction == "groups":
        rule.groups.add(Group.objects.get_or_create(name="Insiders")[0])
    return rule


@pytest.fixture
def linked_everywhere(committed, versions):
    """The English story linked from the English main menu, the English home page's text and a redirect,
    and featured on every home page, so that every way to reach it is in the answers before the restriction."""
    english = versions["en"]
    menu = NavigationMenu.objects.get(handle="main", locale__language_code="en")
    menu.items.append(("item", {"title": WORD, "page": english, "url": "", "children": []}))

    def save() -> None:
        menu.save()
        for home in HomePage.objects.filter(alias_of__isnull=True):
            home.featured_stories.add(home.featured_stories.model(story=versions["fr"], sort_order=-1))
            if home.locale.language_code == "en":
                link = f'<p>Voir <a linktype="page" id="{english.pk}">{WORD}</a>.</p>'
                home.body.append(("paragraph", RichText(link)))
            home.save_revision().publish()
        Redirect.objects.create(old_path="/en/old-testabad", redirect_page=english)

    committed(save)


def every_answer(graphql, sitemap) -> str:
    """Every root field of every locale, and every page of every sitemap through the story and language-switcher
    operations, as one text."""
    story = (OPERATIONS / "story.graphql").read_text()
    switcher = (OPERATIONS / "language_switcher.graphql").read_text()
    home = (
        '{ page(path: "%s") { ... on HomePage { body { ... on ParagraphBlock { html } } featuredStories { url } } } }'
    )
    answers = []
    for locale in LOCALES:
        answers += [graphql(query % locale if "%s" in query else query) for query in ROOT_QUERIES]
        answers.append(graphql(f'{{ search(query: "{WORD}", locale: "{locale}") {{ items {{ url }} }} }}'))
        answers.append(graphql(home % f"/{locale}/"))
        entries = sitemap(locale, SITEMAP_FIELDS)
        answers.append(entries)
        for entry in entries:
            answers += [graphql(story, path=entry["url"]), graphql(switcher, path=entry["url"])]
    answers.append(graphql('{ redirect(path: "/en/old-testabad") { url } }'))
    return json.dumps(answers, ensure_ascii=False)


def test_a_french_restriction_hides_every_translation_everywhere(
    graphql, sitemap, committed, linked_everywhere, versions
):
    urls = {language: url_of(graphql, versions[language]) for language in LOCALES}
    before = every_answer(graphql, sitemap)
    assert all(url in before for url in urls.values()), "every way to reach the story is in the answers"

    committed(lambda: restrict(versions["fr"], "password"))
    after = every_answer(graphql, sitemap)
    for language, url in urls.items():
        assert url not in after, language
        assert graphql(BY_ID % (versions[language].pk, language))["data"]["pageById"] is None, language


@pytest.mark.parametrize("restriction", ["password", "groups", "login"])
def test_every_kind_of_french_restriction_hides_the_translations(graphql, committed, restriction, versions):
    urls = {language: url_of(graphql, versions[language]) for language in LOCALES}
    committed(lambda: restrict(versions["fr"], restriction))
    for language, url in urls.items():
        assert graphql(BY_PATH % url)["data"]["page"] is None, language


def test_a_restriction_on_a_french_ancestor_hides_the_translations_below_it(graphql, committed, versions):
    urls = {language: url_of(graphql, versions[language]) for language in ("en", "es")}
    committed(lambda: restrict(versions["fr"].get_parent(), "login"))
    for language, url in urls.items():
        assert graphql(BY_PATH % url)["data"]["page"] is None, language
        stories = graphql(f'{{ cityStories(locale: "{language}", limit: 100) {{ totalCount }} }}')
        assert stories["data"]["cityStories"]["totalCount"] == 0, language


def test_cached_answers_follow_a_restriction_added_and_removed_on_the_french_page(graphql, client, committed, versions):
    english = url_of(graphql, versions["en"])

    def english_title():
        response = client.get("/graphql/", {"query": BY_PATH % english})
        assert response.status_code == 200
        return response.json()["data"]["page"]

    assert english_title() is not None  # now in the response cache
    rule = PageViewRestriction(page=versions["fr"], restriction_type="login")
    committed(rule.save)
    assert english_title() is None
    committed(rule.delete)
    assert english_title() is not None


def test_a_restriction_of_its_own_hides_a_translation_and_leaves_the_french_page_public(graphql, committed, versions):
    urls = {language: url_of(graphql, versions[language]) for language in LOCALES}
    committed(lambda: restrict(versions["en"], "password"))
    assert graphql(BY_PATH % urls["en"])["data"]["page"] is None
    assert graphql(BY_PATH % urls["fr"])["data"]["page"] is not None
    assert graphql(BY_PATH % urls["es"])["data"]["page"] is not None
