"""How the API's cold cost follows the size of the site: 57 stories (the campaign's), then 500 and 2,000.

Run it with `make bench-growth` (or `.venv/bin/python -m bench.growth_bench`) with DATABASE_URL naming a PostgreSQL
server: the bench creates its own database there (lampedusa_growth_bench), loads the campaign content, grows it with
`grow_demo_content` (approved endorsements in proportion, 20,000 at the largest size) and drops the database at the
end. Each frontend operation (tests/graphql/operations/) and the sitemap, a filtered and faceted story list and
endorsementStats are requested in process with the response cache off; each row gives the SQL queries of one
request and the median latency of several cold requests, at every size, then the ratio of the largest size to the
smallest: a ratio above 1.5 or a query count that grew is flagged.
"""

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.requests import graphql_request

BENCH_DATABASE = "lampedusa_growth_bench"
SIZES = (57, 500, 2000)
ENDORSEMENTS_AT_LARGEST = 20_000
RATIO_LIMIT = 1.5
OPERATIONS = Path(__file__).resolve().parent.parent / "tests" / "graphql" / "operations"
VARIABLES = {
    "site": {"locale": "fr"},
    "home_page": {"path": "/fr/"},
    "charter": {"locale": "fr"},
    "principle": {"path": "/fr/charte/dignite/"},
    "timeline": {"locale": "fr"},
    "story_list": {"locale": "fr", "limit": 12},
    "story": {"path": "/fr/histoires/milan-premiers-pas/"},
    "search": {"query": "dignité", "locale": "fr"},
    "language_switcher": {"path": "/fr/histoires/milan-premiers-pas/"},
}
SITEMAP = "query($locale: String) { sitemap(locale: $locale) { url lastModified alternates { locale url } } }"
SITEMAP_ROW = "sitemap, first page (fr)"
STATS_ROW = "endorsementStats"
FACETED = """query($locale: String, $filter: CityStoryFilter) {
  cityStories(locale: $locale, filter: $filter, limit: 12, order: NEWEST) { totalCount items { title url }
    facets(order: CHARTER) { scopes { value count } countries { value label count } regions { value label count }
      principles { number label count } actionPriorities { number label count } engagementTypes { value count }
      themes { value label count } years { number count } } } }"""
STATS = """{ endorsementStats(locale: "en") { total byCountry { value label count } byRegion { value count }
  byKind { value count } byMonth { month count } } }"""


def bench_database_url(server_url: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def recreate_database(server_url: str, *, drop_only: bool = False) -> None:
    """Through the server's maintenance database: the bench's own database never touches the one named."""
    import psycopg

    with psycopg.connect(urlunsplit(urlsplit(server_url)._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")


def setup_django(server_url: str) -> None:
    os.environ["DATABASE_URL"] = bench_database_url(server_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def cold_measure(request: Callable[[], object], runs: int) -> tuple[int, float]:
    """SQL queries of one cold request and the median of `runs` cold requests, after a warm-up (renditions). The
    response cache is kept out as bench/graphql_bench.py keeps it out: every request starts a new generation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaign.publishing.generations import forget_all

    request()
    forget_all()
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = len(captured)
    timings = []
    for _ in range(runs):
        forget_all()
        started = time.perf_counter()
        request()
        timings.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(timings)


def per_entry(measured: tuple[int, float], request: Callable[[], dict], entries: Callable[[dict], int]) -> tuple:
    """An answer whose length may follow the site, per entry of the answer. The sitemap's first page is a full page
    (SITEMAP_PAGE_SIZE) at every size, the campaign's content having 112 pages per language; endorsementStats lists
    each country, region, kind and month that has an endorsement (generated ones are approved an hour apart: one
    month at 57 stories, 28 at 2,000). What must stay flat is the cost of one entry."""
    queries, milliseconds = measured
    return queries, milliseconds / entries(request()["data"])


def stats_entries(data: dict) -> int:
    stats = data["endorsementStats"]
    return sum(len(stats[counter]) for counter in ("byCountry", "byRegion", "byKind", "byMonth"))


def faceted_filter() -> dict:
    """A filter that keeps part of the stories: the region and a theme of the first real story with both."""
    from campaign.models import CityStoryPage

    story = (
        CityStoryPage.objects.filter(locale__language_code="fr", cities__region__isnull=False, themes__isnull=False)
        .order_by("path")
        .first()
    )
    return {"regions": [story.cities.first().region.code], "themes": [story.themes.first().code]}


def requests_to_measure(client) -> dict[str, Callable[[], object]]:
    requests = {
        f"{name} (fr)": graphql_request(client, (OPERATIONS / f"{name}.graphql").read_text(), variables)
        for name, variables in VARIABLES.items()
    }
    requests[SITEMAP_ROW] = graphql_request(client, SITEMAP, {"locale": "fr"})
    requests["filtered + faceted list (en)"] = graphql_request(
        client, FACETED, {"locale": "en", "filter": faceted_filter()}
    )
    requests[STATS_ROW] = graphql_request(client, STATS, {})
    return requests


def grow(stories: int, endorsements: int) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("grow_demo_content", stories=stories, endorsements=endorsements, stdout=io.StringIO())
    return time.perf_counter() - started


def settle(connection) -> None:
    """Vacuums and analyzes what the load and the generation wrote before a size is timed: otherwise autovacuum
    does it while the requests are timed (in one run, every operation at the smallest size, timed right after the
    load, took 1.4 times as long as in the runs before and after)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def shown(milliseconds: float) -> str:
    return f"{milliseconds:.1f}" if milliseconds >= 10 else f"{milliseconds:.2f}"


def print_table(sizes: list[int], results: dict[int, dict[str, tuple[int, float]]]) -> None:
    first, last = sizes[0], sizes[-1]
    header = " | ".join(f"{size}: queries / ms" for size in sizes)
    print(f"| Operation | {header} | ms {last}/{first} | Flag |")
    print("|---|" + "---:|" * len(sizes) + "---:|---|")
    for label in results[first]:
        cells = " | ".join(f"{results[size][label][0]} / {shown(results[size][label][1])}" for size in sizes)
        (q_first, ms_first), (q_last, ms_last) = results[first][label], results[last][label]
        ratio = ms_last / ms_first
        flags = [f"ratio above {RATIO_LIMIT}"] * (ratio > RATIO_LIMIT) + ["queries grew"] * (q_last > q_first)
        print(f"| {label} | {cells} | {ratio:.2f} | {', '.join(flags)} |")


def run(server_url: str, sizes: list[int], endorsements: int, runs: int) -> None:
    setup_django(server_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from campaign.models import CityStoryPage

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_campaign_content", stdout=io.StringIO())
    print(f"Loaded the campaign content in {time.perf_counter() - started:.0f} s.", flush=True)
    client = Client()
    results = {}
    for size in sizes:
        approved = endorsements * size // sizes[-1]  # 570 at 57 stories: the smallest answer has values too
        seconds = grow(size, approved)
        count = CityStoryPage.objects.filter(locale__language_code="fr").count()
        print(f"{count} stories ({approved} endorsements asked) after {seconds:.0f} s of generation.", flush=True)
        settle(connection)
        requests = requests_to_measure(client)
        results[size] = {label: cold_measure(request, runs) for label, request in requests.items()}
        results[size]["sitemap, per entry (fr)"] = per_entry(
            results[size][SITEMAP_ROW], requests[SITEMAP_ROW], lambda data: len(data["sitemap"])
        )
        results[size]["endorsementStats, per entry"] = per_entry(
            results[size][STATS_ROW], requests[STATS_ROW], stats_entries
        )
    connection.close()
    print(f"\nPostgreSQL, in process, response cache off; median of {runs} cold requests after one warm-up.\n")
    print_table(sizes, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="story totals, smallest first")
    parser.add_argument("--endorsements", type=int, default=ENDORSEMENTS_AT_LARGEST, help="at the largest size")
    parser.add_argument("--runs", type=int, default=15, help="cold requests timed per operation and size")
    options = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the bench creates and drops its own database there.")
    recreate_database(server_url)
    try:
        run(server_url, [int(size) for size in options.sizes.split(",")], options.endorsements, options.runs)
    finally:
        recreate_database(server_url, drop_only=True)


if __name__ == "__main__":
    main()
