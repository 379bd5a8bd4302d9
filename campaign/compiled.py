"""Querysets compiled once per process: the statements every request runs, the same but for their ids, or the same.

Turning a queryset into SQL costs Django more than running it when the statement is wide: a story list's 20 stories
with their page, locale, cover, region, alias source and publication are ~150 columns over eight tables, 4 ms of
compiling for 1 ms of execution; and a small statement every request runs (the restricted collections, the state of
the stored served stories, a locale's taxonomy) costs 0.3-0.7 ms to compile each time for the same SQL. So:

- `by_ids`: the statement is the same for every request but its ids, so the ids are one parameter (an array on
  PostgreSQL, compared with `= ANY`, which uses the primary key's index as an `IN` list does; a JSON list on SQLite,
  read with `json_each`) and the rest is compiled once per query, model and database vendor;
- `constant`: the statement is the same for every request, compiled once per query, arguments and vendor.

The rows still become model instances, value rows, related objects and annotations by Django's own iterables: a copy
of the compiler that compiled the statement answers its SQL instead of compiling it again, and keeps what the first
compilation learnt of the columns (which belong to which model, which are annotations).
"""

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections
from django.db.models import BooleanField, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler

# Where the ids go among the parameters while the statement is compiled.
IDS = object()


@dataclass(frozen=True)
class Compiled:
    """A queryset, the compiler that compiled it (its columns known), its SQL, and where its ids go (if it has)."""

    queryset: QuerySet
    compiler: SQLCompiler
    sql: str
    params: tuple
    ids_at: int | None = None

    def fetch(self, ids: Sequence[int] = ()) -> list:
        """The queryset's rows (for `ids`, when it takes ids), in the queryset's order."""
        params = list(self.params)
        if self.ids_at is not None:
            if not ids:
                return []
            params[self.ids_at] = id_list(self.compiler.connection.vendor, ids)
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.queryset.db]
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        queryset = self.queryset.all()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


def id_list(vendor: str, ids: Sequence[int]) -> list[int] | str:
    return list(ids) if vendor == "postgresql" else json.dumps(list(ids))


def with_ids(model: type[Model], vendor: str) -> RawSQL:
    """The condition `model`'s primary key is one of the ids, as one parameter."""
    column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    if vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", (IDS,), output_field=BooleanField())
    return RawSQL(f"{column} IN (SELECT value FROM json_each(%s))", (IDS,), output_field=BooleanField())


def compile_once(queryset: QuerySet) -> Compiled:
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    ids_at = next((index for index, param in enumerate(params) if param is IDS), None)
    return Compiled(queryset=queryset, compiler=compiler, sql=sql, params=tuple(params), ids_at=ids_at)


@lru_cache(maxsize=64)
def by_ids(build: Callable[..., QuerySet], model: type[Model], vendor: str, *args) -> Compiled:
    """`build(model, *args)` filtered by ids, compiled once per process for `vendor`: `build` is a module's
    function and `args` all it depends on besides the ids."""
    return compile_once(build(model, *args).filter(with_ids(model, vendor)))


@lru_cache(maxsize=64)
def constant(build: Callable[..., QuerySet], vendor: str, *args) -> Compiled:
    """`build(*args)` compiled once per process for `vendor`: `build` is a module's function and `args` all it
    depends on."""
    return compile_once(build(*args))
