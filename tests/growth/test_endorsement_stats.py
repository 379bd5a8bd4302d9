"""endorsementStats reads a kept tally (campaign.endorsements.tally): the same counters as counting every approved
endorsement, after every kind of change, from a number of queries that does not grow with the endorsements."""

from collections import Counter
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.endorsements import public
from campaign.endorsements.models import Endorsement
from campaign.endorsements.moderation import erase_personal_data, review
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


def approve(endorsement, user) -> None:
    assert review([endorsement], "approve", user, reason="ok") == 1


def withdraw(endorsement, user) -> None:
    approve(endorsement, user)
    assert review([Endorsement.objects.get(pk=endorsement.pk)], "withdraw", user, reason="asked") == 1


def move_country(endorsement, user) -> None:
    approve(endorsement, user)
    moved = Endorsement.objects.get(pk=endorsement.pk)
    moved.country, moved.region = "BR", ""
    moved.save()


def delete(endorsement, user) -> None:
    approve(endorsement, user)
    Endorsement.objects.get(pk=endorsement.pk).delete()


def withdraw_consent(endorsement, user) -> None:
    approve(endorsement, user)
    Endorsement.objects.filter(pk=endorsement.pk).update(consent_publication=False)


def approve_by_update(endorsement, user) -> None:
    Endorsement.objects.filter(pk=endorsement.pk).update(status="approved", approved_at=datetime.now(UTC))


def approve_in_bulk(endorsement, user) -> None:
    endorsement.status, endorsement.approved_at = "approved", datetime.now(UTC)
    Endorsement.objects.bulk_update([endorsement], ["status", "approved_at"])


def create_in_bulk(endorsement, user) -> None:
    Endorsement.objects.bulk_create([Endorsement(**{**approved_copy(endorsement), "institution_name": "Copie"})])


def erase(endorsement, user) -> None:
    approve(endorsement, user)
    erase_personal_data(Endorsement.objects.filter(pk=endorsement.pk), user)


def approved_copy(endorsement) -> dict:
    fields = {field.attname: getattr(endorsement, field.attname) for field in Endorsement._meta.concrete_fields}
    del fields["id"], fields["reference"]
    return {**fields, "status": "approved", "approved_at": datetime.now(UTC), "duplicate_key": "copie"}


CHANGES = [approve, withdraw, move_country, delete, withdraw_consent, erase]
QUERYSET_WRITES = [approve_by_update, approve_in_bulk, create_in_bulk]


@pytest.mark.parametrize("change", [*CHANGES, *QUERYSET_WRITES])
def test_the_tally_follows_every_change(change, editor):
    approve_some(4)
    assert public.stats().total == 4
    endorsement = make_endorsement("Ville de Lyon", country="FR")
    change(endorsement, editor)
    stats = public.stats()
    expected = counted_in_python()
    assert (stats.total, stats.by_country, stats.by_region) == (
        expected["total"],
        expected["by_country"],
        expected["by_region"],
    )
    assert (stats.by_kind, stats.by_month) == (expected["by_kind"], expected["by_month"])


def test_a_submission_waiting_for_review_leaves_the_tally_alone():
    approve_some(2)
    with CaptureQueriesContext(connection) as captured:
        make_endorsement("Ville de Nantes")
    assert not [query for query in captured if "endorsementtally" in query["sql"]]
    assert public.stats().total == 2


def tally_writes(captured) -> list:
    return [query for query in captured if query["sql"].startswith('UPDATE "campaign_endorsementtally"')]


@pytest.mark.parametrize("action", ["approve", "erase"])
def test_a_bulk_moderation_recounts_the_tally_once(action, editor):
    """Counted after the last endorsement changed, not after each: the moderator of 20 endorsements waits for one
    count, and the tally still matches counting every endorsement."""
    approve_some(2)
    chosen = [make_endorsement(f"Ville {n}", country="SN", status="pending_review") for n in range(5)]
    if action == "erase":
        review(chosen, "approve", editor, reason="ok")
        chosen = Endorsement.objects.filter(pk__in=[endorsement.pk for endorsement in chosen])
    with CaptureQueriesContext(connection) as captured:
        if action == "approve":
            assert review(chosen, "approve", editor, reason="ok") == 5
        else:
            assert erase_personal_data(chosen, editor) == 5
    assert len(tally_writes(captured)) == 1
    assert public.stats().total == counted_in_python()["total"] == 7
