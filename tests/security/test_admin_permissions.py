"""What the admin shows staff without endorsement permissions: no endorser's name on a bulk action's page, and no
endorser's logo in the image listing, chooser, edit or delete views (a real non-superuser in Wagtail's "Editors"
group, which has image permissions on the root collection); reviewers still reach the logos."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection

from campaign.endorsements.logos import logo_collection
from campaign.endorsements.models import Endorsement

from ..factories import make_endorsement, make_image

pytestmark = pytest.mark.django_db
SECRET_NAME = "Commune Discrète"


def text(response) -> str:
    """The page, or the HTML inside a chooser's JSON answer (where "è" would be escaped)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


@pytest.fixture
def page_editor(client, django_user_model):
    user = django_user_model.objects.create_user("page-editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def reviewer(client, django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="x")
    group = Group.objects.create(name="Endorsement reviewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_endorsement")
    )
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def logo():
    return make_image(f"Logo: {SECRET_NAME}", collection=logo_collection(), file_name="endorsement-logo-test.png")


@pytest.mark.parametrize("action", ["approve_endorsement", "reject_endorsement", "erase_endorsement_personal_data"])
def test_a_bulk_action_page_is_refused_without_naming_anyone(page_editor, action):
    endorsement = make_endorsement(SECRET_NAME)
    url = f"/admin/bulk/campaign/endorsement/{action}/?id={endorsement.pk}"
    for response in (page_editor.get(url), page_editor.post(url, {"reason": ""})):
        assert response.status_code in (302, 403)
        assert SECRET_NAME not in text(response)
    assert Endorsement.objects.get().status == "pending_review"


def test_a_page_editor_sees_no_logo_in_the_image_listing_or_chooser(page_editor, logo):
    photo = make_image("Harbour photo")
    pages = {
        "listing": "/admin/images/",
        "search": f"/admin/images/?q={SECRET_NAME.split()[0]}",
        "collection filter": f"/admin/images/?collection_id={logo.collection_id}",
        "chooser": "/admin/images/chooser/",
        "chooser search": f"/admin/images/chooser/results/?q={SECRET_NAME.split()[0]}",
        "chooser collection": f"/admin/images/chooser/results/?collection_id={logo.collection_id}",
        "multiple upload": "/admin/images/multiple/add/",
    }
    listing = page_editor.get("/admin/images/").content.decode()
    assert photo.title in listing, "the editor does see ordinary images"
    for what, url in pages.items():
        page = text(page_editor.get(url))
        assert SECRET_NAME not in page and "endorsement-logo" not in page, what
        assert f'value="{logo.collection_id}"' not in page, f"{what}: the logos' collection is offered"


def test_a_page_editor_can_neither_open_edit_nor_delete_a_logo(page_editor, logo):
    for url in (f"/admin/images/{logo.pk}/", f"/admin/images/{logo.pk}/delete/", f"/admin/images/usage/{logo.pk}/"):
        response = page_editor.get(url)
        assert response.status_code in (302, 403), url
        assert SECRET_NAME not in text(response), url
    page_editor.post(f"/admin/images/{logo.pk}/", {"title": "Renamed", "collection": logo.collection_id})
    page_editor.post(f"/admin/images/{logo.pk}/delete/")
    logo.refresh_from_db()
    assert logo.title == f"Logo: {SECRET_NAME}"
    chosen = page_editor.get(f"/admin/images/chooser/{logo.pk}/")
    assert chosen.status_code in (302, 403, 404) and SECRET_NAME not in text(chosen)


def test_a_collection_under_the_logos_is_just_as_closed(page_editor):
    below = logo_collection().add_child(name="Older logos")
    image = make_image(f"Logo: {SECRET_NAME}", collection=below)
    assert SECRET_NAME not in page_editor.get("/admin/images/").content.decode()
    assert page_editor.get(f"/admin/images/{image.pk}/").status_code in (302, 403)
    assert Collection.objects.filter(name="Older logos").exists()


def test_a_reviewer_sees_and_chooses_logos(reviewer, logo):
    assert SECRET_NAME in reviewer.get("/admin/images/").content.decode()
    assert SECRET_NAME in text(reviewer.get("/admin/images/chooser/"))
    assert reviewer.get(f"/admin/images/{logo.pk}/").status_code == 200
