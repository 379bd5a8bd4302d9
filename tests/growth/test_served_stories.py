"""The stored served stories (campaign.catalogue.served_stories) are read only while they are exactly what the live
statements give: every table those statements read bumps their version on any write, however it is made; an
expiry date ends them when it comes; and a list answers the same through them as without them."""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from campaign.catalogue.served_stories import TRIGGER
from campaign.catalogue.story_catalogue import (
    STORED,
    StoryCatalogue,
    StoryQuery,
    served_statement,
    story_rows,
)
from campaign.models import CityStoryIndexPage, CityStoryPage, ServedStoriesState
from campaign.publishing.generations import forget_all

from ..factories import CityStoryPageFactory, section

pytestmark = pytest.mark.django_db

TITLES = 'query { cityStories(locale: "fr", limit: 100) { totalCount items { title } } }'


def listed_titles(graphql) -> set[str]:
    forget_all()
    return {item["title"] for item in graphql(TITLES)["data"]["cityStories"]["items"]}


def read_through_stored_rows() -> bool:
    return StoryCatalogue(Locale.objects.get(language_code="fr")).stored


def triggered_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER])
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TRIGGER}%"]
            )
        return {name.strip('"') for (name,) in cursor.fetchall()}


def test_every_table_the_live_statements_read_is_watched():
    story_type = ContentType.objects.get_for_model(CityStoryPage).pk
    statements = [served_statement(connection.vendor, 1, story_type)[0], story_rows(connection.vendor, True)[0]]
    named = {table for sql in statements for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', sql)}
    assert {"wagtailcore_page", "campaign_citystorypage", "wagtailcore_pageviewrestriction"} <= named
    assert named - triggered_tables() == set()


def test_a_write_that_sends_no_signal_is_seen_at_once(graphql):
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), title="Testville ouvre ses portes")
    assert story.title in listed_titles(graphql)
    assert read_through_stored_rows()
    CityStoryPage.objects.filter(pk=story.pk).update(live=False)
    assert story.title not in listed_titles(graphql)


def test_a_write_after_the_state_row_is_gone_still_counts(graphql):
    """A database emptied by a flush has no state row: the first write to a watched table creates it, out of date."""
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), title="Testville recommence")
    assert story.title in listed_titles(graphql)
    ServedStoriesState.objects.all().delete()
    CityStoryPage.objects.filter(pk=story.pk).update(live=False)
    state = ServedStoriesState.objects.get()
    assert state.built_version != state.version
    assert story.title not in listed_titles(graphql)


def test_a_view_restriction_hides_a_story_at_once(graphql):
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), title="Testville reste discrète")
    assert story.title in listed_titles(graphql)
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert story.title not in listed_titles(graphql)


def test_a_story_leaves_the_list_when_its_expiry_date_comes_without_any_write(graphql):
    expiry = timezone.now() + timedelta(seconds=1)
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), title="Testville éphémère", expire_at=expiry)
    assert story.title in listed_titles(graphql)
    assert ServedStoriesState.objects.get().valid_until == expiry
    time.sleep(max(0.0, (expiry - timezone.now()).total_seconds()) + 0.1)
    assert story.title not in listed_titles(graphql)


def test_stored_rows_are_built_once_and_read_until_something_changes(graphql):
    listed_titles(graphql)
    forget_all()
    with CaptureQueriesContext(connection) as queries:
        graphql(TITLES)
    statements = [query["sql"] for query in queries]
    assert not [sql for sql in statements if sql.lstrip().startswith("WITH") and "INSERT INTO" in sql]
    assert any(f"FROM {STORED}" in sql for sql in statements)


def test_the_list_answers_the_same_through_stored_rows_as_live():
    locale = Locale.objects.get(language_code="en")
    stored, live = StoryCatalogue(locale), StoryCatalogue(locale)
    assert stored.stored
    live.stored = False
    for query in (StoryQuery(), StoryQuery(filters={"scopes": {"local"}, "years": {2021, 2022}})):
        for order in ("NEWEST", "TITLE"):
            expected = live.listing(query, order, 100, 0, ("regions", "themes", "years"))
            assert stored.listing(query, order, 100, 0, ("regions", "themes", "years")) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time: no row is held")
def test_a_request_works_the_list_out_live_while_another_transaction_holds_the_state():
    """A write not yet committed holds the state row (its trigger bumped the version): a request does not wait
    for it to rebuild the stored rows. The other transaction runs on its own connection, in a thread."""
    held, release = threading.Event(), threading.Event()

    def writer():
        bump = "UPDATE wagtailcore_locale SET language_code = language_code WHERE id = -1"  # no row: a bump alone
        try:
            with connection.cursor() as cursor:
                cursor.execute(bump)  # committed: the stored rows are out of date for everyone
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(bump)
                held.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(30)
        catalogue = StoryCatalogue(Locale.objects.get(language_code="fr"))
        assert catalogue.stored is False
        total = catalogue.listing(StoryQuery(), "TITLE", 0, 0).total
        assert total == CityStoryPage.objects.live().filter(locale__language_code="fr").count()
    finally:
        release.set()
        thread.join()
