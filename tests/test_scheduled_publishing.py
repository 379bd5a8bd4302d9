"""Go-live and expiry dates: the scheduler process publishes and unpublishes on time, the API never serves a page
past its expiry date (whether the scheduler ran or not), and cached answers follow the scheduler's changes."""

import logging
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from campaign.models import CityStoryIndexPage, CityStoryPage
from campaign.publishing.generations import forget_all

from .factories import CityStoryPageFactory, section, translate

pytestmark = pytest.mark.django_db

PROCFILE = Path(__file__).resolve().parent.parent / "Procfile"
BY_PATH = '{ page(path: "%s") { title } }'
BY_ID = '{ pageById(id: %d, locale: "%s") { title url } }'


def a_story() -> CityStoryPage:
    """A new story of the loaded stories index, aliased into English and Spanish."""
    return CityStoryPageFactory(parent=section(CityStoryIndexPage), title="Histoire d'essai")


def a_translated_story() -> CityStoryPage:
    return translate(a_story(), "en", title="Test story", slug="test-story")


def url_of(graphql, page) -> str:
    return graphql(BY_ID % (page.pk, page.locale.language_code))["data"]["pageById"]["url"]


def cached_get(client, query: str) -> dict:
    """A GET query, as the frontend sends cacheable ones: answered from the response cache when it holds it."""
    response = client.get("/graphql/", {"query": query})
    assert response.status_code == 200, response.content
    return response.json()["data"]


def expire(page) -> None:
    """The page's expiry date passes (Wagtail refuses a past date at publishing, so time is moved, not the page)."""
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(seconds=1))


def test_a_page_past_its_expiry_date_is_served_nowhere_before_the_scheduler_runs(graphql, sitemap):
    story = a_translated_story()
    url = url_of(graphql, story)
    Redirect.objects.create(old_path="/en/old-story", redirect_page=story)
    words = story.title
    expire(story)
    forget_all()  # answers computed after the date passed, not cached from before (the scheduler's part, below)

    assert CityStoryPage.objects.get(pk=story.pk).live
    assert graphql(BY_PATH % url)["data"]["page"] is None
    assert graphql(BY_ID % (story.pk, "en"))["data"]["pageById"] is None
    assert graphql('{ redirect(path: "/en/old-story") { url } }')["data"]["redirect"] is None
    answers = str(
        [
            sitemap("en"),
            sitemap("fr", "alternates { url }"),
            graphql('{ cityStories(locale: "en", limit: 100) { items { url } } }'),
            graphql('query ($q: String!) { search(query: $q, locale: "en", limit: 100) { items { url } } }', q=words),
        ]
    )
    assert url not in answers


def test_a_list_compiled_before_the_expiry_date_stops_serving_the_story_when_it_passes(graphql):
    """The story list's statement is compiled once per process (campaign.catalogue.story_catalogue): the moment it
    compares expiry dates with is the database's at each request, not the moment of the first request."""
    story = a_translated_story()
    listed = '{ cityStories(locale: "en", limit: 100) { items { url } } }'
    url = url_of(graphql, story)
    type(story).objects.filter(pk=story.pk).update(expire_at=timezone.now() + timedelta(seconds=1))
    forget_all()
    assert url in str(graphql(listed))
    time.sleep(1.2)
    forget_all()
    assert url not in str(graphql(listed))


def test_an_alias_is_not_served_once_its_source_is_past_its_expiry_date(graphql):
    alias = CityStoryPage.objects.get(alias_of=a_story(), locale__language_code="en")
    url = url_of(graphql, alias)
    expire(alias.alias_of)
    assert graphql(BY_PATH % url)["data"]["page"] is None


def test_the_scheduler_unpublishes_an_expired_page_and_cached_answers_follow(graphql, client, committed):
    story = a_translated_story()
    query = BY_PATH % url_of(graphql, story)
    assert cached_get(client, query)["page"] is not None  # now in the response cache
    expire(story)

    committed(lambda: call_command("publish_on_schedule"))
    story.refresh_from_db()
    assert not story.live and story.expired
    assert cached_get(client, query)["page"] is None


def test_the_scheduler_publishes_a_page_whose_go_live_date_has_passed(graphql, client, committed, editor):
    index = section(CityStoryIndexPage)
    story = CityStoryPage(
        title="Palerme, une ville refuge", slug="palerme-ville-refuge", summary="Palerme.", live=False
    )
    index.add_child(instance=story)
    go_live_at = timezone.now() + timedelta(hours=1)
    revision = story.save_revision(user=editor, approved_go_live_at=go_live_at)
    query = BY_PATH % f"/fr/{index.slug}/palerme-ville-refuge/"
    assert cached_get(client, query)["page"] is None  # now in the response cache

    committed(lambda: call_command("publish_on_schedule"))
    assert cached_get(client, query)["page"] is None, "not due yet"
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    committed(lambda: call_command("publish_on_schedule"))
    assert cached_get(client, query)["page"] == {"title": "Palerme, une ville refuge"}


def test_a_failed_round_is_logged_and_the_next_one_runs(monkeypatch, caplog):
    from campaign.management.commands import publish_on_schedule

    rounds = []

    def publish_scheduled(name: str) -> None:
        rounds.append(name)
        if len(rounds) == 1:
            raise RuntimeError("database restarting")

    def sleep(seconds: int) -> None:
        assert seconds == 60
        if len(rounds) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(publish_on_schedule, "call_command", publish_scheduled)
    monkeypatch.setattr(publish_on_schedule.time, "sleep", sleep)
    with caplog.at_level(logging.ERROR), pytest.raises(KeyboardInterrupt):
        call_command("publish_on_schedule", every=60)
    assert rounds == ["publish_scheduled", "publish_scheduled"]
    assert "Scheduled publishing failed" in caplog.text


def test_the_scheduler_runs_every_minute_in_production():
    processes = dict(line.split(": ", 1) for line in PROCFILE.read_text().splitlines() if line.strip())
    assert processes["scheduler"] == "python manage.py publish_on_schedule --every 60"
