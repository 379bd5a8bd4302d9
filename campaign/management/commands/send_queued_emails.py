"""Sends the queued emails that are due (first attempts that failed, then retries); the `mailer` process."""

import time

from django.core.management.base import BaseCommand

from campaign.endorsements.mail import due_emails, send_each


class Command(BaseCommand):
    help = "Send queued emails that are due. With --every N, keep doing it every N seconds."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Seconds between rounds; 0 for a single round.")

    def handle(self, *args, every: int, **options):
        while True:
            sent, failed = send_each(list(due_emails()[:200]))
            if sent or failed or not every:
                self.stdout.write(f"Sent {sent} email(s); {failed} failed and stay queued.")
            if not every:
                return
            time.sleep(every)
