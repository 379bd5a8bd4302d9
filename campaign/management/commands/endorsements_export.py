"""Answers a signer's access request: everything stored about an email address, as JSON."""

import json

from django.core.management.base import BaseCommand

from campaign.endorsements.data_protection import export_for_email


class Command(BaseCommand):
    help = "Print, as JSON, every endorsement and email stored for --email."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The person's email address (case does not matter).")

    def handle(self, *args, email: str, **options):
        records = export_for_email(email)
        self.stdout.write(json.dumps({"email": email, "endorsements": records}, ensure_ascii=False, indent=2))
        if not records:
            self.stderr.write(f"Nothing is stored for {email}.")
