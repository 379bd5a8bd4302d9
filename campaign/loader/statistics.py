"""Planner statistics after a bulk load.

PostgreSQL plans each query from statistics its autovacuum daemon gathers only some time after a table has grown;
until then it takes a freshly loaded table for an empty one, and the alias view-restriction checks of every public
query were planned as nested loops over thousands of rows (300 to 500 ms of SQL per request at 500 stories). ANALYZE
right after the load gives the planner the real sizes. SQLite's ANALYZE (sqlite_stat1) helps its planner the same
way and costs milliseconds.
"""

from django.db import connection


def analyze() -> None:
    """Gathers planner statistics for every table of the database (both backends take ANALYZE without a name)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
