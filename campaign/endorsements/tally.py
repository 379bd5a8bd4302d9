"""The public endorsement statistics, kept counted: `endorsementStats` reads one row instead of counting every
approved endorsement on each request (20,000 of them cost about 23 ms of SQL per request; the row costs the same
at any size).

The counts are worked out again, inside the transaction that changes them, whenever a change can move them: the
save or deletion of an endorsement that was public (approved, consenting to publication) as it was read or is
public as saved (campaign.endorsements.public connects the signals), and every QuerySet write on endorsements
(`update`, `bulk_create`, `bulk_update`: campaign.endorsements.models.EndorsementQuerySet), which sends no model
signal. A bulk moderation or erasure counts once, after its last change (public.counted_once). Counting starts
by locking the tally row (SELECT … FOR UPDATE): when two moderators approve at once, the second waits for the
first to commit, then counts both; neither can store counts that miss the other.

The endorsements counted come in as a QuerySet (`public`), so that this module depends on no endorsement model.
"""

from collections import Counter
from datetime import UTC

from django.db import models, transaction
from django.db.models import CharField, Count, F, QuerySet, Value
from django.db.models.functions import Cast, ExtractMonth, ExtractYear

COUNTERS = ("country", "region", "kind", "month")
TALLY = 1  # the one row


class EndorsementTally(models.Model):
    """Public endorsements counted by country, region, kind and month of approval (UTC): {counter: {value: n}}."""

    counts = models.JSONField(default=dict)

    class Meta:
        verbose_name = "endorsement tally"

    def __str__(self) -> str:
        return f"{sum(self.counts.get('kind', {}).values())} public endorsements"


def counted(public: QuerySet) -> dict[str, dict[str, int]]:
    """All counters from one statement however many endorsements there are: the database groups them (one GROUP BY
    per counter, in a UNION ALL) and only the counters travel. Months are "YYYY-MM"."""
    month = ExtractYear("approved_at", tzinfo=UTC) * 100 + ExtractMonth("approved_at", tzinfo=UTC)
    values = {"country": F("country"), "region": F("region"), "kind": F("kind"), "month": month}
    groups = [
        public.order_by()  # the model's ordering would join the GROUP BY
        .annotate(counter=Value(counter), value=Cast(value, CharField()))
        .values("counter", "value")
        .annotate(n=Count("id"))
        .values_list("counter", "value", "n")
        for counter, value in values.items()
    ]
    counters: dict[str, Counter] = {counter: Counter() for counter in COUNTERS}
    for counter, value, n in groups[0].union(*groups[1:], all=True):
        if value:  # an endorsement without a region is counted by the other counters
            counters[counter][f"{value[:4]}-{value[4:]}" if counter == "month" else value] += n
    return {counter: dict(values) for counter, values in counters.items()}


def recount(public: QuerySet) -> dict[str, dict[str, int]]:
    """Counts again and stores the counts, the tally row locked for the rest of the current transaction."""
    with transaction.atomic():
        tally, _ = EndorsementTally.objects.select_for_update().get_or_create(pk=TALLY)
        tally.counts = counted(public)
        tally.save(update_fields=["counts"])
    return tally.counts


def current_counts(public: QuerySet) -> dict[str, dict[str, int]]:
    """The stored counts (one query); counted and stored first on a database that never had them."""
    counts = EndorsementTally.objects.filter(pk=TALLY).values_list("counts", flat=True).first()
    return recount(public) if counts is None else counts
