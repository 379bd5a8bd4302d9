"""Retries the frontend revalidation notices that could not be delivered (campaign.publishing.revalidation)."""

import time

from django.core.management.base import BaseCommand

from campaign.publishing.revalidation.delivery import deliver
from campaign.publishing.revalidation.notifications import due_notifications


class Command(BaseCommand):
    help = "Deliver due frontend notifications. With --every N, keep doing it every N seconds."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Seconds between rounds; 0 for a single round.")

    def handle(self, *args, every: int, **options):
        while True:
            results = [deliver(notification) for notification in due_notifications()[:100]]
            if results or not every:
                self.stdout.write(f"Delivered {sum(results)} notification(s); {results.count(False)} failed.")
            if not every:
                return
            time.sleep(every)
