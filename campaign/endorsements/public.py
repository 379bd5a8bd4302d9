"""What the public may know of endorsements: approved ones only, and only their public fields.

The GraphQL layer reads endorsements through these functions and nothing else; the rows come back with only the
public columns loaded (`only`), so even a careless resolver could not reach an email address.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

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
    """All counts from one query of three short columns: endorsements number in the hundreds or thousands."""
    rows = list(approved().values_list("country", "region", "kind", "approved_at"))
    months = Counter(approved_at.strftime("%Y-%m") for *_, approved_at in rows)
    return Stats(
        total=len(rows),
        by_country=Counter(country for country, *_ in rows),
        by_region=Counter(region for _, region, *_ in rows if region),
        by_kind=Counter(kind for _, _, kind, _ in rows),
        by_month=sorted(months.items()),
    )
