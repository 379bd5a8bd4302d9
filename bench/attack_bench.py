"""The attacks of issue "Safe to launch", sent to gunicorn with the production settings (PostgreSQL, Redis): for
each, how long its answers take and what they are, and how /healthz answers meanwhile.

Run it with `make bench-attack`. It needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL, defaults
postgres://postgres@127.0.0.1:5432/lampedusa_attack and redis://127.0.0.1:6379/14). Everything stays on the
loopback; every attack is a bounded number of requests, and the script stops by itself.
"""

import argparse
import hashlib
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PORT = 8111
BASE = f"http://127.0.0.1:{PORT}"
DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lampedusa_attack",
    "REDIS_URL": "redis://127.0.0.1:6379/14",
}


def environment() -> dict:
    return {
        **os.environ,
        **{name: os.environ.get(name, value) for name, value in DEFAULTS.items()},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "MEDIA_ROOT": str(ROOT / ".bench" / "attack-media"),
        "WEB_CONCURRENCY": "3",
        "LOG_LEVEL": "WARNING",
    }


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True, capture_output=True)


def ensure_database() -> None:
    url = environment()["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def start_server() -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**environment(), "PORT": str(PORT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=2):
                time.sleep(3)  # the other workers finish loading the application
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not answer")


@dataclass
class Answer:
    seconds: float
    status: int
    codes: list[str]
    size: int


def send(body: bytes, content_type: str = "application/json", headers: dict | None = None) -> Answer:
    request = urllib.request.Request(
        f"{BASE}/graphql/", data=body, headers={"Content-Type": content_type, **(headers or {})}
    )
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, content = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, content = error.code, error.read()
    except OSError as error:
        return Answer(time.monotonic() - start, 0, [type(error).__name__], 0)
    seconds = time.monotonic() - start
    try:
        codes = [item.get("extensions", {}).get("code", "?") for item in json.loads(content).get("errors", [])]
    except ValueError:
        codes = ["not JSON"]
    return Answer(seconds, status, codes or ["ok"], len(content))


def query(document: str, **variables) -> bytes:
    return json.dumps({"query": document, "variables": variables}).encode()


@dataclass
class HealthProbe:
    """Asks /healthz every 100 ms while an attack runs."""

    latencies: list[float] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            start = time.monotonic()
            try:
                with urllib.request.urlopen(f"{BASE}/healthz", timeout=30):
                    pass
                self.latencies.append(time.monotonic() - start)
            except OSError:
                self.latencies.append(30.0)
            self.stop.wait(0.1)


def attack(label: str, requests: list, parallel: int) -> None:
    probe = HealthProbe()
    watcher = threading.Thread(target=probe.run)
    watcher.start()
    answers: list[Answer] = []
    lock = threading.Lock()
    pending = list(requests)

    def worker() -> None:
        while True:
            with lock:
                if not pending:
                    return
                request = pending.pop()
            answer = request()
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=worker) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    probe.stop.set()
    watcher.join()
    times = [answer.seconds for answer in answers]
    codes = sorted({code for answer in answers for code in answer.codes})
    health = probe.latencies or [0.0]
    print(
        f"| {label} | {len(answers)} x {parallel} | {statistics.median(times) * 1000:.0f} | {max(times) * 1000:.0f} "
        f"| {', '.join(codes)} | {max(answer.size for answer in answers)} "
        f"| {statistics.median(health) * 1000:.0f} | {max(health) * 1000:.0f} |"
    )


def fragment_bomb(levels: int) -> str:
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on Query {{ locales {{ code }} }}")
    return "query { ...F0 } " + " ".join(fragments)


def related(levels: int) -> str:
    inner = "title url"
    for _ in range(levels):
        inner = f"title relatedStories {{ {inner} }}"
    return f'{{ cityStories(locale: "fr", limit: 100) {{ items {{ {inner} }} }} }}'


def renditions() -> str:
    fields = " ".join(
        f"a{index}: coverImage {{ srcset(widths: [320, 480, 640, 800, 1024, 1200, 1600], format: {fmt}) }}"
        for index, fmt in enumerate(["WEBP", "AVIF", "JPEG", "PNG"] * 5)
    )
    return f'{{ cityStories(locale: "fr", limit: 100) {{ items {{ {fields} }} }} }}'


def renditions_within_budget() -> str:
    """Within the cost budget, yet asking for hundreds of renditions: the per-request rendition cap answers."""
    fields = " ".join(
        f"a{index}: coverImage {{ srcset(widths: [320, 480, 640, 800, 1024, 1200, 1600], format: {fmt}) }}"
        for index, fmt in enumerate(["WEBP", "AVIF", "JPEG", "PNG"])
    )
    return f'{{ cityStories(locale: "en", limit: 12) {{ items {{ {fields} }} }} }}'


def multipart_text(size: int) -> tuple[bytes, str]:
    boundary = "attackboundary"
    operations = json.dumps(
        {"query": "query ($q: String!) { search(query: $q) { totalCount } }", "variables": {"q": "x" * size}}
    )
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{operations}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{{}}\r\n--{boundary}--\r\n'
    )
    return body.encode(), f"multipart/form-data; boundary={boundary}"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def redis_keys() -> int:
    url = environment()["REDIS_URL"]
    database = url.rsplit("/", 1)[1]
    output = subprocess.run(["redis-cli", "-n", database, "dbsize"], capture_output=True, text=True)
    return int(output.stdout.strip() or 0)


def run(parallel: int) -> None:
    """`parallel`: concurrent clients; the repeated attacks send at most that many copies at once."""

    def repeat(count: int) -> int:
        return min(count, parallel)

    print(f"gunicorn, production settings, {BASE}; /healthz asked every 100 ms during each attack.\n")
    print(
        "| Attack | requests x parallel | median ms | max ms | answers | largest answer (bytes) "
        "| /healthz median ms | /healthz max ms |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|")
    for levels in (16, 20, 22):
        body = query(fragment_bomb(levels))
        attack(f"fragment bomb, {levels} levels ({len(body)} bytes)", [lambda b=body: send(b)] * repeat(8), repeat(8))
    for levels in (4, 6):
        body = query(related(levels))
        attack(f"relatedStories nested {levels} levels, limit 100", [lambda b=body: send(b)] * repeat(4), repeat(4))
    body = query(related(1))
    attack("relatedStories 1 level, limit 100 (allowed)", [lambda b=body: send(b)] * repeat(4), repeat(4))
    body = query(renditions())
    attack("20 aliased srcsets over 100 stories", [lambda b=body: send(b)] * repeat(2), repeat(2))
    body = query(renditions_within_budget())
    attack("4 aliased 7-width srcsets over 12 stories (336 renditions asked)", [lambda b=body: send(b)] * 2, 1)
    multipart, content_type = multipart_text(900_000)
    attack("0.9 MB text in a multipart request", [lambda: send(multipart, content_type)] * repeat(4), repeat(4))
    search = [
        lambda n=n: send(query("query ($q: String!) { search(query: $q) { totalCount } }", q=f"réfugié {n} " * 200))
        for n in range(50)
    ]
    attack("50 distinct 2 KB searches", search, parallel)
    before = redis_keys()
    apq = [
        lambda n=n: send(
            json.dumps(
                {
                    "query": f"not graphql {n}",
                    "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest(f"not graphql {n}")}},
                }
            ).encode()
        )
        for n in range(50)
    ]
    attack("50 unparsable persisted queries", apq, parallel)
    print(f"\nRedis keys added by the unparsable persisted queries: {redis_keys() - before}")
    document = "query ($locale: String) { site(locale: $locale) { name } }"
    send(query(document, locale="fr"))
    before = redis_keys()
    unused = [lambda n=n: send(query(document, locale="fr", **{f"unused{n}": n})) for n in range(50)]
    attack("the same query with 50 different unused variables", unused, parallel)
    print(f"Redis keys added by the unused variables: {redis_keys() - before}")
    cross_site = [lambda: send(*multipart_text(10), headers={"Origin": "https://evil.example"})] * repeat(4)
    attack("cross-site multipart POST", cross_site, repeat(4))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parallel", type=int, default=8, help="concurrent clients for the repeated attacks")
    parser.add_argument("--skip-load", action="store_true", help="reuse the database of a previous run")
    options = parser.parse_args()
    if not options.skip_load:
        ensure_database()
        manage("migrate", "--noinput")
        manage("load_campaign_content")
    server = start_server()
    try:
        run(options.parallel)
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
