"""Where a cold GraphQL request spends its time, in process: cProfile over cold requests of one operation of
tests/graphql/operations (every request a response-cache miss), printing the top entries by cumulative time, then
by own time. Before the profile, the median latency of the same number of cold requests without the profiler and the
part of it spent in SQL statements (the profiler slows Python, not the database).

Run it with `.venv/bin/python -m bench.profile_operation story_list` (also `story`, `home_page`, any other operation
bench/load_test.py knows, or `--floor` for its floor view; `same_as_v2` and `api_v2` for the load bench's
like-for-like pair); DATABASE_URL for PostgreSQL, as bench/settings.py reads it. The content is loaded as for the
other benches when the database is empty.
"""

import argparse
import cProfile
import io
import os
import pstats
import time
from statistics import median
from urllib.parse import urlencode

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.load_test import FLOORS, READS, SAME_AS_V2, V2_STORIES, floor_path, graphql_path  # noqa: E402
from campaign.models import HomePage  # noqa: E402
from campaign.publishing.generations import forget_all  # noqa: E402

# The load bench's like-for-like pair: 20 stories with covers, cities and priorities, from GraphQL and API v2.
COMPARED = {"same_as_v2": "/graphql/?" + urlencode({"query": SAME_AS_V2}), "api_v2": V2_STORIES}


def prepare_content() -> None:
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_campaign_content", stdout=io.StringIO())


def cold_request(client: Client, path: str) -> None:
    forget_all()
    response = client.get(path)
    if response.status_code != 200 or b'"errors"' in response.content:
        raise SystemExit(f"{path} answered {response.status_code}: {response.content[:300]!r}")


def queries_of(client: Client, path: str) -> int:
    """Counted as they run: Django empties its query log when a request starts."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        cold_request(client, path)
    return len(statements)


def timed(client: Client, path: str, requests: int) -> tuple[float, float]:
    """Median milliseconds of `requests` cold requests without the profiler, and of the SQL statements in them."""
    totals, in_sql = [], []
    spent = [0.0]

    def measure(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started

    with connection.execute_wrapper(measure):
        for _ in range(requests):
            spent[0] = 0.0
            started = time.perf_counter()
            cold_request(client, path)
            totals.append(time.perf_counter() - started)
            in_sql.append(spent[0])
    return median(totals) * 1000, median(in_sql) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("operation", choices=sorted([*READS, *COMPARED]))
    parser.add_argument("--floor", action="store_true", help="profile the operation's floor view instead")
    parser.add_argument("--requests", type=int, default=50, help="cold requests profiled")
    parser.add_argument("--top", type=int, default=30, help="entries printed")
    options = parser.parse_args()
    if options.floor and options.operation not in FLOORS:
        raise SystemExit(f"{options.operation} has no floor view; floors: {', '.join(FLOORS)}")
    prepare_content()
    if options.operation in COMPARED:
        path = COMPARED[options.operation]
    else:
        path = floor_path(options.operation) if options.floor else graphql_path(options.operation)
    client = Client()
    cold_request(client, path)  # renditions are made on first use
    queries = queries_of(client, path)
    total_ms, sql_ms = timed(client, path, options.requests)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(options.requests):
        cold_request(client, path)
    profile.disable()
    stats = pstats.Stats(profile)
    per_request_ms = stats.total_tt * 1000 / options.requests
    kind = "floor view" if options.floor else "API v2" if options.operation == "api_v2" else "GraphQL"
    print(f"{options.operation} ({kind}, {connection.vendor}): {queries} SQL queries.")
    print(f"Median of {options.requests} cold requests: {total_ms:.1f} ms, of which {sql_ms:.1f} ms in SQL statements.")
    print(f"Under the profiler: {per_request_ms:.1f} ms per cold request, over {options.requests} requests.\n")
    stats.sort_stats("cumulative").print_stats(options.top)
    stats.sort_stats("tottime").print_stats(options.top)


if __name__ == "__main__":
    main()
