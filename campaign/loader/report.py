"""The loader's closing summary: what it did per type and locale, and how much of each locale is translated."""

from collections import Counter

from django.db.models import Count, Q
from wagtail.models import Locale, Page

from campaign.loader.writer import Outcome

COLUMNS = [Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED, Outcome.KEPT, Outcome.INCOMPLETE]


def outcome_table(tally: Counter) -> list[str]:
    rows = sorted({(kind, locale) for kind, locale, _ in tally})
    header = f"{'type':<34} {'locale':<6} " + " ".join(f"{c.value:>10}" for c in COLUMNS)
    lines = [header, "-" * len(header)]
    for kind, locale in rows:
        counts = " ".join(f"{tally[(kind, locale, c)]:>10}" for c in COLUMNS)
        lines.append(f"{kind!s:<34} {locale:<6} {counts}")
    return lines


def coverage_table() -> list[str]:
    """Per locale: pages in its tree, how many are written in it (translations) and how many fall back (aliases)."""
    stats = (
        Page.objects.filter(depth__gte=2)
        .order_by()
        .values("locale")
        .annotate(total=Count("id"), fallback=Count("id", filter=Q(alias_of__isnull=False)))
    )
    by_locale = {row["locale"]: row for row in stats}
    lines = [f"{'locale':<6} {'pages':>6} {'written in it':>14} {'fallback':>9} {'coverage':>9}"]
    for locale in Locale.objects.order_by("pk"):
        row = by_locale.get(locale.pk, {"total": 0, "fallback": 0})
        own = row["total"] - row["fallback"]
        share = f"{100 * own / row['total']:.0f}%" if row["total"] else "-"
        lines.append(f"{locale.language_code:<6} {row['total']:>6} {own:>14} {row['fallback']:>9} {share:>9}")
    return lines
