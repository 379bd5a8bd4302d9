"""Translatable snippets as a locale sees them: its own version, else the French one (never a hole)."""

from django.db.models import Model, QuerySet
from wagtail.models import Locale

from campaign.i18n.locales import default_locale


def localized(queryset: QuerySet, locale: Locale) -> Model | None:
    return queryset.filter(locale=locale).first() or queryset.filter(locale=default_locale()).first()


def localized_all(queryset: QuerySet, locale: Locale, default: Locale | None = None) -> list[Model]:
    """Every row of `queryset` (objects or named value rows) in `locale`, falling back to French per row (matched by
    translation key)."""
    default = default or default_locale()
    rows = list(queryset.filter(locale__in=[locale, default]))
    own = {row.translation_key: row for row in rows if row.locale_id == locale.pk}
    return [own.get(row.translation_key, row) for row in rows if row.locale_id == default.pk]
