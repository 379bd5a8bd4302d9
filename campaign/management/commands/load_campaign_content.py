"""Builds the campaign's pages and snippets from campaign/content/, idempotently.

Every file is read and validated before anything is written, and everything is written in one transaction:
invalid content changes nothing. A second run changes nothing; a page or snippet edited in the admin since the
last run is kept as the editor left it (reported as "kept") unless --force is given.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from campaign.i18n.locales import default_locale
from campaign.loader import parts
from campaign.loader.errors import ContentError
from campaign.loader.locales import ensure_locales, synchronise_trees
from campaign.loader.names_to_confirm import load_names_to_confirm
from campaign.loader.report import coverage_table, outcome_table
from campaign.loader.share_cards import give_translated_share_cards
from campaign.loader.statistics import analyze
from campaign.loader.translations import TranslationImporter, loaded_objects
from campaign.loader.writer import ContentWriter, point_site_at
from campaign.search import documents as search_documents


class Command(BaseCommand):
    help = "Load the campaign content (charter, timeline, stories, pages, menus) from campaign/content/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages and snippets that were edited in the admin."
        )

    def handle(self, *args, force: bool = False, **options):
        try:
            plan = self.read_plan()
        except ContentError as error:
            raise CommandError(f"Invalid content, nothing was written. {error}") from error
        try:
            with transaction.atomic(), search_documents.deferred():
                writer = self.write(plan, force=force)
                importer = self.import_translations(force=force)
                give_translated_share_cards(writer)
                load_names_to_confirm()
            search_documents.build_if_missing()
        except ContentError as error:
            raise CommandError(f"Invalid content, nothing was written. {error}") from error
        analyze()
        tally = writer.tally + importer.tally
        for warning in importer.incomplete:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write("")
        for line in outcome_table(tally):
            self.stdout.write(line)
        self.stdout.write("")
        for line in coverage_table():
            self.stdout.write(line)
        kept = sum(n for (_, _, outcome), n in tally.items() if outcome == "kept")
        if kept:
            self.stdout.write(
                self.style.WARNING(
                    f"{kept} item(s) edited in the admin since the last load were kept; --force overwrites them."
                )
            )
        self.stdout.write(self.style.SUCCESS("Campaign content loaded."))

    def read_plan(self) -> dict:
        self.stdout.write("Reading content files…")
        taxonomies = parts.taxonomy_specs()
        stories = parts.story_entries()
        cities = parts.city_specs(stories)
        covers = [*parts.cover_image_specs(stories), parts.source_share_card_spec()]
        pages = parts.page_specs()
        navigation = parts.navigation_specs()
        parts.check_page_links(pages, navigation)
        self.stdout.write(
            f"  {len(taxonomies)} classification terms, {len(cities)} cities, {len(pages)} pages, "
            f"{len(navigation)} menus and settings"
        )
        return {"taxonomies": taxonomies, "cities": cities, "covers": covers, "pages": pages, "navigation": navigation}

    def write(self, plan: dict, *, force: bool) -> ContentWriter:
        writer = ContentWriter(ensure_locales(), force=force)
        self.progress("Classification", plan["taxonomies"], writer.write_snippet)
        self.progress("Cities", plan["cities"], writer.write_snippet)
        self.progress("Placeholder covers and share card", plan["covers"], writer.write_image)
        self.progress("Page tree", plan["pages"], writer.ensure_page)
        point_site_at(writer.pages[parts.HOME_KEY])
        self.progress("Page content", plan["pages"], writer.write_page)
        self.progress("Menus and settings", plan["navigation"], writer.write_snippet)
        self.stdout.write("Synchronising the EN and ES trees…")
        synchronise_trees()
        return writer

    def import_translations(self, *, force: bool) -> TranslationImporter:
        """EN and ES arrive as translators deliver them: PO files imported through wagtail-localize."""
        importer = TranslationImporter(loaded_objects(), force=force)
        for locale in Locale.objects.exclude(pk=default_locale().pk).order_by("pk"):
            self.stdout.write(f"Importing {locale.language_code} translations…")
            importer.import_language(locale)
        return importer

    def progress(self, label: str, specs: list, step) -> None:
        """A counter updated in place on a terminal; one line per part in logs."""
        interactive = self.stdout.isatty()
        for done, spec in enumerate(specs, start=1):
            step(spec)
            if interactive:
                self.stdout.write(f"\r  {label}: {done}/{len(specs)}", ending="")
                self.stdout.flush()
        self.stdout.write(f"\r  {label}: {len(specs)}/{len(specs)}")
