"""Country names in the site's languages, from django-countries' catalogues."""

from functools import lru_cache

from django.utils import translation
from django_countries import countries


@lru_cache(maxsize=1024)
def country_name(code: str, language: str) -> str:
    """The name of country `code` in `language`. The catalogues are fixed for the life of the process, so each name is
    looked up once: switching the active language for every name was most of the cost of labelling a story list's
    cities."""
    with translation.override(language):
        return str(countries.name(code))
