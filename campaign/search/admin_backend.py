"""Wagtail's own search index, which only the admin queries now (page search, choosers): its database backend,
minus the part of each update that grows with the site.

After writing an object's entry, modelsearch recomputes the average title length over the whole index and
rewrites every entry still at the default weight (`_refresh_title_norms`): a scan of the index on each save, which
took a publish from 1.7 to 49 ms between 57 and 2,000 stories. Here a save writes its entry only: an entry keeps
the default weight 1.0 (that of a title of average length) until a full refresh, which `manage.py update_index`
still makes. The admin's ranking barely moves; publishing no longer reads the whole index.
"""

from functools import cache

from modelsearch.backends import database


class EntryOnlyUpdates:
    def _refresh_title_norms(self, full: bool = False) -> None:
        if full:
            super()._refresh_title_norms(full=True)


@cache
def entry_only(index_class: type) -> type:
    """The database's index class (PostgreSQL's or SQLite's: each module can only be imported on its database)
    with entry-only updates."""
    if not hasattr(index_class, "_refresh_title_norms"):
        return index_class
    return type(index_class.__name__, (EntryOnlyUpdates, index_class), {})


def SearchBackend(params):
    """The name Wagtail looks up in a backend module: modelsearch's database backend for the database, with its
    index updated entry by entry."""
    backend = database.SearchBackend(params)
    backend.index_class = entry_only(backend.index_class)
    return backend
