"""Translatable snippets as a locale sees them: its own version, else the French one (never a hole)."""

from collections.abc import Callable

from django.db import connection
from django.db.models import Model, QuerySet
from wagtail.models import Locale

from campaign.compiled import constant
from campaign.i18n.locales import default_locale


def localized(queryset: QuerySet, locale: Locale) -> Model | None:
    return queryset.filter(locale=locale).first() or queryset.filter(locale=default_locale()).first()


def localized_all(rows: Callable[[], QuerySet], locale: Locale, default: Locale | None = None) -> list[Model]:
    """Every row of `rows()` (objects or named value rows) in `locale`, falling back to French per row (matched by
    translation key). `rows` is a module's function or a model manager's `all`, the same one every time: the
    statement is compiled once per process and pair of locales, as the API reads its taxonomies on every request."""
    default = default or default_locale()
    found = constant(in_locales, connection.vendor, rows, locale.pk, default.pk).fetch()
    return own_else_default(found, locale, default)


def in_locales(rows: Callable[[], QuerySet], *locale_pks: int) -> QuerySet:
    return rows().filter(locale__in=locale_pks)


def own_else_default(rows: list, locale: Locale, default: Locale) -> list:
    own = {row.translation_key: row for row in rows if row.locale_id == locale.pk}
    return [own.get(row.translation_key, row) for row in rows if row.locale_id == default.pk]
