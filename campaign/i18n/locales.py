"""Locale helpers shared by models, the loader and the API."""

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from wagtail.models import Locale

from campaign.compiled import constant


def default_locale(*, create: bool = False) -> Locale:
    """The locale of the source language (settings.LANGUAGE_CODE), which every translation falls back to.

    Only the loader passes `create`: it builds the locales of an empty database. Anywhere else a missing default
    locale is a broken site, and the lookup says so.
    """
    if create:
        return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    return locale_of(settings.LANGUAGE_CODE)


def locale_of(code: str) -> Locale:
    """The locale of language `code` (Locale.DoesNotExist when the site has none), from a statement compiled once per
    process and language: every API request looks up its locale and the default one."""
    found = constant(locale_named, connection.vendor, code).fetch()
    if not found:
        raise Locale.DoesNotExist(f"No locale {code!r}.")
    return found[0]


def locale_named(code: str) -> QuerySet:
    return Locale.objects.filter(language_code=code)


def content_languages() -> list[str]:
    """The codes of the languages content is published in (settings.WAGTAIL_CONTENT_LANGUAGES)."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def in_default_locale() -> Q:
    """`limit_choices_to` for references to translatable objects.

    Pages and snippets always point at the source-language (French) object; the API serves the requested locale's
    version through its translation key. Editors thus pick each city, theme or principle once, in one list.
    """
    return Q(locale__language_code=settings.LANGUAGE_CODE)
