"""Writes the schema's SDL to schema.graphql, the frontend's reference; `--check` fails when the file is stale."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from graphql_api.schema import schema

SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"


class Command(BaseCommand):
    help = "Export the GraphQL schema (SDL) to schema.graphql."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if schema.graphql differs from the schema.")

    def handle(self, *args, check: bool = False, **options):
        sdl = schema.as_str() + "\n"
        if check:
            if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text(encoding="utf-8") != sdl:
                raise CommandError("schema.graphql is stale: run `python manage.py export_schema` and commit it.")
            self.stdout.write("schema.graphql is up to date.")
            return
        SCHEMA_FILE.write_text(sdl, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {SCHEMA_FILE.name}."))
