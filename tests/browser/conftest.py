"""Browser tests: staff work in the real admin with Debian's Chromium, driven by Playwright.

The server is the product as `make demo` runs it: `manage.py runserver` over a scratch database (SQLite, or
PostgreSQL when the suite runs on it) migrated and loaded with the campaign content. Beside it runs a stand-in
frontend (tests/browser/frontend/), so that the admin's preview opens a real page on another origin, which
fetches the draft from the API in the browser.

Every page the tests open is watched for Content Security Policy violations: the policy must let Wagtail work.
Each step's screenshot goes to test-artifacts/browser/; with LAMPEDUSA_DOCS_SCREENSHOTS=1 (`make screenshots`)
the steps the guides show are also written, small, to docs/images/.
"""

import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
DOC_IMAGES = ROOT / "docs" / "images"
# The translation tests start from these stories as they were before translators delivered them: aliases of the
# French page in every language. The servers load a copy of the translations without theirs.
UNTRANSLATED_STORIES = ("lancaster-plan-accueil", "salt-lake-city-semaine-accueil")
DOC_IMAGE_WIDTH = 900
FRONTEND_PAGE = Path(__file__).resolve().parent / "frontend" / "preview.html"
PASSWORD = "browser-test-password"
# The staff of the browser tests and their admin language: "redactrice" works in the French admin.
STAFF = {"editor": "en", "translator": "en", "moderator": "en", "redactrice": "fr"}
FRENCH_EDITOR = "redactrice"
CREATE_STAFF = """
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
for name, language in {staff!r}.items():
    user = get_user_model().objects.create_superuser(name, f"{{name}}@example.org", {password!r})
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Servers:
    """The running CMS and the stand-in frontend, with the ways tests reach them besides the browser."""

    cms: str
    frontend: str
    environment: dict[str, str] = field(repr=False)
    # The emails the CMS sends, one file each, as a mailbox would receive them (the outbox keeps no token).
    mailbox: Path = field(repr=False, default=Path())

    def sent_emails(self) -> list[str]:
        return [path.read_text() for path in sorted(self.mailbox.glob("*.log"), key=lambda path: path.stat().st_mtime)]

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def graphql(self, query: str, **variables) -> dict:
        request = urllib.request.Request(
            f"{self.cms}/graphql/",
            data=json.dumps({"query": query, "variables": variables}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert "errors" not in answer, answer["errors"]
        return answer["data"]


def frontend_handler(api: str) -> type[http.server.BaseHTTPRequestHandler]:
    page = FRONTEND_PAGE.read_text().replace("__API__", api).encode()

    class Frontend(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            found = self.path.startswith("/preview/")
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page if found else b"Not found")

        def log_message(self, *args):
            """Quiet: the test output is for failures."""

    return Frontend


@contextmanager
def scratch_database(folder: Path) -> Iterator[str]:
    """A database of its own for the server: PostgreSQL when the suite runs on it (DATABASE_URL), else SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{folder / 'db.sqlite3'}"
        return
    import psycopg

    name = f"lampedusa_browser_{os.getpid()}"
    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The CMS server stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"The CMS server did not answer within 120 s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Without Chromium this layer is skipped with the reason, unless LAMPEDUSA_REQUIRE_BROWSER is set (.ci/run
    sets it after installing Chromium, so that CI cannot pass without running it)."""
    if not CHROMIUM.exists():
        message = (
            f"Browser tests need Chromium at {CHROMIUM}, which is not installed: run `apt-get install chromium` "
            "(.ci/run does). The rest of the suite does not need it."
        )
        if os.environ.get("LAMPEDUSA_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def servers(chromium) -> Iterator[Servers]:
    scratch = Path(tempfile.mkdtemp(prefix="lampedusa-browser-"))
    with scratch_database(scratch) as database:
        yield from running_servers(scratch, database)


def translations_without(stories: tuple[str, ...], scratch: Path) -> Path:
    copy = scratch / "translations"
    shutil.copytree(ROOT / "locale" / "content", copy)
    for path in copy.glob("*/pages/histoires/*.po"):
        if path.stem in stories:
            path.unlink()
    return copy


def running_servers(scratch: Path, database: str) -> Iterator[Servers]:
    cms, frontend_port = f"http://127.0.0.1:{free_port()}", free_port()
    frontend = http.server.ThreadingHTTPServer(("127.0.0.1", frontend_port), frontend_handler(cms))
    threading.Thread(target=frontend.serve_forever, daemon=True).start()
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(scratch / "media"),
        "CAMPAIGN_TRANSLATIONS_DIR": str(translations_without(UNTRANSLATED_STORIES, scratch)),
        "FRONTEND_URL": f"http://127.0.0.1:{frontend_port}",
        "WAGTAILADMIN_BASE_URL": cms,
        "BACKEND_URL": cms,
        # Four slashes: django-environ keeps the path absolute only so.
        "EMAIL_URL": f"filemail:///{scratch / 'mailbox'}",
    }
    servers = Servers(
        cms=cms, frontend=environment["FRONTEND_URL"], environment=environment, mailbox=scratch / "mailbox"
    )
    servers.manage("migrate", "--noinput", "-v", "0")
    servers.manage("load_campaign_content")
    servers.manage("shell", "-c", CREATE_STAFF.format(staff=STAFF, password=PASSWORD))
    log = scratch / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", cms.removeprefix("http://"), "--noreload"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(cms, server, log)
        yield servers
    finally:
        server.terminate()
        server.wait(timeout=30)
        frontend.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    """One Chromium per test module, closed before the next module: Playwright's event loop must not outlive
    the browser tests, as Django refuses database access from a thread running one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True)
        yield launched
        launched.close()


# Waits for running CSS transitions (a message sliding in) to end or be cancelled, or 2 s for endless ones.
SETTLED = """() => Promise.race([
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
])"""


class Screenshots:
    """Numbered screenshots of one test's steps; the guides' pictures are written from the same steps."""

    def __init__(self, test_name: str):
        self.folder = ARTIFACTS / test_name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def __call__(self, page, step: str, *, doc: str = "") -> None:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.evaluate(SETTLED)
        page.screenshot(path=str(path))
        if doc and os.environ.get("LAMPEDUSA_DOCS_SCREENSHOTS"):
            write_doc_image(path, DOC_IMAGES / f"{doc}.png")


def write_doc_image(source: Path, target: Path) -> None:
    """A small, palette PNG: the guides are read on GitHub and in the repository, not printed."""
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        height = round(image.height * DOC_IMAGE_WIDTH / image.width)
        small = image.convert("RGB").resize((DOC_IMAGE_WIDTH, height), Image.Resampling.LANCZOS)
        small.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


@pytest.fixture
def shot(request) -> Screenshots:
    return Screenshots(re.sub(r"\W+", "-", request.node.name).strip("-"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def page(browser, servers, request):
    """A fresh browser profile per test; any Content Security Policy violation fails the test; a failure leaves
    a screenshot of where it stopped."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB", reduced_motion="reduce")
    context.set_default_timeout(20_000)
    opened = context.new_page()
    violations: list[str] = []
    context.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield opened
    if getattr(request.node, "failed_call", False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}-failure.png"))
    context.close()
    assert not violations, "The admin broke its Content Security Policy:\n" + "\n".join(violations)


@pytest.fixture
def log_in(page, servers):
    def run(username: str) -> None:
        page.goto(f"{servers.cms}/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{servers.cms}/admin/")

    return run
