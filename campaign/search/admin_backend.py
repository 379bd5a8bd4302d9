"""Wagtail's own search index, which only the admin queries now (page search, choosers): its database backend,
minus the part of each update that grows with the site.

After writing an object's entry, modelsearch recomputes the average title length over the whole index and
rewrites every entry still at the default weight (`_refresh_title_norms`): a scan of the index on each save, which
took a publish from 1.7 to 49 ms between 57 and 2,000 stories. Here a save writes its entry only: an entry keeps
the default weight 1.0 (that of a title of average length) until a full refresh, which `manage.py update_index`
still makes. The admin's ranking barely moves; publishing no longer reads the whole index.
"""

from modelsearch.backends import database
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.sqlite import sqlite


class EntryOnlyUpdates:
    def _refresh_title_norms(self, full: bool = False) -> None:
        if full:
            super()._refresh_title_norms(full=True)


class PostgresIndex(EntryOnlyUpdates, postgres.PostgresIndex):
    pass


class SQLiteIndex(EntryOnlyUpdates, sqlite.SQLiteIndex):
    pass


INDEXES = {postgres.PostgresIndex: PostgresIndex, sqlite.SQLiteIndex: SQLiteIndex}


def SearchBackend(params):
    """The name Wagtail looks up in a backend module: modelsearch's database backend for the database, with its
    index updated entry by entry."""
    backend = database.SearchBackend(params)
    backend.index_class = INDEXES.get(backend.index_class, backend.index_class)
    return backend
