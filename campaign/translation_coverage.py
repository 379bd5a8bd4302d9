"""How much of the site each language has: per page type and snippet type, live translations versus fallbacks.

A page "falls back" in a locale when that locale's tree holds only an alias of the French page (or nothing live):
the API then serves the French content with isFallback. Used by `translation_report` and its tests.
"""

from dataclasses import dataclass

from django.apps import apps
from wagtail.models import Locale, Page, TranslatableMixin


@dataclass
class Coverage:
    kind: str
    locale: str
    total: int
    translated: int

    @property
    def fallback(self) -> int:
        return self.total - self.translated

    @property
    def percent(self) -> float:
        return 100 * self.translated / self.total if self.total else 100.0


def page_coverage(locale: Locale) -> list[Coverage]:
    default = Locale.get_default()
    rows = []
    for model in sorted(page_models(), key=lambda m: str(m._meta.verbose_name)):
        sources = model.objects.filter(locale=default).live().values_list("translation_key", flat=True)
        translated = model.objects.filter(locale=locale, translation_key__in=sources, alias_of__isnull=True).live()
        rows.append(Coverage(str(model._meta.verbose_name), locale.language_code, len(sources), translated.count()))
    return rows


def snippet_coverage(locale: Locale) -> list[Coverage]:
    default = Locale.get_default()
    rows = []
    for model in sorted(snippet_models(), key=lambda m: str(m._meta.verbose_name)):
        sources = model.objects.filter(locale=default).values_list("translation_key", flat=True)
        translated = model.objects.filter(locale=locale, translation_key__in=sources).count()
        rows.append(Coverage(str(model._meta.verbose_name), locale.language_code, len(sources), translated))
    return rows


def page_models() -> list[type[Page]]:
    return [m for m in apps.get_app_config("campaign").get_models() if issubclass(m, Page)]


def snippet_models() -> list[type]:
    return [
        m
        for m in apps.get_app_config("campaign").get_models()
        if issubclass(m, TranslatableMixin) and not issubclass(m, Page)
    ]
