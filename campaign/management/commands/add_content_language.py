"""Adds a content language: its locale, synchronised from French, with a tree holding every French page.

Each page of the new tree is an alias of the French page (the API serves it in French, `isFallback: true`) until a
translator translates and publishes it, as EN and ES started. Snippets need nothing: they fall back to French one
by one. The language must first be among the configured ones (settings.WAGTAIL_CONTENT_LANGUAGES); see
docs/operations.md. Running it again changes nothing, except adding aliases of French pages the tree lacks.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from campaign.i18n.locales import default_locale


class Command(BaseCommand):
    help = "Create a content language's locale and page tree (aliases of the French pages), ready for translation."

    def add_arguments(self, parser):
        parser.add_argument("language_code", help="A configured content language, e.g. de")

    def handle(self, *args, language_code: str, **options):
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        if language_code == settings.LANGUAGE_CODE:
            raise CommandError(f"{language_code} is the source language; every other language follows it.")
        if language_code not in names:
            raise CommandError(
                f"{language_code} is not a configured content language ({', '.join(names)}). Add it to "
                f"EXTRA_LANGUAGES (e.g. EXTRA_LANGUAGES={language_code}=<its name in that language>) in the "
                "environment of every process, deploy, then run this again."
            )
        with transaction.atomic():
            locale, created = Locale.objects.get_or_create(language_code=language_code)
            sync, _ = LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": default_locale()}
            )
            synchronize_tree(sync.sync_from, locale)
        self.report(locale, names[language_code], created, sync)

    def report(self, locale: Locale, name: str, created: bool, sync: LocaleSynchronization) -> None:
        pages = Page.objects.filter(locale=locale)
        aliases = pages.filter(alias_of__isnull=False).count()
        state = "created" if created else "already there"
        self.stdout.write(
            f"Locale {locale.language_code} ({name}): {state}, synchronised from {sync.sync_from.language_code}. "
            f"Its tree: {pages.count()} pages, {aliases} of them aliases served in French until translated."
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Translators can start: in the admin (a French page → Translate), or with PO files "
                f"(manage.py export_translations --language {locale.language_code})."
            )
        )
