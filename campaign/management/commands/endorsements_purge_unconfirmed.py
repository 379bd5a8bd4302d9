"""Deletes endorsements whose signer never confirmed them (the privacy page promises 14 days). Run daily."""

import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from campaign.endorsements.data_protection import purge_unconfirmed

UNITS = {"d": "days", "h": "hours"}


def parse_age(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+)([dh])", text.strip())
    if not match:
        raise CommandError(f"--older-than takes a number of days or hours, like 14d or 36h; not {text!r}.")
    return timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


class Command(BaseCommand):
    help = "Delete endorsements never confirmed by email, older than --older-than (default 14d)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", default="14d", help="Age, in days (14d) or hours (36h).")

    def handle(self, *args, older_than: str, **options):
        deleted = purge_unconfirmed(parse_age(older_than))
        self.stdout.write(f"Deleted {deleted} unconfirmed endorsement(s) older than {older_than}.")
