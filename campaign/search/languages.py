"""The text search configuration of each content language, the text its stemmer is given, and what counts as a
word to correct typos to."""

import re

from campaign.text.plain import word_key

# The language's stemmer after `unaccent`, created by migration 0012_search_documents (PostgreSQL only). Another
# language gets no stemming, its accents still folded.
CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent", "es": "es_unaccent"}
DEFAULT_CONFIG = "simple_unaccent"
# Words a typo is corrected to: shorter ones are too many to tell apart, longer ones are not words.
MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 64


def config_of(language: str) -> str:
    return CONFIGS.get(language, DEFAULT_CONFIG)


# French feminine forms that the stemmer only joins to their masculine with their accents: "réfugiées" and
# "réfugiés" share the stem "réfugi", but once unaccented "refugiees" stems to "refugie" and "refugies" to "refug".
# Documents and queries alike are folded and their -ee(s) endings written -e(s) before stemming.
FRENCH_FEMININE = re.compile(r"(?<=\w\w)ee(s?)\b")


def stemmable(text: str, language: str) -> str:
    """The folded words of `text` as the language's stemmer is to read them."""
    folded = word_key(text)
    return FRENCH_FEMININE.sub(r"e\1", folded) if language == "fr" else folded
