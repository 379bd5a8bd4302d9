"""Which page events the frontend must hear of: every publish, unpublish, move and delete of a transaction is
gathered, and its commit queues ONE notification with the frontend paths of the changed pages in every locale."""

import threading

from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaign.pages.base import frontend_path
from campaign.publishing.revalidation.delivery import enabled, send_soon
from campaign.publishing.revalidation.notifications import FrontendNotification

pending = threading.local()


def page_changed(page: Page, *extra_paths: str) -> None:
    """Records a changed page (and, after a move, its former path) for the current transaction's notification."""
    if not enabled():
        return
    if not hasattr(pending, "keys"):
        pending.keys, pending.paths = set(), set()
    pending.keys.add(page.translation_key)
    pending.paths.update(extra_paths)
    pending.paths.update(versions_paths(page.translation_key))
    transaction.on_commit(queue_pending)  # idempotent: the first callback of a commit sends everything


def versions_paths(translation_key) -> set[str]:
    """The paths of every language version of a page, live or not: an unpublished one must disappear too."""
    versions = Page.objects.filter(translation_key=translation_key, depth__gte=2).select_related("locale")
    return {frontend_path(version) for version in versions}


def queue_pending() -> None:
    if not getattr(pending, "keys", None):
        return
    keys, paths = pending.keys, pending.paths
    del pending.keys, pending.paths
    notification = FrontendNotification.objects.create(
        paths=sorted(paths), tags=["content", *sorted(f"page:{key}" for key in keys)]
    )
    send_soon(notification)


def on_publish_or_unpublish(instance, **kwargs) -> None:
    page_changed(instance)


def on_move(instance, url_path_before="", **kwargs) -> None:
    former = frontend_path(Page(url_path=url_path_before, locale=instance.locale)) if url_path_before else None
    page_changed(instance, *([former] if former else []))


def on_delete(instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.depth and instance.depth >= 2:
        page_changed(instance)


def connect() -> None:
    page_published.connect(on_publish_or_unpublish, dispatch_uid="revalidate-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="revalidate-unpublished")
    post_page_move.connect(on_move, dispatch_uid="revalidate-moved")
    pre_delete.connect(on_delete, dispatch_uid="revalidate-deleted")
