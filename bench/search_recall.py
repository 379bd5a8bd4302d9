"""Recall and latency of the visitors' search on PostgreSQL, with the shipped content.

Run it with `make bench-search` (or `.venv/bin/python -m bench.search_recall`). It needs PostgreSQL: the server of
DATABASE_URL (default postgres://postgres@127.0.0.1:5432), in a database of its own, `lampedusa_search_bench`,
created afresh, migrated and loaded with `load_campaign_content`. It prints, per language, each query of
tests/search_queries.py with the expected stories it found, then the median latency of a few searches through
GraphQL (in process, no cache) and the plan of one.
"""

import argparse
import io
import os
import statistics
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg

DATABASE = "lampedusa_search_bench"
SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
LATENCY_QUERIES = [
    ("fr", "réfugiés"),
    ("en", "refugee integration"),
    ("es", "refugiadas"),
    ("fr", "réfug"),
    ("en", "Athènes"),
]
ITERATIONS = 20


def database_url(name: str) -> str:
    parts = urlsplit(SERVER)
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_database() -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        server.execute(f"CREATE DATABASE {DATABASE}")


def setup(reuse: bool) -> None:
    if not reuse:
        fresh_database()
    os.environ["DATABASE_URL"] = database_url(DATABASE)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if reuse:
        return
    started = time.perf_counter()
    call_command("load_campaign_content", stdout=io.StringIO())
    print(f"Content loaded in {time.perf_counter() - started:.0f} s.\n")


SEARCH = """query ($q: String!, $locale: String) {
  search(query: $q, locale: $locale, limit: 100) { totalCount items { translationKey } hits { snippet } }
}"""


def search(client, words: str, locale: str) -> dict:
    body = client.post("/graphql/", {"query": SEARCH, "variables": {"q": words, "locale": locale}}, "application/json")
    answer = body.json()
    if answer.get("errors"):
        raise RuntimeError(f"GraphQL error: {answer['errors']}")
    return answer["data"]["search"]


def recall_table(client) -> None:
    from campaign.models import CityStoryPage
    from tests.search_queries import CASES

    def slugs(keys):
        stories = CityStoryPage.objects.filter(locale__language_code="fr", translation_key__in=keys)
        return set(stories.values_list("slug", flat=True))

    current = None
    total_found = total_expected = 0
    for locale, words, expected in CASES:
        if locale != current:
            current = locale
            print(f"\n{locale.upper():<4}{'query':<22}{'found / expected':>18}{'results':>10}")
        body = client.post(
            "/graphql/", {"query": SEARCH, "variables": {"q": words, "locale": locale}}, "application/json"
        )
        results = body.json()["data"]["search"]
        hit = expected & slugs({item["translationKey"] for item in results["items"]})
        total_found, total_expected = total_found + len(hit), total_expected + len(expected)
        print(f"    {words:<22}{len(hit):>9} / {len(expected):<6}{results['totalCount']:>10}")
    print(f"\nRecall: {total_found} / {total_expected} expected stories found.")


def latencies(client) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    print(f"\n{'search':<32}{'median ms':>10}{'SQL':>6}")
    for locale, words in LATENCY_QUERIES:
        timings = []
        for _ in range(ITERATIONS):
            cache.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.post(
                    "/graphql/", {"query": SEARCH, "variables": {"q": words, "locale": locale}}, "application/json"
                )
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{locale} {words!r:<29}{statistics.median(timings):>10.1f}{len(queries.captured_queries):>6}")


def plan() -> None:
    from django.db import connection
    from wagtail.models import Locale

    from campaign.i18n.localization import visible_pages
    from campaign.search.query import matching

    spanish = Locale.objects.get(language_code="es")
    found, _ = matching(["refugiadas"], visible_pages().filter(locale=spanish, depth__gte=3), ["es", "fr"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM campaign_searchdocument")
        documents = cursor.fetchone()[0]
    print(f"\nPlan of the match for 'refugiadas' in ES ({documents} documents):")
    print(found.explain())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help=f"Measure {DATABASE} as a previous run left it.")
    setup(parser.parse_args().reuse)
    from django.test import Client

    client = Client()
    search(client, "warm", "fr")  # the first request of a process builds the schema
    recall_table(client)
    latencies(client)
    plan()


if __name__ == "__main__":
    main()
