"""The text search configuration of each content language, and what counts as a word to correct typos to."""

# The language's stemmer after `unaccent`, created by migration 0012_search_documents (PostgreSQL only). Another
# language gets no stemming, its accents still folded.
CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent", "es": "es_unaccent"}
DEFAULT_CONFIG = "simple_unaccent"
# Words a typo is corrected to: shorter ones are too many to tell apart, longer ones are not words.
MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 64


def config_of(language: str) -> str:
    return CONFIGS.get(language, DEFAULT_CONFIG)
