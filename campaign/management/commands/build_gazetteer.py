"""Builds the offline place index that puts endorsers on the map (campaign.endorsements.gazetteer); part of the
release step, so that no submission waits for it."""

from django.core.management.base import BaseCommand

from campaign.endorsements.gazetteer import build, gazetteer_path


class Command(BaseCommand):
    help = "Build the gazetteer (GAZETTEER_PATH) from GeoNames' places of 1,000 inhabitants or more."

    def handle(self, *args, **options):
        count = build(gazetteer_path())
        self.stdout.write(f"Gazetteer: {count} place names in {gazetteer_path()}.")
