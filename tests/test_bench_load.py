"""The load test's error counts (bench/load_test.py, bench/wrk/report.lua): only real failures count, a non-2xx
status or a GraphQL answer with "errors", so its static floor file must hold an answer without errors."""

import io
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import load_test

COMPLETE = json.dumps({"data": {"cityStories": {"items": []}}}).encode()
PARTIAL = json.dumps(
    {"data": {"cityStories": {"items": []}}, "errors": [{"message": "…", "extensions": {"code": "RENDITION_LIMIT"}}]}
).encode()


def answering(monkeypatch, *bodies: bytes) -> list[str]:
    """urllib answers the bodies in turn; the URLs asked are returned as they are asked."""
    asked = []

    def urlopen(url, timeout):
        asked.append(url)
        return io.BytesIO(bodies[len(asked) - 1])

    monkeypatch.setattr("urllib.request.urlopen", urlopen)
    return asked


def test_the_floor_file_is_the_first_story_list_answered_without_errors(monkeypatch):
    asked = answering(monkeypatch, PARTIAL, PARTIAL, COMPLETE)
    assert load_test.complete_answer("http://127.0.0.1:1/graphql/") == COMPLETE
    assert len(asked) == 3


def test_a_story_list_that_keeps_answering_errors_stops_the_bench(monkeypatch):
    asked = answering(monkeypatch, *[PARTIAL] * load_test.FLOOR_ATTEMPTS)
    with pytest.raises(SystemExit, match="still answers errors"):
        load_test.complete_answer("http://127.0.0.1:1/graphql/")
    assert len(asked) == load_test.FLOOR_ATTEMPTS


class Answers(BaseHTTPRequestHandler):
    """/complete, /partial: 200 with those bodies; anything else 500."""

    protocol_version = "HTTP/1.1"
    bodies = {"/complete": COMPLETE, "/partial": PARTIAL}

    def do_GET(self):
        body = self.bodies.get(self.path, b"Server Error")
        self.send_response(200 if self.path in self.bodies else 500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Quiet: wrk sends thousands of requests."""


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_wrk_counts_only_non_2xx_answers_and_graphql_errors(server):
    complete = load_test.wrk(f"{server}/complete", 1, connections=2)
    assert complete["requests"] > 0 and complete["errors"] == 0
    for failing in ("/partial", "/failure"):
        result = load_test.wrk(server + failing, 1, connections=2)
        assert result["requests"] > 0 and result["errors"] == result["requests"], failing
