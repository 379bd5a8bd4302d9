"""The admin dashboard's "Site structure" panel: each section of the site, and how far each language has it.

Per section and locale other than French: the pages of the section (the section page and every page below it)
counted by translation status (campaign.i18n.translation_state), the share published in the locale, and a link per
status to the explorer listing of the section in that locale filtered by that status (the "Translation status"
filter of campaign.wagtail_hooks). Outdated translations count as translated content: visitors read them in their
language; the count says how many need updating.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page

from campaign.i18n.status_queries import PUBLISHED_STATUSES, TRANSLATOR_STATUSES, with_translation_status
from campaign.i18n.translation_state import STATUS_LABELS, TranslationStatus


@dataclass
class StatusCount:
    status: TranslationStatus
    count: int
    url: str | None  # the explorer listing of the section's pages in this status; None when none is below it

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class SectionCell:
    """One section in one locale: `page_id` is the section's page in that locale's tree (None if it has none)."""

    locale: Locale
    page_id: int | None = None
    own_status: TranslationStatus | None = None
    live: int = 0
    statuses: Counter = field(default_factory=Counter)
    below: Counter = field(default_factory=Counter)  # the same, without the section page itself

    @property
    def pages(self) -> int:
        return sum(self.statuses.values())

    @property
    def is_source(self) -> bool:
        return self.locale.language_code == settings.LANGUAGE_CODE

    @property
    def translated(self) -> int:
        """Published in this locale, current or outdated: what visitors read in their language."""
        return sum(self.statuses[status] for status in PUBLISHED_STATUSES)

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.pages) if self.pages else 0

    @property
    def own_status_label(self) -> str:
        return str(STATUS_LABELS[self.own_status]) if self.own_status else ""

    @cached_property
    def counts(self) -> list[StatusCount]:
        return [StatusCount(status, self.statuses[status], self.url_for(status)) for status in TRANSLATOR_STATUSES]

    def url_for(self, status: TranslationStatus) -> str | None:
        if self.page_id is None or not self.below[status]:
            return None
        explorer = reverse("wagtailadmin_explore", args=[self.page_id])
        return f"{explorer}?{urlencode({'translation_status': status.value})}"


@dataclass
class SectionRow:
    page_id: int
    title: str
    model: type[Page] | None
    cells: list[SectionCell]

    @property
    def verbose_name(self) -> str:
        return self.model.get_verbose_name() if self.model else ""


def site_structure() -> tuple[list[Locale], list[SectionRow]]:
    """One row per top-level section of the French tree, one cell per locale.

    Three queries whatever the size of the site: the locales, every page below the home pages with its status
    (one CASE over a correlated subquery and two joins), and the sections' content types. Pages are attributed to
    a section through the translation key of their depth-3 ancestor, in Python.
    """
    locales = list(Locale.objects.order_by("pk"))
    pages = list(
        with_translation_status(Page.objects.filter(depth__gte=3))
        .order_by("path")
        .values(
            "id",
            "path",
            "depth",
            "title",
            "content_type_id",
            "translation_key",
            "locale_id",
            "live",
            "translation_status",
        )
    )
    sections = {row["path"]: row for row in pages if row["depth"] == 3}
    type_ids = {row["content_type_id"] for row in sections.values()}
    models = {
        content_type.pk: content_type.model_class() for content_type in ContentType.objects.filter(pk__in=type_ids)
    }
    return locales, rows_of(locales, pages, sections, models)


def rows_of(locales: list[Locale], pages: list[dict], sections: dict[str, dict], models: dict) -> list[SectionRow]:
    cells: dict[tuple, SectionCell] = {}
    by_pk = {locale.pk: locale for locale in locales}
    for row in pages:
        section = sections.get(row["path"][: Page.steplen * 3])
        if section is None or row["locale_id"] not in by_pk:
            continue
        key = (section["translation_key"], row["locale_id"])
        cell = cells.setdefault(key, SectionCell(by_pk[row["locale_id"]]))
        status = TranslationStatus(row["translation_status"])
        cell.statuses[status] += 1
        cell.live += row["live"]
        if row is section:
            cell.page_id, cell.own_status = row["id"], status
        else:
            cell.below[status] += 1
    source = next((locale for locale in locales if locale.language_code == settings.LANGUAGE_CODE), None)
    return [
        SectionRow(
            page_id=section["id"],
            title=section["title"],
            model=models.get(section["content_type_id"]),
            cells=[cells.get((section["translation_key"], locale.pk), SectionCell(locale)) for locale in locales],
        )
        for section in sections.values()
        if source is not None and section["locale_id"] == source.pk
    ]


class SiteStructurePanel(Component):
    name = "site_structure"
    template_name = "campaign/admin/site_structure_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        locales, rows = site_structure()
        return {"locales": locales, "rows": rows, "heading": _("Site structure")}
