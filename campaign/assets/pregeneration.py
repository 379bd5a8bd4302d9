"""Renditions made before a visitor asks for them.

A cold story list asking for an AVIF srcset took 2.78 s, because every rendition was made inside the visitor's
request. So when an image is uploaded, its file replaced or its focal point moved, the renditions the frontend's
operations use (settings.IMAGE_PREGENERATED_RENDITIONS) are made by the `worker` process instead: a django-tasks
task on the "renditions" backend, a queue in the database (django-tasks-db) that `manage.py db_worker --backend
renditions` works through. A request still makes whatever is missing (campaign.assets.renditions), so the API
answers while the worker is behind or stopped; it is only slower.

What makes a rendition stale: Wagtail deletes an image's renditions when its file is replaced (BaseImageForm.save);
a new focal point deletes nothing but changes the key of every crop (fill-*), so the crops must be made again for
it (width-* ignore the focal point and stay valid). Either way the task is enqueued once the change commits, reads
the image as it is when it runs, and makes what is missing for it: running it twice does nothing more.

Endorsers' logos are left out: the public uploads them, and the frontend's cover sizes are not theirs.
"""

from django.conf import settings
from django.core import checks
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter

from campaign.assets.renditions import RenditionNotAllowed, encodable, filter_spec
from campaign.endorsements.logos import LOGO_COLLECTION

# The TASKS alias of the queue (cms.settings.base); the worker is started with `--backend renditions`.
RENDITIONS_BACKEND = "renditions"
# What a rendition depends on: the file (name and content hash) and the focal point.
WATCHED_FIELDS = (
    "file",
    "file_hash",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


def pregenerated_specs() -> list[str]:
    """Wagtail filter specs of settings.IMAGE_PREGENERATED_RENDITIONS, each checked against the API's allow-lists
    (RenditionNotAllowed otherwise). A format this server cannot encode is left out: the API refuses it anyway."""
    return [
        filter_spec(spec, image_format)
        for spec, image_format in settings.IMAGE_PREGENERATED_RENDITIONS
        if encodable(image_format)
    ]


@task(backend=RENDITIONS_BACKEND)
def pregenerate_renditions(image_id: int) -> int:
    """Makes the image's missing pregenerated renditions and says how many it made. An image deleted since the
    task was enqueued needs nothing."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    missing = missing_renditions(image)
    if missing:
        image.get_renditions(*missing)
    return len(missing)


def enqueue_all() -> int:
    """Enqueues every image but the logos, and says how many: for images uploaded before the worker existed, or
    after IMAGE_PREGENERATED_RENDITIONS changed."""
    images = get_image_model().objects.exclude(collection__name=LOGO_COLLECTION).order_by("pk")
    image_ids = list(images.values_list("pk", flat=True))
    for image_id in image_ids:
        pregenerate_renditions.enqueue(image_id)
    return len(image_ids)


def missing_renditions(image: AbstractImage) -> list[Filter]:
    filters = [Filter(spec=spec) for spec in pregenerated_specs()]
    existing = image.find_existing_renditions(*filters)
    return [item for item in filters if item not in existing]


def remember_stored_state(sender, instance: AbstractImage, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Before a save, what the row holds now: post_save compares it with what was saved."""
    if raw or instance.pk is None or not watched(update_fields):
        instance._stored_rendition_state = None
        return
    stored = sender.objects.filter(pk=instance.pk).values_list(*WATCHED_FIELDS).first()
    instance._stored_rendition_state = stored


def enqueue_when_changed(
    sender, instance: AbstractImage, created: bool = False, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """Enqueues the image's renditions once the save commits, if it is new or its file or focal point changed:
    the worker must not look for a row or a file that a rolled-back transaction never kept."""
    if raw or not (created or changed(instance)) or is_logo(instance):
        return
    image_id = instance.pk
    transaction.on_commit(lambda: pregenerate_renditions.enqueue(image_id), robust=True)


def watched(update_fields) -> bool:
    return update_fields is None or bool(set(update_fields) & set(WATCHED_FIELDS))


def changed(instance: AbstractImage) -> bool:
    stored = getattr(instance, "_stored_rendition_state", None)
    return stored is not None and stored != current_state(instance)


def current_state(instance: AbstractImage) -> tuple:
    return tuple(instance.file.name if field == "file" else getattr(instance, field) for field in WATCHED_FIELDS)


def is_logo(instance: AbstractImage) -> bool:
    return instance.collection.name == LOGO_COLLECTION


@checks.register()
def check_pregenerated_renditions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A rendition outside the allow-lists would make the worker fail on every image: say so at startup."""
    try:
        pregenerated_specs()
    except RenditionNotAllowed as error:
        return [checks.Error(f"IMAGE_PREGENERATED_RENDITIONS: {error}", id="campaign.E101")]
    return []


def connect() -> None:
    image_model = get_image_model()
    pre_save.connect(remember_stored_state, sender=image_model, dispatch_uid="pregeneration-pre-save")
    post_save.connect(enqueue_when_changed, sender=image_model, dispatch_uid="pregeneration-post-save")
