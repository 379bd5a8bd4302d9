"""Search and reference indexing once per object at the end of a load, not on every save.

A load saves each page several times (created, revised, published, then again per translation), and Wagtail updates
the search index and the reference index on every save: half the loader's time went there, most of it on objects
saved again a moment later. During a load both are held; each object saved is then indexed once, from its final
state, before the load's transaction commits.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@contextmanager
def indexing_at_the_end():
    saved: set[tuple[str, str, str]] = set()

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.add((instance._meta.app_label, instance._meta.model_name, str(instance.pk)))

    searched = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(remember)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(remember)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    index_once(saved, set(searched))


def index_once(saved: set[tuple[str, str, str]], searched: set) -> None:
    for app_label, model_name, pk in sorted(saved):
        model = apps.get_model(app_label, model_name)
        if not model.objects.filter(pk=pk).exists():
            continue
        if model in searched:
            insert_or_update_object_task.call(app_label, model_name, pk)
        if ReferenceIndex.is_indexed(model):
            update_reference_index_task.call(app_label, model_name, pk)
