"""One signed notice to the frontend per publish, with every language version's path; failures retried."""

import hashlib
import hmac
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.models import CharterPage, FrontendNotification

from .factories import PrinciplePageFactory, StandardPageFactory, home, section, translate

pytestmark = pytest.mark.django_db
SECRET = "shared-secret-for-tests"


class Frontend(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Frontend.received.append((dict(self.headers), body))
        self.send_response(Frontend.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def frontend(settings):
    Frontend.received, Frontend.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), Frontend)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONTEND_REVALIDATE_URL = f"http://127.0.0.1:{server.server_port}/api/revalidate"
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    yield Frontend
    server.shutdown()


@pytest.fixture
def principle():
    """A principle of the loaded charter, translated into English and Spanish."""
    french = PrinciplePageFactory(parent=section(CharterPage), slug="principe-d-essai")
    translate(french, "en", slug="test-principle")
    translate(french, "es", slug="principio-de-prueba")
    return french


def publish(page, title):
    page.title = title
    page.save_revision().publish()


def test_a_publish_sends_one_signed_notice_with_every_language_version(principle, frontend, committed):
    committed(lambda: publish(principle, "Dignité !"))
    [(headers, body)] = frontend.received
    expected = hmac.new(SECRET.encode(), f"{headers['X-Lampedusa-Timestamp']}.".encode() + body, hashlib.sha256)
    assert headers["X-Lampedusa-Signature"] == f"sha256={expected.hexdigest()}"
    notice = json.loads(body)
    expected = {
        f"/{code}/{section(CharterPage, code).slug}/{slug}/"
        for code, slug in (("fr", "principe-d-essai"), ("en", "test-principle"), ("es", "principio-de-prueba"))
    }
    assert expected <= set(notice["paths"])
    assert notice["tags"] == ["content", f"page:{principle.translation_key}"]
    assert FrontendNotification.objects.get().delivered_at is not None


def test_a_move_sends_the_former_and_the_new_path(frontend, committed):
    legal = StandardPageFactory(parent=home(), slug="mentions-d-essai")
    privacy = StandardPageFactory(parent=home(), slug="confidentialite-d-essai")
    committed(lambda: legal.move(privacy, pos="last-child"))
    paths = {path for _, body in frontend.received for path in json.loads(body)["paths"]}
    assert {"/fr/mentions-d-essai/", "/fr/confidentialite-d-essai/mentions-d-essai/"} <= paths


def test_a_failed_delivery_is_kept_and_retried_by_the_notifier(principle, frontend, committed):
    frontend.status = 503
    committed(lambda: publish(principle, "Participation !"))
    failed = FrontendNotification.objects.get()
    assert failed.delivered_at is None and failed.last_status == 503 and failed.attempts == 1

    frontend.status = 200
    FrontendNotification.objects.update(next_attempt_at=timezone.now())
    call_command("notify_frontend", stdout=io.StringIO())
    assert FrontendNotification.objects.get().delivered_at is not None and len(frontend.received) == 2


def test_the_admin_lists_deliveries_and_failures(principle, admin_client, frontend, committed):
    frontend.status = 500
    committed(lambda: publish(principle, "Reconnaissance !"))
    page = admin_client.get("/admin/frontend_notifications/").content.decode()
    assert "500" in page and "HTTP Error 500" in page


def test_nothing_is_sent_when_no_frontend_is_configured(committed, settings, principle):
    settings.FRONTEND_REVALIDATE_URL = ""
    committed(lambda: publish(principle, "Solidarité !"))
    assert not FrontendNotification.objects.exists()
