"""What the public may know of endorsements: approved ones only, and only their public fields.

The GraphQL layer reads endorsements through these functions and nothing else; the rows come back with only the
public columns loaded (`only`), so even a careless resolver could not reach an email address.
"""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save

from campaign.endorsements import tally
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
    return Endorsement.objects.public().only(*PUBLIC_FIELDS)


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
    """From the kept tally (campaign.endorsements.tally): one row read, however many endorsements there are."""
    counts = tally.current_counts(Endorsement.objects.public())
    return Stats(
        total=sum(counts["kind"].values()),
        by_country=Counter(counts["country"]),
        by_region=Counter(counts["region"]),
        by_kind=Counter(counts["kind"]),
        by_month=sorted(counts["month"].items()),
    )


def recount() -> None:
    tally.recount(Endorsement.objects.public())


# Inside counted_once(): whether a change moved the counts (None outside).
COUNTS_MOVED: ContextVar[bool | None] = ContextVar("endorsement_counts_moved", default=None)


@contextmanager
def counted_once() -> Iterator[None]:
    """Changes to many endorsements (a bulk moderation, an erasure) recount the tally once, when the last is made,
    rather than once per endorsement (about 25 ms each at 20,000 endorsements). Use it inside the transaction of
    the changes: the recount, and its lock on the tally row, then belong to that transaction."""
    if COUNTS_MOVED.get() is not None:
        yield
        return
    token = COUNTS_MOVED.set(False)
    try:
        yield
        moved = COUNTS_MOVED.get()
    finally:
        COUNTS_MOVED.reset(token)
    if moved:
        recount()


def counts_moved() -> None:
    if COUNTS_MOVED.get() is None:
        recount()
    else:
        COUNTS_MOVED.set(True)


def moves_counts(endorsement: Endorsement) -> bool:
    return endorsement.was_public is not False or endorsement.is_public


def endorsement_saved(instance: Endorsement, **kwargs) -> None:
    """Keeps the tally (campaign.endorsements.tally) counted when a public endorsement changes."""
    if moves_counts(instance):
        counts_moved()
    instance.was_public = instance.is_public


def endorsement_deleted(instance: Endorsement, **kwargs) -> None:
    if moves_counts(instance):
        counts_moved()


def connect() -> None:
    post_save.connect(endorsement_saved, sender=Endorsement, dispatch_uid="tally-endorsement-save")
    post_delete.connect(endorsement_deleted, sender=Endorsement, dispatch_uid="tally-endorsement-delete")
