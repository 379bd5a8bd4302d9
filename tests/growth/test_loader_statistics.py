"""`load_campaign_content` gathers planner statistics once the content is written (campaign.loader.statistics)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def analyzed_tables() -> set[str]:
    """Tables the planner has statistics for; SQLite keeps them in sqlite_stat1."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


def test_the_loader_runs_analyze_after_writing():
    with CaptureQueriesContext(connection) as captured:
        call_command("load_campaign_content", stdout=io.StringIO())
    assert "ANALYZE" in [query["sql"].strip().upper() for query in captured]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's statistics table")
def test_sqlite_statistics_cover_the_story_tables():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # sqlite_stat1 exists from the session's load on; empty it, then load again
        cursor.execute("DELETE FROM sqlite_stat1")
    call_command("load_campaign_content", stdout=io.StringIO())
    assert {"campaign_citystorypage", "wagtailcore_page"} <= analyzed_tables()
