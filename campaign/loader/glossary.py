"""The terminology glossary (content/glossary.yaml): UCLG's established terms, and the translations that break it.

The French sources write some terms several ways (the council's English name, or a French rendering of it); the
glossary lists each way, and whichever a French segment uses, its English and Spanish translations use the one
term the glossary gives. Matching ignores case, typographic apostrophes and non-breaking spaces, and goes by whole
words, so that "sexe" is not found in "sexes" nor "sex" in "sexual".
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from campaign.loader.reader import read_file

GLOSSARY_FILE = "glossary.yaml"
TRANSLATED_LANGUAGES = ("en", "es")


def normalized(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).casefold()


def contains(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(normalized(term))}(?!\w)", normalized(text)) is not None


@dataclass(frozen=True)
class Term:
    sources: tuple[str, ...]
    translations: dict[str, str]

    def used_in(self, french: str) -> bool:
        return any(contains(french, source) for source in self.sources)


@dataclass(frozen=True)
class Breach:
    path: Path
    msgid: str
    source: str
    expected: str

    def __str__(self) -> str:
        """Names the segment by its French text: rich text splits into several segments of one context."""
        return f"{self.path} › “{self.msgid[:80]}…”: “{self.source}” must be translated “{self.expected}”"


def glossary() -> list[Term]:
    terms = []
    for entry in read_file(GLOSSARY_FILE).entries("terms"):
        sources = entry.items("fr")
        entry.check(all(isinstance(source, str) and source for source in sources), "fr", "a list of French terms")
        terms.append(Term(tuple(sources), {code: entry.text(code) for code in TRANSLATED_LANGUAGES}))
    return terms


def breaches(terms: list[Term], language: str, paths: list[Path]) -> list[Breach]:
    """Every translated entry of these PO files whose French uses a term its translation does not."""
    found = []
    for path in paths:
        for entry in polib.pofile(str(path)):
            if not entry.msgstr:
                continue
            for term in terms:
                expected = term.translations[language]
                if term.used_in(entry.msgid) and not contains(entry.msgstr, expected):
                    source = next(source for source in term.sources if contains(entry.msgid, source))
                    found.append(Breach(path, entry.msgid, source, expected))
    return found
