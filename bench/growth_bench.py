"""How the API's cold cost follows the size of the site: 57 stories (the campaign's), then 500 and 2,000.

Run it with `make bench-growth` (or `.venv/bin/python -m bench.growth_bench`) with DATABASE_URL naming a PostgreSQL
server: the bench creates its own database there (lampedusa_growth_bench), loads the campaign content, grows it with
`grow_demo_content` (approved endorsements in proportion, 20,000 at the largest size) and drops the database at the
end. Each frontend operation (tests/graphql/operations/) and the sitemap, a filtered and faceted story list and
endorsementStats are requested in process with the response cache off; each row gives the SQL queries of one
request and the median latency of several cold requests, at every size, then the ratio of the largest size to the
smallest: a ratio above 1.5 or a query count that grew is flagged.

The sizes are timed in turn, in rounds, not one after the other: each size is kept as a copy of the database, and
each round times every size in a fresh process on its copy. Timed one after the other, a slower few minutes of the
machine fell on one size only (in one run every operation at 2,000 stories, the charter and the site's menus
included, which read no story, took 1.2 to 1.3 times its time at 57); in rounds, it falls on every size alike.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
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


def bench_database_url(server_url: str, name: str = BENCH_DATABASE) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def copy_name(size: int) -> str:
    return f"{BENCH_DATABASE}_{size}"


def administer(server_url: str, *statements: str) -> None:
    """Through the server's maintenance database: the bench's own databases never touch the one named."""
    import psycopg

    with psycopg.connect(bench_database_url(server_url, "postgres"), autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def recreate_database(server_url: str, sizes: list[int], *, drop_only: bool = False) -> None:
    names = [BENCH_DATABASE, *map(copy_name, sizes)]
    administer(server_url, *(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in names))
    if not drop_only:
        administer(server_url, f"CREATE DATABASE {BENCH_DATABASE}")


def keep_copy(server_url: str, size: int) -> None:
    """The bench's database as it is at `size` stories, copied to be timed later (a copy needs its template to have
    no connection: the bench's own is closed, an autovacuum worker's ended)."""
    from django.db import connection

    connection.close()
    administer(
        server_url,
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{BENCH_DATABASE}'",
        f"CREATE DATABASE {copy_name(size)} TEMPLATE {BENCH_DATABASE}",
    )


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def cold_timings(request: Callable[[], object], runs: int) -> tuple[int, list[float]]:
    """SQL queries of one cold request and the milliseconds of `runs` cold requests, after a warm-up (renditions).
    The response cache is kept out as bench/graphql_bench.py keeps it out: every request starts a new generation."""
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
    return queries, timings


def sitemap_entries(data: dict) -> int:
    return len(data["sitemap"])


def stats_entries(data: dict) -> int:
    stats = data["endorsementStats"]
    return sum(len(stats[counter]) for counter in ("byCountry", "byRegion", "byKind", "byMonth"))


# Rows whose answer may grow with the site, also timed per entry of the answer. The sitemap's first page is a full
# page (SITEMAP_PAGE_SIZE) at every size, the campaign's content having 112 pages per language; endorsementStats
# lists each country, region, kind and month that has an endorsement (generated ones are approved an hour apart: one
# month at 57 stories, 28 at 2,000). What must stay flat is the cost of one entry.
# Each such row: the label of its per-entry row, and how to count the entries of its answer.
PER_ENTRY = {
    SITEMAP_ROW: ("sitemap, per entry (fr)", sitemap_entries),
    STATS_ROW: ("endorsementStats, per entry", stats_entries),
}


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


def build(server_url: str, sizes: list[int], endorsements: int) -> None:
    """Loads the campaign content, grows it to each size and keeps a copy of the database at each."""
    setup_django(bench_database_url(server_url))
    from django.core.management import call_command
    from django.db import connection

    from campaign.models import CityStoryPage

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_campaign_content", stdout=io.StringIO())
    print(f"Loaded the campaign content in {time.perf_counter() - started:.0f} s.", flush=True)
    for size in sizes:
        approved = endorsements * size // sizes[-1]  # 570 at 57 stories: the smallest answer has values too
        seconds = grow(size, approved)
        count = CityStoryPage.objects.filter(locale__language_code="fr").count()
        print(f"{count} stories ({approved} endorsements asked) after {seconds:.0f} s of generation.", flush=True)
        settle(connection)
        keep_copy(server_url, size)


def measure(runs: int) -> dict[str, tuple[int, list[float], int]]:
    """Per row, the SQL queries of one cold request, the milliseconds of `runs` cold requests and the entries of its
    answer, on the database DATABASE_URL names (one round's step for one size, in a process of its own)."""
    setup_django(os.environ["DATABASE_URL"])
    from django.test import Client

    measured = {}
    for label, request in requests_to_measure(Client()).items():
        queries, timings = cold_timings(request, runs)
        entries = PER_ENTRY[label][1](request()["data"]) if label in PER_ENTRY else 1
        measured[label] = (queries, timings, entries)
    return measured


def measure_in_turn(server_url: str, sizes: list[int], rounds: int, runs: int) -> dict[int, dict[str, tuple]]:
    """Every size timed in every round, in a fresh process on its copy; per row, the median of all its timings."""
    timings: dict[int, dict[str, list[float]]] = {size: {} for size in sizes}
    counts: dict[int, dict[str, tuple[int, int]]] = {size: {} for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            environment = {**os.environ, "DATABASE_URL": bench_database_url(server_url, copy_name(size))}
            step = subprocess.run(
                [sys.executable, "-m", "bench.growth_bench", "--measure", "--runs", str(runs)],
                env=environment,
                capture_output=True,
                text=True,
                check=True,
            )
            for label, (queries, milliseconds, entries) in json.loads(step.stdout.splitlines()[-1]).items():
                timings[size].setdefault(label, []).extend(milliseconds)
                counts[size][label] = (queries, entries)
    results = {}
    for size in sizes:
        results[size] = {label: (counts[size][label][0], statistics.median(ms)) for label, ms in timings[size].items()}
        for label, (per_entry_label, _) in PER_ENTRY.items():
            queries, entries = counts[size][label]
            results[size][per_entry_label] = (queries, results[size][label][1] / entries)
    return results


def run(server_url: str, sizes: list[int], endorsements: int, rounds: int, runs: int) -> None:
    build(server_url, sizes, endorsements)
    results = measure_in_turn(server_url, sizes, rounds, runs)
    print(
        f"\nPostgreSQL, in process, response cache off; median of {rounds} rounds of {runs} cold requests (each "
        "round after one warm-up request), every size timed in turn in each round.\n"
    )
    print_table(sizes, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="story totals, smallest first")
    parser.add_argument("--endorsements", type=int, default=ENDORSEMENTS_AT_LARGEST, help="at the largest size")
    parser.add_argument("--rounds", type=int, default=5, help="rounds timing every size in turn")
    parser.add_argument("--runs", type=int, default=5, help="cold requests timed per operation, size and round")
    parser.add_argument("--measure", action="store_true", help="time DATABASE_URL's database: one round's step")
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(options.runs)))
        return
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the bench creates and drops its own databases there.")
    sizes = [int(size) for size in options.sizes.split(",")]
    recreate_database(server_url, sizes)
    try:
        run(server_url, sizes, options.endorsements, options.rounds, options.runs)
    finally:
        recreate_database(server_url, sizes, drop_only=True)


if __name__ == "__main__":
    main()
