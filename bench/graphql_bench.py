"""How fast the GraphQL API answers, and what the same content costs through Wagtail's REST API v2.

Run it with `make bench` (or `.venv/bin/python -m bench.graphql_bench`). It migrates and loads the
campaign content into `.bench/` on first use, then requests each operation in process through Django's
test client (no network; every request a response-cache miss) and prints, per operation, the SQL queries
of one request and the median and 95th percentile of its latency. Set DATABASE_URL to measure on PostgreSQL.

Wagtail's v2 API is switched on for the benches only (bench/settings.py, bench/urls.py, bench/v2_fields.py).
"""

import argparse
import io
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.requests import graphql_request  # noqa: E402
from campaign.pages.charter import CharterPage  # noqa: E402
from campaign.publishing.generations import forget_all  # noqa: E402

OPERATIONS = Path(__file__).resolve().parent.parent / "tests" / "graphql" / "operations"
PRINCIPLE_PATH = {"fr": "/fr/charte/dignite/", "en": "/en/charter/dignity/", "es": "/es/carta/dignidad/"}
STORY_PATH = {
    "fr": "/fr/histoires/milan-premiers-pas/",
    "en": "/en/stories/milan-first-steps/",
    "es": "/es/historias/milan-primeros-pasos/",
}
HOME_PATH = {"fr": "/fr/", "en": "/en/", "es": "/es/"}
SEARCH_WORD = {"fr": "dignité", "en": "dignity", "es": "dignidad"}

STORIES_WITH_COVER = """
query($locale: String, $limit: Int) { cityStories(locale: $locale, limit: $limit) { items {
  id title url summary coverImage { rendition(spec: "fill-400x225") { url width height } } } } }
"""
STORIES_WITH_RELATIONS = """
query($locale: String, $limit: Int) { cityStories(locale: $locale, limit: $limit) { items {
  id title url summary coverImage { rendition(spec: "fill-400x225") { url width height } }
  cities { name latitude longitude } actionPriorities { number title } } } }
"""
PRINCIPLES = """
query($locale: String) { charter(locale: $locale) { principles { id number title theme
  priorities { position text } } } }
"""
PRINCIPLE_BY_PATH = """
query($path: String!) { page(path: $path) { id title url ... on PrinciplePage { number theme
  priorities { position text } } } }
"""


@dataclass
class Measure:
    queries: int
    median_ms: float
    p95_ms: float


def prepare_content() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_campaign_content", stdout=io.StringIO())


def measure(request: Callable[[], object], iterations: int) -> Measure:
    """Every request a response-cache miss: this bench measures the work of answering (the load test, warm ones)."""
    request()  # warm: renditions are created on first use
    forget_all()
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = len(captured)  # now: the next request resets the log this count is read from
    timings = []
    for _ in range(iterations):
        forget_all()
        started = time.perf_counter()
        request()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    return Measure(queries, statistics.median(timings), p95)


def v2_request(client: Client, url: str) -> Callable[[], object]:
    def send():
        response = client.get(url, follow=True)
        if response.status_code != 200:
            raise RuntimeError(f"v2 answered {response.status_code} for {url}")
        return response.json()

    return send


def v2_resolves(client: Client, path: str) -> bool:
    return client.get(f"/api/v2/pages/find/?html_path={path}", follow=True).status_code == 200


def comparison_rows(client: Client, iterations: int, limit: int) -> list[tuple[str, Measure, Measure | None, str]]:
    charter = CharterPage.objects.get(locale__language_code="fr")
    stories = f"/api/v2/pages/?type=campaign.CityStoryPage&locale=fr&limit={limit}"
    principles = f"/api/v2/pages/?child_of={charter.pk}&type=campaign.PrinciplePage"
    principle_v2_path = PRINCIPLE_PATH["fr"].removeprefix("/fr")
    rows = [
        (
            f"{limit} stories with cover rendition",
            measure(graphql_request(client, STORIES_WITH_COVER, {"locale": "fr", "limit": limit}), iterations),
            measure(v2_request(client, f"{stories}&fields=summary,cover"), iterations),
            "",
        ),
        (
            f"{limit} stories with cover, cities, priorities",
            measure(graphql_request(client, STORIES_WITH_RELATIONS, {"locale": "fr", "limit": limit}), iterations),
            measure(v2_request(client, f"{stories}&fields=summary,cover,cities,action_priorities"), iterations),
            "",
        ),
        (
            "the 7 principles with their priorities",
            measure(graphql_request(client, PRINCIPLES, {"locale": "fr"}), iterations),
            measure(v2_request(client, f"{principles}&fields=number,theme,priorities"), iterations),
            "",
        ),
    ]
    by_path = measure(graphql_request(client, PRINCIPLE_BY_PATH, {"path": PRINCIPLE_PATH["fr"]}), iterations)
    if v2_resolves(client, PRINCIPLE_PATH["fr"]):
        v2_by_path = measure(v2_request(client, f"/api/v2/pages/find/?html_path={PRINCIPLE_PATH['fr']}"), iterations)
        note = ""
    else:
        v2_by_path = measure(v2_request(client, f"/api/v2/pages/find/?html_path={principle_v2_path}"), iterations)
        note = f"v2 cannot resolve {PRINCIPLE_PATH['fr']}; measured {principle_v2_path} without the prefix"
    rows.append(("a principle by its path", by_path, v2_by_path, note))
    return rows


def operation_rows(client: Client, iterations: int) -> list[tuple[str, Measure]]:
    rows = []
    for locale in ("fr", "en", "es"):
        variables = {
            "site": {"locale": locale},
            "home_page": {"path": HOME_PATH[locale]},
            "charter": {"locale": locale},
            "principle": {"path": PRINCIPLE_PATH[locale]},
            "timeline": {"locale": locale},
            "story_list": {"locale": locale, "limit": 12},
            "story": {"path": STORY_PATH[locale]},
            "search": {"query": SEARCH_WORD[locale], "locale": locale},
            "language_switcher": {"path": STORY_PATH[locale]},
        }
        for operation, values in variables.items():
            document = (OPERATIONS / f"{operation}.graphql").read_text()
            rows.append((f"{operation} ({locale})", measure(graphql_request(client, document, values), iterations)))
    return rows


def print_comparison(rows) -> None:
    print("| Request | GraphQL queries | GraphQL median / p95 ms | v2 queries | v2 median / p95 ms | Note |")
    print("|---|---:|---:|---:|---:|---|")
    for label, ours, v2, note in rows:
        print(
            f"| {label} | {ours.queries} | {ours.median_ms:.1f} / {ours.p95_ms:.1f} "
            f"| {v2.queries} | {v2.median_ms:.1f} / {v2.p95_ms:.1f} | {note} |"
        )


def print_operations(rows) -> None:
    print("| Frontend operation | Queries | Median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for label, result in rows:
        print(f"| {label} | {result.queries} | {result.median_ms:.1f} | {result.p95_ms:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=30, help="timed requests per operation")
    parser.add_argument("--limit", type=int, default=20, help="stories per list in the comparison")
    options = parser.parse_args()
    prepare_content()
    client = Client()
    print(f"Database: {connection.vendor}; {options.iterations} timed requests per row, after one warm-up.\n")
    print_comparison(comparison_rows(client, options.iterations, options.limit))
    print()
    print_operations(operation_rows(client, options.iterations))


if __name__ == "__main__":
    main()
