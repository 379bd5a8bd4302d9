"""The story catalogue's SQL (campaign.catalogue.story_catalogue) answers what the Python reference
(catalogue_oracle) answers: the same totals, orders, pages, facet counts, reported and related stories, in every
locale, with fallbacks (aliases), a translation started but never published, national and regional stories and
generated stories among the real ones."""

import io
from itertools import groupby

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from campaign.catalogue.story_catalogue import DIMENSIONS, ORDERS, StoryCatalogue, StoryQuery
from campaign.i18n.localization import served_pages
from campaign.models import CityStoryIndexPage, CityStoryPage
from campaign.text.plain import folded

from ..factories import CityStoryPageFactory, RegionFactory, section, translate
from . import catalogue_oracle as oracle

pytestmark = pytest.mark.django_db


def start_translation(page: CityStoryPage, language_code: str) -> None:
    """A translation created through wagtail-localize and never published: it serves its French source."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    locale = Locale.objects.get(language_code=language_code)
    Translation.objects.get_or_create(source=source, target_locale=locale)[0].save_target(publish=False)


@pytest.fixture
def varied_site():
    """The campaign's stories, grown by generated ones, with every way a story can be served and scoped."""
    call_command(
        "grow_demo_content",
        stories=CityStoryPage.objects.filter(locale__language_code="fr").count() + 12,
        stdout=io.StringIO(),
    )
    index = section(CityStoryIndexPage)
    translate(
        CityStoryPageFactory(parent=index, title="Écoles ouvertes", period_start_year=2019),
        "es",
        title="Escuelas abiertas",
    )
    start_translation(CityStoryPageFactory(parent=index, title="Eaux partagées", period_start_year=2019), "es")
    CityStoryPageFactory(parent=index, title="Plan national", scope="national", scope_country="SN")
    CityStoryPageFactory(parent=index, title="Réseau régional", scope="regional", scope_region=RegionFactory())
    CityStoryPageFactory(parent=index, title="Sans date", period_start_year=None, period_start_month=None)


def filter_sets(reference: oracle.StoryCatalogue) -> list[dict[str, set]]:
    """No filter, each dimension's most and least frequent value, and pairs of dimensions combined."""
    counts = reference.facets(oracle.StoryQuery())
    sets = [{}]
    for dimension in DIMENSIONS:
        ranked = [value for value, _ in counts[dimension].most_common()]
        sets += [{dimension: {ranked[0]}}, {dimension: {ranked[-1]}}, {dimension: set(ranked[:2])}]
    pairs = [("regions", "themes"), ("countries", "principles"), ("scopes", "years"), ("engagement_types", "regions")]
    for first, second in pairs:
        sets.append({first: {counts[first].most_common(1)[0][0]}, second: {counts[second].most_common(2)[-1][0]}})
    return sets


def runs(ids: list[int], key) -> list[set[int]]:
    """The ids grouped by equal sort keys: among stories the order cannot tell apart, any order is right."""
    return [set(group) for _, group in groupby(ids, key=key)]


def order_key(reference: oracle.StoryCatalogue, order: str):
    facts = reference.facts
    if order == "TITLE":
        return lambda page_id: folded(facts[page_id].title)
    return lambda page_id: oracle.listing_order(facts[page_id])


@pytest.mark.parametrize("stored", [True, False], ids=["stored served stories", "served stories worked out live"])
def test_the_sql_catalogue_answers_what_the_reference_answers(graphql, varied_site, stored):
    """One site built once, every check on it: the site is what takes time to build."""
    for language_code in ("fr", "en", "es"):
        lists_and_facets_match(catalogue_of(Locale.objects.get(language_code=language_code), stored))
    pages_are_slices_of_the_whole_list(catalogue_of(Locale.objects.get(language_code="es"), stored))
    for language_code in ("fr", "es"):
        reported_and_related_stories_match(catalogue_of(Locale.objects.get(language_code=language_code), stored))


def catalogue_of(locale: Locale, stored: bool) -> StoryCatalogue:
    """A catalogue reading the stored served stories (up to date), or working them out live."""
    catalogue = StoryCatalogue(locale)
    if stored:
        assert catalogue.stored
    else:
        catalogue.stored = False
    return catalogue


def lists_and_facets_match(catalogue: StoryCatalogue) -> None:
    locale = catalogue.locale
    reference = oracle.StoryCatalogue(locale)
    everything = len(reference.facts)
    assert everything == CityStoryPage.objects.filter(locale__language_code="fr").count()
    for filters in filter_sets(reference):
        expected_counts = reference.facets(oracle.StoryQuery(filters=filters))
        counts = catalogue.facets(StoryQuery(filters=filters))
        assert counts == {dimension: +expected_counts[dimension] for dimension in DIMENSIONS}, (locale, filters)
        for order in ORDERS:
            expected = [facts.page_id for facts in reference.search(oracle.StoryQuery(filters=filters), order)]
            listing = catalogue.listing(StoryQuery(filters=filters), order, everything, 0, dimensions=DIMENSIONS)
            total, ids = listing.total, listing.ids
            assert total == len(expected) and len(ids) == total, (filters, order)
            assert listing.counts == counts, (filters, order)
            key = order_key(reference, order)
            assert runs(ids, key) == runs(expected, key), (filters, order)


def pages_are_slices_of_the_whole_list(catalogue: StoryCatalogue) -> None:
    whole = catalogue.listing(StoryQuery(), "TITLE", 1000, 0)
    total, everything = whole.total, whole.ids
    pages = [catalogue.listing(StoryQuery(), "TITLE", 7, offset) for offset in range(0, total, 7)]
    assert all(page.total == total for page in pages)
    assert [page_id for page in pages for page_id in page.ids] == everything
    past_the_end = catalogue.listing(StoryQuery(), "TITLE", 7, total + 3)
    assert (past_the_end.total, past_the_end.ids) == (total, [])
    beyond = catalogue.listing(StoryQuery(), "TITLE", 7, total + 3, dimensions=DIMENSIONS)
    assert (beyond.total, beyond.ids, beyond.counts) == (total, [], catalogue.facets(StoryQuery()))


def reported_and_related_stories_match(catalogue: StoryCatalogue) -> None:
    reference = oracle.StoryCatalogue(catalogue.locale)
    numbers = {facts.report_priority for facts in reference.facts.values()} - {None}
    assert numbers
    reported = catalogue.reported(limit=5)
    assert set(reported) == numbers
    for number in numbers:
        expected = [facts.page_id for facts in reference.reported_under(number)]
        key = order_key(reference, "NEWEST")
        assert runs(reported[number], key) == runs(expected[: len(reported[number])], key)
        assert len(reported[number]) == min(5, len(expected))
    served = served_pages(sorted(reference.facts)[::9], CityStoryPage)
    for item in served:
        related = catalogue.related(item.specific.pk, catalogue.facts_of(item))
        expected = [other.page_id for other in reference.related(reference.facts[item.page.pk])]
        mine = reference.facts[item.page.pk]
        assert [shared_and_title(mine, reference.facts[page_id]) for page_id in related] == [
            shared_and_title(mine, reference.facts[page_id]) for page_id in expected
        ], item.page.title


def shared_and_title(mine: oracle.StoryFacts, other: oracle.StoryFacts) -> tuple:
    shared = sum(len(mine.values[d] & other.values[d]) for d in ("themes", "principles", "action_priorities"))
    return -shared, folded(other.title)
