"""Prints each language's translation coverage per page and snippet type: what is translated, what falls back."""

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from campaign.translation_coverage import page_coverage, snippet_coverage


class Command(BaseCommand):
    help = "Translation coverage per locale and content type (live translations vs. French fallback)."

    def handle(self, *args, **options):
        header = f"{'locale':<6} {'type':<34} {'total':>6} {'translated':>10} {'fallback':>9} {'coverage':>9}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for locale in Locale.objects.exclude(pk=Locale.get_default().pk).order_by("pk"):
            for row in page_coverage(locale) + snippet_coverage(locale):
                self.stdout.write(
                    f"{row.locale:<6} {row.kind:<34} {row.total:>6} {row.translated:>10} {row.fallback:>9} "
                    f"{row.percent:>8.0f}%"
                )
