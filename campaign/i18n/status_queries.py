"""Translation status as SQL, for listings and counts of many pages at once (the explorer, the dashboard, reports).

`campaign.i18n.translation_state.status_of` tells the status of one page already loaded; here the same rules are one
CASE expression, so that a whole listing is classified, filtered or counted in a single query:

- an alias is UNTRANSLATED (whatever its locale, as `status_of` checks it first);
- a page of the French locale is the SOURCE;
- a page of another locale without a PublishedTranslation is IN_PROGRESS;
- published, and the French page was published again after the source the publication was made from: OUTDATED;
- otherwise TRANSLATED.

The French page's last publication comes from `with_source_published_at` (one correlated subquery).
"""

from collections.abc import Iterable

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from wagtail.models import Page

from campaign.i18n.translation_state import (
    STATUS_LABELS,
    TranslationStatus,
    source_locale_q,
    started_q,
    with_source_published_at,
)

# What translators work through, in the order they meet it: the statuses of pages of a non-source locale.
TRANSLATOR_STATUSES = (
    TranslationStatus.UNTRANSLATED,
    TranslationStatus.IN_PROGRESS,
    TranslationStatus.OUTDATED,
    TranslationStatus.TRANSLATED,
)

# Published for the locale: visitors read content in their language, current (TRANSLATED) or not (OUTDATED).
PUBLISHED_STATUSES = (TranslationStatus.OUTDATED, TranslationStatus.TRANSLATED)


def status_q(status: TranslationStatus) -> Q:
    """The pages of `status`, in a queryset annotated by `with_source_published_at` (see `with_translation_status`)."""
    alias = Q(alias_of__isnull=False)
    own_content = Q(alias_of__isnull=True) & ~source_locale_q()
    published = own_content & Q(published_translation__isnull=False)
    source_published_since = Q(source_published_at__gt=F("published_translation__source_synced_at"))
    match status:
        case TranslationStatus.UNTRANSLATED:
            return alias
        case TranslationStatus.SOURCE:
            return Q(alias_of__isnull=True) & source_locale_q()
        case TranslationStatus.IN_PROGRESS:
            return started_q()
        case TranslationStatus.OUTDATED:
            return published & source_published_since
        case TranslationStatus.TRANSLATED:
            # Spelled out rather than negated: a French page never published has no date to compare with.
            current = Q(source_published_at__isnull=True) | Q(
                source_published_at__lte=F("published_translation__source_synced_at")
            )
            return published & current
    raise ValueError(status)


def status_case() -> Case:
    """The status as one value per row, the statuses tried in `status_of`'s order."""
    order = (
        TranslationStatus.UNTRANSLATED,
        TranslationStatus.SOURCE,
        TranslationStatus.IN_PROGRESS,
        TranslationStatus.OUTDATED,
    )
    return Case(
        *(When(status_q(status), then=Value(status.value)) for status in order),
        default=Value(TranslationStatus.TRANSLATED.value),
        output_field=CharField(),
    )


def with_translation_status(pages: QuerySet) -> QuerySet:
    """Each page annotated with `translation_status` (a TranslationStatus value), in the same query."""
    return with_source_published_at(pages).annotate(translation_status=status_case())


def pages_with_status(statuses: Iterable[str]) -> QuerySet:
    """The ids of the pages in one of `statuses`: for `pk__in`, whatever the outer queryset (specific, searched)."""
    statuses = [TranslationStatus(status).value for status in statuses]
    return with_translation_status(Page.objects.all()).filter(translation_status__in=statuses).values("pk")


def filter_by_status(pages: QuerySet, statuses: Iterable[str]) -> QuerySet:
    return pages.filter(pk__in=pages_with_status(statuses))


def statuses_by_page_id(page_ids: Iterable[int]) -> dict[int, TranslationStatus]:
    """The status of each of `page_ids`, in one query."""
    rows = with_translation_status(Page.objects.filter(pk__in=list(page_ids))).values_list("pk", "translation_status")
    return {pk: TranslationStatus(status) for pk, status in rows}


def status_choices() -> list[tuple[str, str]]:
    return [(status.value, STATUS_LABELS[status]) for status in TRANSLATOR_STATUSES]
