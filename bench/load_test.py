"""Every frontend operation over HTTP, served by gunicorn with production settings, PostgreSQL and Redis: GraphQL
cold and warm beside its floor (bench/floor_views.py: the same JSON from a hand-written view, where one exists),
the story list beside Wagtail's API v2 for the same data, a static file; then (bench-load) a launch-day mix.

Run it with `make bench` (without the mix) or `make bench-load`. It needs PostgreSQL and Redis (DATABASE_URL and
REDIS_URL, defaults postgres://postgres@127.0.0.1:5432/lampedusa_bench and redis://127.0.0.1:6379/15) and wrk
(`apt-get install wrk`); everything stays on the loopback, on free ports, and every run stops by itself. Two gunicorn
servers run the product: one with the response cache (warm), one with it switched off
(GRAPHQL_RESPONSE_CACHE_SECONDS=0, every answer computed: cold).

Ratios are of the time per request (1 / requests per second, same concurrency): cold/floor is what GraphQL's
execution adds to the same work (target: at most 2), story list cold/API v2 what it costs beside Wagtail's own API
for the same 20 stories with covers, cities and priorities (target: at most 0.35; the median of three pairs, each
pair measured one after the other).
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from statistics import median
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
WRK_DIR = Path(__file__).resolve().parent / "wrk"
OPERATIONS = ROOT / "tests" / "graphql" / "operations"
DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lampedusa_bench",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}
# Every operation of tests/graphql/operations with the variables a visitor's page sends.
READS = {
    "site": {"locale": "fr"},
    "home_page": {"path": "/fr/"},
    "charter": {"locale": "es"},
    "principle": {"path": "/en/charter/dignity/"},
    "timeline": {"locale": "fr"},
    "story_list": {"locale": "en", "limit": 20},
    "story": {"path": "/es/historias/milan-primeros-pasos/"},
    "search": {"query": "dignité", "locale": "fr"},
    "language_switcher": {"path": "/en/stories/milan-first-steps/"},
}
# The hand-written views answering the same `data` (bench/floor_views.py, routed in bench/urls.py).
FLOORS = {"story_list": "/floor/story-list/", "story": "/floor/story/", "home_page": "/floor/home/"}
# The same data as V2_STORIES, asked of GraphQL: the like-for-like comparison.
SAME_AS_V2 = (
    'query { cityStories(locale: "en", limit: 20) { items { id title url summary '
    'coverImage { rendition(spec: "fill-400x225") { url width height } } '
    "cities { name latitude longitude } actionPriorities { number title } } } }"
)
V2_STORIES = (
    "/api/v2/pages/?type=campaign.CityStoryPage&locale=en&limit=20&fields=summary,cover,cities,action_priorities"
)
# Turns of the API v2 comparison (compare_with_v2).
COMPARISONS = 3
# Requests for the floor file's story list: each makes at most GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST renditions.
FLOOR_ATTEMPTS = 5
RESULT = re.compile(r"RESULT rps=([\d.]+) p50=([\d.]+) p95=([\d.]+) errors=(\d+) requests=(\d+)")


def environment(**extra) -> dict:
    return {
        **os.environ,
        **{k: os.environ.get(k, v) for k, v in DEFAULTS.items()},
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "ENDORSEMENT_RATE_PER_IP": "1000000/h",
        "WEB_CONCURRENCY": "3",
        **extra,
    }


def ensure_database(url: str) -> None:
    """The bench's database, created on its server the first time (later runs load the content into it again)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(f'CREATE DATABASE "{name}"')


def manage(*args: str) -> str:
    python = sys.executable
    return subprocess.run(
        [python, "manage.py", *args], cwd=ROOT, env=environment(), check=True, capture_output=True, text=True
    ).stdout


def start_server(port: int, **extra) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment(PORT=str(port), **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    settle()  # one worker answers; the others are still loading the application
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit(f"gunicorn did not answer on port {port}")


def free_port() -> int:
    """Other benches may run on this machine at the same time: the system picks a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def floor_path(operation: str) -> str:
    return FLOORS[operation] + "?" + urlencode(READS[operation])


def graphql_path(operation: str) -> str:
    query = " ".join((OPERATIONS / f"{operation}.graphql").read_text().split())
    return "/graphql/?" + urlencode({"query": query, "variables": json.dumps(READS[operation])})


def wrk(url: str, seconds: int, script: str = "report.lua", connections: int = 16, **env) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(WRK_DIR / script), url]
    output = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "WRK_SHOW_ERRORS": "1", **env}, timeout=seconds + 60
    )
    for line in output.stdout.splitlines():
        if line.startswith("ERROR "):
            print(f"  {line}", file=sys.stderr)
    found = RESULT.search(output.stdout)
    if not found:
        raise SystemExit(f"wrk gave no result for {url}:\n{output.stdout}\n{output.stderr}")
    rps, p50, p95, errors, requests = found.groups()
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "errors": int(errors), "requests": int(requests)}


def settle() -> None:
    """Slow requests still queued when wrk stops would otherwise take CPU from the next measurement."""
    time.sleep(5)


def row_header() -> str:
    return "| Request | req/s | p50 ms | p95 ms | errors | ratio |\n|---|---:|---:|---:|---:|---|"


def row(label: str, result: dict, **baselines: dict | None) -> str:
    """`baselines`: name=result, printed as the ratio of this row's time per request to that result's."""
    ratios = ", ".join(f"{name.replace('_', ' ')} {ratio(result, base)}" for name, base in baselines.items() if base)
    return (
        f"| {label} | {result['rps']:.1f} | {result['p50']:.1f} | {result['p95']:.1f} | {result['errors']} | {ratios} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="duration of each read measurement")
    parser.add_argument("--mix-seconds", type=int, default=60, help="duration of the mixed load (0: none)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    ensure_database(environment()["DATABASE_URL"])
    manage("migrate", "--noinput")
    manage("load_campaign_content")
    write_floor()
    warm_port, cold_port = free_port(), free_port()
    warm_server, cold_server = start_server(warm_port), start_server(cold_port, GRAPHQL_RESPONSE_CACHE_SECONDS="0")
    try:
        warm, cold = f"http://127.0.0.1:{warm_port}", f"http://127.0.0.1:{cold_port}"
        run(options, warm, cold)
        if options.mix_seconds:
            mix(options, warm)
    finally:
        for server in (warm_server, cold_server):
            server.terminate()
            server.wait(timeout=30)


def write_floor() -> None:
    """The story list's answer as a static file; whitenoise lists its files when gunicorn starts, so it is
    written by a first server that is then stopped."""
    port = free_port()
    server = start_server(port)
    try:
        body = complete_answer(f"http://127.0.0.1:{port}" + graphql_path("story_list"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    (ROOT / ".bench" / "public" / "floor.json").write_bytes(body)


def complete_answer(url: str) -> bytes:
    """The first answer without errors. On a fresh database the first story lists make only their share of the
    cover renditions (RENDITION_LIMIT errors, the later ones make the rest); report.lua counts a body with
    "errors" as an error, so a floor file holding them would make every request of its row one."""
    for _ in range(FLOOR_ATTEMPTS):
        with urllib.request.urlopen(url, timeout=60) as answer:
            body = answer.read()
        if "errors" not in json.loads(body):
            return body
    raise SystemExit(f"The story list still answers errors after {FLOOR_ATTEMPTS} requests: {body[:300]!r}")


def time_ratio(slower: dict, faster: dict) -> float | None:
    """Time per request of one over the other's, at the same concurrency; None when either served nothing."""
    return faster["rps"] / slower["rps"] if slower["rps"] and faster["rps"] else None


def ratio(slower: dict, faster: dict) -> str:
    value = time_ratio(slower, faster)
    return "-" if value is None else f"{value:.2f}"


def run(options, warm: str, cold: str) -> None:
    print(f"Each row: wrk, 2 threads, 16 connections, {options.seconds} s, loopback; gunicorn 3 sync workers.")
    print("Ratios: time per request (1 / req/s). Targets: cold/floor <= 2; story list cold/API v2 <= 0.35.\n")
    print(row_header())
    static = wrk(f"{warm}/floor.json", options.seconds)
    print(row("static JSON file (the story list's bytes)", static))
    for operation in READS:
        path = graphql_path(operation)
        floor = None
        if operation in FLOORS:
            floor = wrk(cold + floor_path(operation), options.seconds)
            print(row(f"{operation}: floor view", floor))
            settle()
        wrk(warm + path, 1)  # fills the response cache
        print(row(f"{operation}: GraphQL warm", wrk(warm + path, options.seconds), warm_over_static=static))
        cold_result = wrk(cold + path, options.seconds)
        print(row(f"{operation}: GraphQL cold", cold_result, cold_over_floor=floor))
        settle()
    compare_with_v2(cold, options.seconds)


def compare_with_v2(cold: str, seconds: int) -> None:
    """API v2 and GraphQL in turn, COMPARISONS times: one pair moved from 0.52 to 0.74 between two runs on the same
    machine and content, so the row that counts is the median of the pairs' ratios."""
    same_as_v2 = "/graphql/?" + urlencode({"query": SAME_AS_V2})
    ratios = []
    for turn in range(1, COMPARISONS + 1):
        v2 = wrk(cold + V2_STORIES, seconds)
        print(row(f"20 stories, cover, cities, priorities: API v2 ({turn})", v2))
        settle()
        graphql = wrk(cold + same_as_v2, seconds)
        print(row(f"20 stories, cover, cities, priorities: GraphQL cold ({turn})", graphql, v2=v2))
        settle()
        ratios.append(time_ratio(graphql, v2))
    known = [value for value in ratios if value is not None]
    summary = f"{median(known):.2f}" if known else "-"
    print(f"| 20 stories: GraphQL cold over API v2, median of {COMPARISONS} pairs | | | | | {summary} |")


def mix(options, warm: str) -> None:
    reads = ROOT / ".bench" / "read_paths.txt"
    reads.write_text("\n".join(graphql_path(operation) for operation in READS) + "\n")
    consent = manage(
        "shell",
        "-c",
        "from campaign.models import EndorsePage; print(EndorsePage.objects.live().first().consent_version)",
    ).splitlines()[-1]  # after the shell's own line about automatic imports
    mixed = wrk(
        warm + "/",
        options.mix_seconds,
        "mixed_report.lua",
        32,
        READ_PATHS=str(reads),
        CONSENT_VERSION=consent,
        WRK_DIR=str(WRK_DIR),
    )
    print(f"\nMixed load, {options.mix_seconds} s, 32 connections, 95% reads (warm) and 5% endorsements:")
    print("| Mix | req/s | p50 ms | p95 ms | errors | requests |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| 95% reads, 5% endorseCharter | {mixed['rps']:.0f} | {mixed['p50']:.1f} | {mixed['p95']:.1f} "
        f"| {mixed['errors']} | {mixed['requests']} |"
    )
    manage(
        "shell",
        "-c",
        "from campaign.models import Endorsement; "
        "Endorsement.objects.filter(institution_name__startswith='Load test ').delete()",
    )


if __name__ == "__main__":
    main()
