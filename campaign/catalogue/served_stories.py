"""The served stories of every locale, stored with the columns the story list filters, facets and orders by: the
list then reads one narrow row per story instead of checking, on each request, whether every story of the locale
may be served (its own and its source's publication, expiry, view restrictions, translation state) and reading its
page and story rows. At 2,000 stories that check alone cost 6-8 ms of every filtered list.

The stored rows are a copy of what campaign.catalogue.story_catalogue works out live, and are used only while
they are exactly that:
- every write to a table the live statements read bumps `version` in the same transaction, by a database trigger
  (campaign/migrations/0015_served_stories.py; a test finds every table named in the statements triggered):
  whatever writes (the admin, wagtail-localize, a QuerySet.update, the loader, raw SQL), there is no path around it;
- expiry is a matter of time, not of writes: the rows are valid until the first expiry date still ahead when they
  were built (`valid_until`);
- a request that finds them out of date works the list out live, as before, and rebuilds them unless another
  transaction holds the state row (a rebuild, or a write not yet committed): it never waits for it.
"""

from django.db import models

STATE = 1  # the one row of ServedStoriesState
# The trigger bumping the version (campaign/migrations/0015_served_stories.py names it after this).
TRIGGER = "campaign_served_stories_changed"


class ServedStory(models.Model):
    """A story of a locale's tree that may be served (`served_pk`), the page visitors read (`content`: itself, an
    alias's own copy or a French source) and that page's columns as the list reads them
    (story_catalogue.SET_COLUMNS and sortable)."""

    locale_id = models.IntegerField(db_index=True)
    served_pk = models.IntegerField()
    content = models.IntegerField()
    scope_code = models.CharField(max_length=10)
    country = models.CharField(max_length=2)
    # NULL without a region or engagement type, as the live statement's outer joins give them.
    region = models.CharField(max_length=40, null=True)  # noqa: DJ001
    engagement = models.CharField(max_length=40, null=True)  # noqa: DJ001
    year = models.IntegerField(null=True)
    listed = models.IntegerField(null=True)
    published = models.DateTimeField(null=True)
    title_key = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"page {self.served_pk} serves {self.content} in locale {self.locale_id}"


class ServedStoriesState(models.Model):
    """`version` counts the writes to the watched tables; the stored rows are current when they were built at that
    version (`built_version`) and `valid_until` (the next expiry date) is still ahead."""

    version = models.BigIntegerField(default=0)
    built_version = models.BigIntegerField(default=-1)
    valid_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"version {self.version}, stored rows built at {self.built_version}"
