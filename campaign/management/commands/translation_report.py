"""Prints each language's translation coverage per page and snippet type: pages by translation status (untranslated,
in progress, outdated, translated), snippets translated or not, and the share published in the language."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Locale

from campaign.i18n.coverage import all_pages_coverage, page_coverage, snippet_coverage
from campaign.i18n.locales import default_locale
from campaign.i18n.status_queries import TRANSLATOR_STATUSES
from campaign.i18n.translation_state import STATUS_LABELS


class Command(BaseCommand):
    help = (
        "Translation coverage per locale and content type: pages untranslated, in progress, outdated and "
        "translated; coverage counts outdated pages as translated."
    )

    def handle(self, *args, **options):
        statuses = [(status, str(STATUS_LABELS[status]).lower()) for status in TRANSLATOR_STATUSES]
        widths = [max(len(label), 8) for _status, label in statuses]
        header = f"{_('locale'):<6} {_('type'):<34} {_('total'):>6} "
        header += " ".join(f"{label:>{width}}" for (_status, label), width in zip(statuses, widths, strict=True))
        header += f" {_('coverage'):>9}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for locale in Locale.objects.exclude(pk=default_locale().pk).order_by("pk"):
            pages = page_coverage(locale)
            rows = [*pages, all_pages_coverage(locale, pages, _("(all pages)")), *snippet_coverage(locale)]
            for row in rows:
                counts = " ".join(
                    f"{'-' if row.count(status) is None else row.count(status):>{width}}"
                    for (status, _label), width in zip(statuses, widths, strict=True)
                )
                self.stdout.write(f"{row.locale:<6} {row.kind:<34} {row.total:>6} {counts} {row.percent:>8.0f}%")
        self.stdout.write("")
        self.stdout.write(
            _(
                "Coverage: pages published in the language, outdated ones included (visitors read them in their "
                "language, but the French page was published again since), out of the live French pages. "
                "Snippets count as translated once they exist in the language."
            )
        )
