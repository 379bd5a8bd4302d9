"""Publishes and unpublishes what editors scheduled (go-live and expiry dates); the `scheduler` process.

Wagtail's `publish_scheduled` does one round and exits; this runs it every N seconds. Each unpublish or publish
it makes sends Wagtail's page signals, which start a new content generation
(campaign.publishing.generation_signals): cached API answers that still hold an expired page become unreachable
within one round. The API refuses expired pages by itself (campaign.i18n.localization.visible_pages), so the round
only bounds what the response cache may hold.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages and snippets. With --every N, keep doing it every N seconds."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Seconds between rounds; 0 for a single round.")

    def handle(self, *args, every: int, **options):
        if not every:
            call_command("publish_scheduled")
            return
        while True:
            run_round()
            time.sleep(every)


def run_round() -> None:
    """One round that never stops the process: a failure (the database restarting, one revision that cannot be
    published) is logged and the next round tries again, on a fresh database connection."""
    close_old_connections()
    try:
        call_command("publish_scheduled")
    except Exception:
        logger.exception("Scheduled publishing failed; retrying next round")
