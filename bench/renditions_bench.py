"""A cold story list when its covers' renditions were made beforehand by the worker, beside the same list when the
visitor's request makes them (the in-request path, which stays the fallback).

Run it with `make bench-renditions` (or `.venv/bin/python -m bench.renditions_bench`). It uses the benches'
database and media in `.bench/` (bench/settings.py; migrated and loaded on first use, as `make bench` does) and
sends each request in process through Django's test client. Before every timed request the covers' renditions are
deleted (rows, files and cached entries), the task queue emptied and the response cache forgotten, so that
nothing is left from an earlier request. Then:
- in-request: the request is timed as it comes, making every rendition it asks for;
- pre-generated: one task per cover is enqueued, as an upload enqueues it, the worker (`db_worker --batch`, run in
  this process) makes the renditions and is timed apart, then the request is timed.
Each row is the median of the rounds, with the SQL queries and the renditions the request itself made.
"""

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
# The bench measures how long the in-request path takes, however long: a busy machine must not turn it into TIMEOUT.
os.environ.setdefault("GRAPHQL_EXECUTION_SECONDS", "300")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402
from wagtail.images.models import Rendition  # noqa: E402

from bench.graphql_bench import prepare_content  # noqa: E402
from campaign.assets.pregeneration import RENDITIONS_BACKEND, pregenerate_renditions, pregenerated_specs  # noqa: E402
from campaign.publishing.generations import forget_all  # noqa: E402

OPERATIONS = Path(__file__).resolve().parent.parent / "tests" / "graphql" / "operations"
SRCSET_LIST = """
query($limit: Int) { cityStories(locale: "fr", limit: $limit) { items { title url
  coverImage { alt srcset(widths: [320, 640, 1024], format: %s) } } } }
"""
COVER_IDS = 'query($limit: Int) { cityStories(locale: "fr", limit: $limit) { items { coverImage { id } } } }'


@dataclass
class Cold:
    milliseconds: float
    queries: int
    renditions_made: int


def requests(limit: int) -> list[tuple[str, str, dict]]:
    """What is measured: the issue's AVIF srcset, the same in WEBP, and the frontend's story list operation."""
    return [
        (f"{limit} stories, AVIF srcset of 3 widths", SRCSET_LIST % "AVIF", {"limit": limit}),
        (f"{limit} stories, WEBP srcset of 3 widths", SRCSET_LIST % "WEBP", {"limit": limit}),
        ("story_list operation, 12 stories", (OPERATIONS / "story_list.graphql").read_text(), {"locale": "fr"}),
    ]


def post(client: Client, document: str, variables: dict) -> dict:
    response = client.post("/graphql/", {"query": document, "variables": variables}, content_type="application/json")
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        raise RuntimeError(f"GraphQL error: {body}")
    return body


def cover_ids(client: Client, limit: int) -> list[int]:
    """The images every measured request shows (the story list's 12 are among the first `limit`)."""
    items = post(client, COVER_IDS, {"limit": max(limit, 12)})["data"]["cityStories"]["items"]
    return [int(item["coverImage"]["id"]) for item in items if item["coverImage"]]


def make_cold(image_ids: list[int]) -> None:
    """No rendition of these images (deleting a row also deletes its file and its cache entry), no task waiting,
    no cached answer."""
    Rendition.objects.filter(image_id__in=image_ids).delete()
    DBTaskResult.objects.filter(backend_name=RENDITIONS_BACKEND).delete()
    forget_all()


def timed_request(client: Client, document: str, variables: dict) -> Cold:
    before = Rendition.objects.count()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        post(client, document, variables)
        elapsed = (time.perf_counter() - started) * 1000
    return Cold(elapsed, len(captured), Rendition.objects.count() - before)


def run_worker(image_ids: list[int]) -> float:
    """Enqueues each image as its upload would, and runs the worker until the queue is empty; its seconds."""
    for image_id in image_ids:
        pregenerate_renditions.enqueue(image_id)
    started = time.perf_counter()
    call_command(
        "db_worker", "--backend", RENDITIONS_BACKEND, "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )
    return time.perf_counter() - started


def measure(client: Client, limit: int, rounds: int) -> tuple[list[tuple[str, Cold, Cold]], list[float]]:
    image_ids = cover_ids(client, limit)
    in_request: dict[str, list[Cold]] = {}
    pregenerated: dict[str, list[Cold]] = {}
    worker_seconds = []
    for _ in range(rounds):
        for label, document, variables in requests(limit):
            make_cold(image_ids)
            in_request.setdefault(label, []).append(timed_request(client, document, variables))
            make_cold(image_ids)
            worker_seconds.append(run_worker(image_ids))
            forget_all()
            pregenerated.setdefault(label, []).append(timed_request(client, document, variables))
    rows = [(label, median(in_request[label]), median(pregenerated[label])) for label in in_request]
    return rows, worker_seconds


def median(measures: list[Cold]) -> Cold:
    ordered = sorted(measures, key=lambda measure: measure.milliseconds)
    return ordered[len(ordered) // 2]


def print_rows(rows: list[tuple[str, Cold, Cold]]) -> None:
    print("| Cold request | in-request ms | queries | renditions made | pre-generated ms | queries | renditions made |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, ours, ahead in rows:
        print(
            f"| {label} | {ours.milliseconds:.0f} | {ours.queries} | {ours.renditions_made} "
            f"| {ahead.milliseconds:.0f} | {ahead.queries} | {ahead.renditions_made} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="cold requests per row and path (the median is shown)")
    parser.add_argument("--limit", type=int, default=20, help="stories in the srcset lists")
    options = parser.parse_args()
    prepare_content()
    client = Client()
    rows, worker_seconds = measure(client, options.limit, options.rounds)
    covers = len(cover_ids(client, options.limit))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Database: {connection.vendor}; median of {options.rounds} cold requests per cell; load average {load}.\n")
    print_rows(rows)
    print(
        f"\nThe worker, in the background, beforehand: {covers} covers × {len(pregenerated_specs())} renditions "
        f"(IMAGE_PREGENERATED_RENDITIONS) in {statistics.median(worker_seconds):.1f} s (median of "
        f"{len(worker_seconds)} runs), {1000 * statistics.median(worker_seconds) / covers:.0f} ms per image."
    )


if __name__ == "__main__":
    main()
