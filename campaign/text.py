"""Text as people type it, made comparable and safe to store."""

import html
import re
import unicodedata
from functools import lru_cache

import nh3

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
SPACES = re.compile(r"[^\S\n]+")
BLANK_LINES = re.compile(r"\n{3,}")
NOT_WORD = re.compile(r"[\W_]+")
# A visitor's search uses at most this many words: the search backends build one nested clause per word.
MAX_SEARCH_WORDS = 12


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching: "Réfugiés" and "refugies" match."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


# Memoized: the same story titles and summaries are folded on every story-list request.
folded = lru_cache(maxsize=4096)(fold)


def word_key(text: str) -> str:
    """Folded words only, punctuation dropped: "Saint-Étienne" → "saint etienne"."""
    return " ".join(NOT_WORD.sub(" ", fold(text)).split())


def search_words(text: str) -> str:
    """The words of a visitor's search, for a full-text backend: punctuation, quotes and control characters
    dropped (SQLite's and PostgreSQL's query parsers give them meaning), at most MAX_SEARCH_WORDS words."""
    return " ".join(NOT_WORD.sub(" ", text).split()[:MAX_SEARCH_WORDS])


def plain_text(value: str, *, multiline: bool = False) -> str:
    """Plain text from anything a form may receive: markup removed (script and style with their content),
    entities decoded, Unicode composed (NFC), invisible and control characters dropped, spaces collapsed."""
    text = html.unescape(nh3.clean(value, tags=set()))
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL_CHARACTERS.sub("", text)
    if not multiline:
        return " ".join(text.split())
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def comparison_key(name: str) -> str:
    """ "Ville de Saint-Étienne" and "ville de saint etienne" are the same institution."""
    return word_key(plain_text(name))
