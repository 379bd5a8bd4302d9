"""The admin dashboard's "Site structure" panel: each section of the site, and how far it is translated."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page


@dataclass
class SectionCounts:
    pages: int = 0
    translated: int = 0
    live: int = 0


@dataclass
class SectionRow:
    page: Page
    by_locale: dict[int, SectionCounts] = field(default_factory=dict)


def site_structure() -> tuple[list[Locale], list[SectionRow]]:
    """One row per top-level section of the source tree; per locale, its pages, real translations and live ones.

    Pages of other locales are attributed to a section through the translation key of their depth-3 ancestor,
    read from one query of all pages (a few hundred rows), rather than one count query per cell.
    """
    locales = list(Locale.objects.order_by("pk"))
    pages = list(
        Page.objects.filter(depth__gte=3).values("path", "depth", "translation_key", "locale_id", "alias_of_id", "live")
    )
    section_key_by_path = {row["path"]: row["translation_key"] for row in pages if row["depth"] == 3}
    counts: dict[tuple, SectionCounts] = {}
    for row in pages:
        section_key = section_key_by_path.get(row["path"][: Page.steplen * 3])
        cell = counts.setdefault((section_key, row["locale_id"]), SectionCounts())
        cell.pages += 1
        cell.translated += row["alias_of_id"] is None
        cell.live += row["live"]
    default = Locale.get_default()
    sections = Page.objects.filter(depth=3, locale=default).order_by("path").specific()
    rows = [
        SectionRow(
            page=section,
            by_locale={loc.pk: counts.get((section.translation_key, loc.pk), SectionCounts()) for loc in locales},
        )
        for section in sections
    ]
    return locales, rows


class SiteStructurePanel(Component):
    name = "site_structure"
    template_name = "campaign/admin/site_structure_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        locales, rows = site_structure()
        return {"locales": locales, "rows": rows, "heading": _("Site structure")}
