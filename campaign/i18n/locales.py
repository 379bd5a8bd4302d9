"""Locale helpers shared by models, the loader and the API."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale


def default_locale() -> Locale:
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def in_default_locale() -> Q:
    """`limit_choices_to` for references to translatable objects.

    Pages and snippets always point at the source-language (French) object; the API serves the requested locale's
    version through its translation key. Editors thus pick each city, theme or principle once, in one list.
    """
    return Q(locale__language_code=settings.LANGUAGE_CODE)
