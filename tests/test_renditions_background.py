"""The renditions the frontend's operations use are made by the worker, not in a visitor's request (issue item 6: a
cold story list asking for an AVIF srcset took 2.78 s).

Through the admin as an editor works: an image uploaded, its file replaced or its focal point moved enqueues a task
once the change commits; the worker (`manage.py db_worker --backend renditions --batch`, run here in the test's
process) makes the renditions of settings.IMAGE_PREGENERATED_RENDITIONS; a GraphQL query afterwards makes none.
Until the worker has run, the API makes what it needs in the request, as before.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Rendition
from wagtail.models import Collection

from campaign.assets.pregeneration import check_pregenerated_renditions, pregenerate_renditions, pregenerated_specs
from campaign.endorsements.logos import LOGO_COLLECTION
from campaign.models import CityStoryPage

from .admin_forms import image_edit_form
from .factories import image_bytes, make_image
from .graphql.test_seed_content_operations import OPERATIONS, PATHS

pytestmark = pytest.mark.django_db

TASK_PATH = "campaign.assets.pregeneration.pregenerate_renditions"
STORY_PATH = PATHS["story"]["fr"]
# The story's cover as the story list and the story page ask for it (tests/graphql/operations).
COVER_AS_THE_FRONTEND_ASKS = """
query($path: String!) { page(path: $path) { ... on CityStoryPage { coverImage {
  webp: srcset(widths: [320, 640, 1024], format: WEBP) avif: srcset(widths: [320, 640, 1024], format: AVIF)
  card: rendition(spec: "fill-400x225") { url width height }
  wide: rendition(spec: "fill-1200x675", format: WEBP) { url width height } } } } }
"""


@pytest.fixture
def queue():
    """The queue as a fresh deploy's worker finds it: what loading the shared test content enqueued is gone."""
    DBTaskResult.objects.all().delete()
    return DBTaskResult.objects


@pytest.fixture
def run_worker(monkeypatch, django_capture_on_commit_callbacks):
    """Runs the worker command until the queue is empty, in this process. It checks its database connection
    between tasks as Django does between requests, which would close the test's transaction; Django's test client
    leaves that check out of its requests for the same reason."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command(
                "db_worker", "--backend", "renditions", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
            )

    return run


@pytest.fixture
def cover(queue):
    """A new image as the Milan story's cover, none of its renditions made yet (not the loaded cover: replacing a
    file deletes the old one from storage, which no rollback brings back for the other tests)."""
    image = make_image(title="Milan", size=(1600, 900))
    stories = CityStoryPage.objects.filter(url_path__endswith="/milan-premiers-pas/", locale__language_code="fr")
    assert stories.update(cover_image=image) == 1
    return image


@pytest.fixture
def committed_post(french_admin, django_capture_on_commit_callbacks):
    """POSTs to the admin as a committed request would: the admin's views save inside a transaction, and the task
    is enqueued once it commits."""

    def post(url: str, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            response = french_admin.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    return post


def tasks_for(queue, image) -> list[DBTaskResult]:
    return [task for task in queue.filter(task_path=TASK_PATH) if task.args_kwargs["args"] == [image.pk]]


def made_specs(image) -> set[str]:
    """Which of the pregenerated renditions the image has for its current focal point, as Wagtail looks them up
    (the admin's edit page makes previews of its own)."""
    return {
        rendition.filter_spec
        for rendition in Rendition.objects.filter(image=image, filter_spec__in=pregenerated_specs())
        if rendition.focal_point_key == Filter(rendition.filter_spec).get_cache_key(image)
    }


def story_renditions(graphql) -> dict:
    """The story's cover as the frontend asks for it, with the renditions the request inserted."""
    with CaptureQueriesContext(connection) as captured:
        body = graphql(COVER_AS_THE_FRONTEND_ASKS, path=STORY_PATH)
        story = graphql((OPERATIONS / "story.graphql").read_text(), path=STORY_PATH)
    assert "errors" not in body and "errors" not in story, (body, story)
    inserts = [query for query in captured if query["sql"].startswith('INSERT INTO "wagtailimages_rendition"')]
    return {"cover": body["data"]["page"]["coverImage"], "inserts": len(inserts)}


def test_an_image_uploaded_in_the_admin_is_queued_and_the_worker_makes_its_renditions(
    committed_post, queue, run_worker
):
    committed_post(
        "/admin/images/add/",
        {
            "title": "Port de Lampedusa",
            "file": SimpleUploadedFile("port.jpg", image_bytes((1600, 900), "JPEG")),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    image = get_image_model().objects.get(title="Port de Lampedusa")
    [task] = tasks_for(queue, image)
    assert task.status == "READY" and made_specs(image) == set()

    run_worker()

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == len(pregenerated_specs())
    assert made_specs(image) == set(pregenerated_specs())
    assert {"fill-400x225", "width-320|format-webp", "width-1024|format-avif"} <= made_specs(image)


def test_a_new_focal_point_makes_the_worker_crop_again_and_keeps_the_widths(
    french_admin, committed_post, cover, queue, run_worker, graphql
):
    pregenerate_renditions_now(cover, run_worker)
    widths_before = set(Rendition.objects.filter(image=cover, filter_spec__startswith="width-").values_list("pk"))
    data = image_edit_form(french_admin, cover)
    data.update(focal_point_x=cover.width // 4, focal_point_y=cover.height // 4, focal_point_width=40)
    data.update(focal_point_height=40)

    committed_post(f"/admin/images/{cover.pk}/", data)

    cover.refresh_from_db()
    assert cover.focal_point_x == cover.width // 4
    assert len(tasks_for(queue, cover)) == 1
    assert made_specs(cover) == {spec for spec in pregenerated_specs() if spec.startswith("width-")}
    run_worker()
    assert made_specs(cover) == set(pregenerated_specs())
    widths_after = set(Rendition.objects.filter(image=cover, filter_spec__startswith="width-").values_list("pk"))
    assert widths_after == widths_before, "a width ignores the focal point: nothing to make again"
    assert story_renditions(graphql)["inserts"] == 0


def test_a_replaced_file_makes_the_worker_render_the_new_picture(
    french_admin, committed_post, cover, queue, run_worker, graphql
):
    pregenerate_renditions_now(cover, run_worker)
    data = image_edit_form(french_admin, cover)
    data["file"] = SimpleUploadedFile("square.png", image_bytes((900, 900)))

    committed_post(f"/admin/images/{cover.pk}/", data)

    cover.refresh_from_db()
    assert (cover.width, cover.height) == (900, 900)
    assert made_specs(cover) == set(), "Wagtail deleted the renditions of the old file"
    assert len(tasks_for(queue, cover)) == 1
    run_worker()
    assert made_specs(cover) == set(pregenerated_specs())
    assert Rendition.objects.get(image=cover, filter_spec="width-320|format-webp").height == 320
    made = Rendition.objects.count()
    answer = story_renditions(graphql)
    assert answer["inserts"] == 0 and Rendition.objects.count() == made
    assert answer["cover"]["avif"].count(".avif") == 3 and answer["cover"]["card"]["height"] == 225


def test_until_the_worker_runs_the_api_makes_the_renditions_in_the_request(
    french_admin, committed_post, cover, queue, graphql
):
    data = image_edit_form(french_admin, cover)
    data["file"] = SimpleUploadedFile("square.png", image_bytes((900, 900)))
    committed_post(f"/admin/images/{cover.pk}/", data)
    assert [task.status for task in tasks_for(queue, cover)] == ["READY"]

    answer = story_renditions(graphql)

    assert answer["inserts"] > 0 and made_specs(cover) >= {"fill-400x225", "width-320|format-avif"}
    assert answer["cover"]["wide"]["width"] == 900 and answer["cover"]["webp"].count(".webp") == 3
    assert [task.status for task in tasks_for(queue, cover)] == ["READY"], "the worker will find them made"


def test_an_edit_that_changes_neither_file_nor_focal_point_queues_nothing(french_admin, committed_post, cover, queue):
    data = image_edit_form(french_admin, cover)
    data["title"] = "Milan, la mairie"
    committed_post(f"/admin/images/{cover.pk}/", data)
    cover.refresh_from_db()
    assert cover.title == "Milan, la mairie" and tasks_for(queue, cover) == []


def test_an_endorsers_logo_is_not_queued(queue, django_capture_on_commit_callbacks):
    logos = Collection.get_first_root_node().add_child(name=LOGO_COLLECTION)
    with django_capture_on_commit_callbacks(execute=True):
        logo = make_image(title="Ville de Grenoble", collection=logos)
    assert tasks_for(queue, logo) == []


def test_the_worker_does_nothing_for_an_image_deleted_since(queue, run_worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    [task] = tasks_for(queue, image)
    image.delete()
    run_worker()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == 0


def test_the_pregenerated_renditions_are_within_the_apis_allow_lists():
    assert check_pregenerated_renditions() == []


@override_settings(IMAGE_PREGENERATED_RENDITIONS=[("fill-4000x4000", "WEBP")])
def test_a_pregenerated_rendition_outside_the_allow_lists_fails_the_system_check():
    [error] = check_pregenerated_renditions()
    assert error.id == "campaign.E101" and "fill-4000x4000" in error.msg


def pregenerate_renditions_now(image, run_worker) -> None:
    """The image as the worker left it after its upload."""
    pregenerate_renditions.enqueue(image.pk)
    run_worker()
    DBTaskResult.objects.all().delete()
    assert made_specs(image) == set(pregenerated_specs())
