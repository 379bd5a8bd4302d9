"""The names of a story's places in every language, indexed with it: a visitor finds the story in Athènes by
"Athens", "Atenas" or "Athenes", whichever language they search in.

A city's names are its own (the City snippet in each locale, as editors wrote them) and GeoNames' alternate
names of the place (the offline gazetteer endorsements already use: campaign.endorsements.gazetteer, names in
Latin script, folded). A country's names are django-countries' in each language of the site.
"""

import sqlite3
from contextlib import closing
from functools import lru_cache

from django.conf import settings

from campaign.catalogue.countries import country_name
from campaign.endorsements.gazetteer import place_index
from campaign.text.plain import word_key

# Shorter alternate names are mostly codes (IATA "ath", "bru") and transliteration stubs: noise in a text index.
MIN_ALTERNATE_LENGTH = 4


@lru_cache(maxsize=4096)
def alternate_names(name: str, country: str) -> tuple[str, ...]:
    """Every name GeoNames gives the place called `name` in `country` (folded), or none for an unknown place. The
    gazetteer keeps the most populous place of each name and its position: the names at the same position are that
    place's."""
    with closing(sqlite3.connect(f"file:{place_index()}?mode=ro", uri=True)) as database:
        found = database.execute(
            "SELECT latitude, longitude FROM places WHERE country = ? AND name = ?", (country, word_key(name))
        ).fetchone()
        if found is None:
            return ()
        rows = database.execute(
            "SELECT name FROM places WHERE country = ? AND latitude = ? AND longitude = ?", (country, *found)
        ).fetchall()
    return tuple(sorted(row[0] for row in rows if len(row[0]) >= MIN_ALTERNATE_LENGTH))


@lru_cache(maxsize=512)
def country_names(code: str) -> tuple[str, ...]:
    """The country's name in each language of the site: "Grèce", "Greece", "Grecia"."""
    names = {country_name(code, language) for language, _ in settings.LANGUAGES}
    return tuple(sorted(name for name in names if name))


def place_names(cities: list[tuple[str, str]], country_codes: list[str]) -> list[str]:
    """The names of cities (each `(name, country)`, in any locale) and countries, without repeats."""
    names: dict[str, None] = {}
    for name, country in cities:
        names[name] = None
        names.update(dict.fromkeys(alternate_names(name, country)))
    for code in country_codes:
        names.update(dict.fromkeys(country_names(code)))
    return list(names)
