"""What the public may know of endorsements: approved ones only, and only their public fields.

The GraphQL layer reads endorsements through these functions and nothing else; the rows come back with only the
public columns loaded (`only`), so even a careless resolver could not reach an email address.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Cast, ExtractMonth, ExtractYear

from campaign.endorsements.choices import Status
from campaign.endorsements.models import Endorsement

PUBLIC_FIELDS = (
    "id",
    "reference",
    "institution_name",
    "kind",
    "country",
    "region",
    "signatory_name",
    "signatory_title",
    "statement",
    "approved_at",
    "logo",
    "latitude",
    "longitude",
)
ORDERS = {"NEWEST": ("-approved_at", "id"), "OLDEST": ("approved_at", "id"), "NAME": ("name_key", "id")}


@dataclass
class EndorsementFilter:
    countries: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    search: str = ""


def approved() -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(status=Status.APPROVED, consent_publication=True).only(*PUBLIC_FIELDS)


def endorsements(wanted: EndorsementFilter, order: str) -> QuerySet[Endorsement]:
    found = approved().select_related("logo")
    if wanted.countries:
        found = found.filter(country__in=wanted.countries)
    if wanted.regions:
        found = found.filter(region__in=wanted.regions)
    if wanted.kinds:
        found = found.filter(kind__in=wanted.kinds)
    if wanted.search:
        found = found.filter(Q(institution_name__icontains=wanted.search) | Q(signatory_name__icontains=wanted.search))
    return found.order_by(*ORDERS[order])


@dataclass
class Stats:
    total: int
    by_country: Counter
    by_region: Counter
    by_kind: Counter
    by_month: list[tuple[str, int]]


def stats() -> Stats:
    """All counts from one query however many endorsements there are: the database groups them (one GROUP BY per
    counter, in a UNION ALL) and only the counters travel. Months are UTC months, as `approved_at` is stored."""
    month = ExtractYear("approved_at", tzinfo=UTC) * 100 + ExtractMonth("approved_at", tzinfo=UTC)
    groups = [
        approved()
        .order_by()  # the model's ordering would join the GROUP BY
        .annotate(counter=Value(counter), value=Cast(value, CharField()))
        .values("counter", "value")
        .annotate(n=Count("id"))
        .values_list("counter", "value", "n")
        for counter, value in (
            ("country", F("country")),
            ("region", F("region")),
            ("kind", F("kind")),
            ("month", month),
        )
    ]
    counters: dict[str, Counter] = {counter: Counter() for counter in ("country", "region", "kind", "month")}
    for counter, value, n in groups[0].union(*groups[1:], all=True):
        counters[counter][value] += n
    months = {f"{value[:4]}-{value[4:]}": n for value, n in counters["month"].items()}
    return Stats(
        total=sum(counters["kind"].values()),
        by_country=counters["country"],
        by_region=Counter({region: n for region, n in counters["region"].items() if region}),
        by_kind=counters["kind"],
        by_month=sorted(months.items()),
    )
