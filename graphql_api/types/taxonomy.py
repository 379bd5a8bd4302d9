"""Cities, countries and taxonomy terms, localized with a French fallback."""

from collections.abc import Callable

import strawberry
from django.db.models import QuerySet
from django.utils import translation
from wagtail.models import Locale

from campaign.catalogue.countries import country_name
from campaign.catalogue.snippets import localized_all
from campaign.i18n.locales import default_locale
from campaign.i18n.localization import ServedPage, serve, visible_pages
from campaign.models import City as CityModel
from campaign.models import EngagementType, PrinciplePage, Region, Theme
from campaign.pages.stories import Scope

from ..request_cache import cached


@strawberry.type(description="A country: ISO 3166-1 alpha-2 code and its name in the requested locale.")
class Country:
    code: str
    name: str


@strawberry.type(description="A taxonomy term: a stable code (for filters) and its label in the requested locale.")
class Term:
    code: str
    label: str


@strawberry.type(description="A city, region or other territory, placed on the map.")
class City:
    """Its country's name and its region's label are looked up only when the query selects them: a story list
    names a few cities of a request that reads them all."""

    name: str
    country_code: strawberry.Private[str]
    region_code: strawberry.Private[str | None]
    locale: strawberry.Private[Locale]

    @strawberry.field
    def country(self) -> Country:
        return localized_country(self.country_code, self.locale)

    @strawberry.field
    def region(self, info: strawberry.Info) -> Term | None:
        return regions(info, self.locale).get(self.region_code) if self.region_code else None

    latitude: float | None
    longitude: float | None


def scope_label(code: str, locale: Locale) -> str:
    with translation.override(locale.language_code):
        return str(Scope(code).label)


def scope_term(code: str, locale: Locale) -> Term:
    return Term(code=code, label=scope_label(code, locale))


def localized_country(code: str, locale: Locale) -> Country:
    return Country(code=code, name=country_name(code, locale.language_code))


def localized_rows(info: strawberry.Info, rows: Callable[[], QuerySet], locale: Locale) -> list:
    """`rows()` in `locale` (localized_all); the French locale is read once per request, however many
    taxonomies it serves as fallback for."""
    return localized_all(rows, locale, cached(info, ("default_locale",), default_locale))


def terms(info: strawberry.Info, model, locale: Locale) -> dict[str, Term]:
    def build():
        rows = localized_rows(info, model.objects.all, locale)
        return {row.code: Term(code=row.code, label=row.label) for row in rows}

    return cached(info, ("terms", model.__name__, locale.pk), build)


def regions(info, locale):
    return terms(info, Region, locale)


def themes(info, locale):
    return terms(info, Theme, locale)


def engagement_types(info, locale):
    return terms(info, EngagementType, locale)


CITY_COLUMNS = ("translation_key", "locale_id", "name", "country", "region__code", "latitude", "longitude")


def city_rows() -> QuerySet:
    return CityModel.objects.values_list(*CITY_COLUMNS, named=True)


def cities(info: strawberry.Info, locale: Locale) -> dict[str, City]:
    """By translation key (the French city's), each city localized. Read as plain rows: a story list labels a few
    cities, but the request reads them all (one query)."""

    def build():
        rows = localized_rows(info, city_rows, locale)
        return {
            str(row.translation_key): City(
                name=row.name,
                country_code=row.country,
                region_code=row.region__code or None,
                locale=locale,
                latitude=float(row.latitude) if row.latitude is not None else None,
                longitude=float(row.longitude) if row.longitude is not None else None,
            )
            for row in rows
        }

    return cached(info, ("cities", locale.pk), build)


def principles(info: strawberry.Info, locale: Locale) -> dict[int, ServedPage]:
    def build():
        pages = visible_pages(PrinciplePage).filter(locale=locale)
        return {served.page.number: served for served in serve(pages)}

    return cached(info, ("principles", locale.pk), build)
