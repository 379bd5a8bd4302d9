"""endorsementStats counts in SQL: the same counters as counting every approved endorsement, from a number of
queries that does not grow with the endorsements."""

from collections import Counter
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.endorsements import public
from campaign.publishing.generations import forget_all
from tests.factories import make_endorsement

pytestmark = pytest.mark.django_db

STATS = """{ endorsementStats(locale: "en") { total byCountry { value count } byRegion { value count }
  byKind { value count } byMonth { month count } } }"""
PLACES = [("FR", "city"), ("SN", "region"), ("AR", "association"), ("FR", "organisation"), ("JP", "city")]


def approve_some(count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        country, kind = PLACES[n % len(PLACES)]
        # A minute before midnight UTC at the end of a month: the month counted is the UTC one, on either backend.
        approved_at = datetime(2026, 1 + n % 12, 28, 23, 59, tzinfo=UTC)
        make_endorsement(f"Place {n}", status="approved", country=country, kind=kind, approved_at=approved_at)
    make_endorsement(f"Pending {start}", country="DE")  # never counted
    make_endorsement(f"No consent {start}", status="approved", consent_publication=False, approved_at=datetime.now(UTC))


def counted_in_python() -> dict:
    """The counters as the API answered them before: every approved endorsement read and counted."""
    rows = list(public.approved().values_list("country", "region", "kind", "approved_at"))
    return {
        "total": len(rows),
        "by_country": Counter(row[0] for row in rows),
        "by_region": Counter(row[1] for row in rows if row[1]),
        "by_kind": Counter(row[2] for row in rows),
        "by_month": sorted(Counter(row[3].astimezone(UTC).strftime("%Y-%m") for row in rows).items()),
    }


def test_the_sql_counters_are_the_counted_ones():
    approve_some(17)
    stats = public.stats()
    expected = counted_in_python()
    assert stats.total == expected["total"] == 17
    assert stats.by_country == expected["by_country"]
    assert stats.by_region == expected["by_region"]
    assert stats.by_kind == expected["by_kind"]
    assert stats.by_month == expected["by_month"]


def test_no_endorsement_counts_nothing():
    stats = public.stats()
    assert (stats.total, stats.by_country, stats.by_month) == (0, Counter(), [])


def queries_of(graphql) -> int:
    forget_all()  # a cold answer: the response cache would otherwise answer without a query
    with CaptureQueriesContext(connection) as captured:
        body = graphql(STATS)
    assert "errors" not in body
    return len(captured)


def test_the_query_count_does_not_grow_with_the_endorsements(graphql):
    approve_some(3)
    few = queries_of(graphql)
    approve_some(40, start=3)
    assert queries_of(graphql) == few
