"""Writes every search document again (campaign.search.documents): after the search migration on a site with
content, or to repair the index. Publishing and the content loader keep it current otherwise."""

from django.core.management.base import BaseCommand
from django.db import transaction

from campaign.search.documents import rebuild


class Command(BaseCommand):
    help = "Rebuild the visitors' search documents of every live page."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count} search documents written."))
