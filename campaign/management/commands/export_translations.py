"""Writes PO files for translators: one per loaded object and language, under locale/content/<lang>/.

Existing translations are included (msgstr filled), so the same command refreshes files after the French source
changes: new or changed segments come out with an empty msgstr, the rest keep their translation.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from campaign.loader.po_files import po_path, po_root
from campaign.loader.translations import export_po, loaded_objects


class Command(BaseCommand):
    help = "Export PO files of the loaded content for translators (locale/content/<lang>/…)."

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", required=True, help="Language code, e.g. en (repeatable).")
        parser.add_argument(
            "--key",
            action="append",
            default=[],
            help="Only these content keys, e.g. page:charte/dignite or theme:climate (repeatable; default: all).",
        )
        parser.add_argument("--prefix", action="append", default=[], help="Only keys starting with this (repeatable).")
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Default: settings.CAMPAIGN_TRANSLATIONS_DIR (locale/content/)",
        )

    def handle(self, *args, language: list[str], key: list[str], prefix: list[str], output_dir, **options):
        output_dir = output_dir or po_root()
        locales = list(Locale.objects.filter(language_code__in=language))
        if len(locales) != len(set(language)):
            raise CommandError(f"Unknown language among {', '.join(language)}.")
        objects = loaded_objects()
        wanted = (lambda k: k in key or k.startswith(tuple(prefix))) if key or prefix else (lambda k: True)
        selected = {k: v for k, v in objects.items() if wanted(k)}
        unknown = set(key) - set(objects)
        if unknown:
            raise CommandError(f"No loaded content has the key(s): {', '.join(sorted(unknown))}")
        written = 0
        with transaction.atomic():
            for locale in locales:
                for content_key, instance in selected.items():
                    path = po_path(locale.language_code, content_key, output_dir)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    export_po(instance, content_key, locale).save(str(path))
                    written += 1
            transaction.set_rollback(True)
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} PO file(s)."))
