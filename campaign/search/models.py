"""What the visitors' search reads: a document per served page, and the words of the documents for typos."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.models import Page


class SearchDocument(models.Model):
    """A page of a locale's tree as its visitors read it: its own text when translated, the French text when it
    serves its source (an alias, a translation started but never published), with the names of its places in every
    language. `config` is the PostgreSQL text search configuration of the text's language, which built `vector`
    (the column a GIN index covers: indexes/migrations are PostgreSQL-only, SQLite leaves it empty). `folded` is
    the folded text (campaign.text.plain.word_key) SQLite matches with LIKE."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    language = models.CharField(max_length=8)
    config = models.CharField(max_length=32)
    title = models.TextField()
    body = models.TextField()
    places = models.TextField()
    folded = models.TextField()
    vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"{self.page_id} ({self.language}): {self.title}"


class SearchWord(models.Model):
    """A folded word of the documents of one language: what a mistyped word is corrected to (a trigram index on
    PostgreSQL). Words are added as documents are written and never removed: a word no document holds any longer
    only makes a correction that finds nothing."""

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="unique_search_word")]

    def __str__(self) -> str:
        return f"{self.word} ({self.language})"
