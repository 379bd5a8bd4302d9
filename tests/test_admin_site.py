"""The admin as editors meet it: their language, the dashboard's site structure, search, the demo account."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.users.models import UserProfile


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Structure du site"), ("es", "Estructura del sitio"), ("en", "Site structure")],
)
def test_the_dashboard_shows_the_site_structure_in_the_editors_language(editor, editor_client, language, heading):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert "La Charte de Lampedusa" in html


@pytest.mark.django_db
def test_admin_search_finds_a_principle(editor_client):
    response = editor_client.get("/admin/pages/search/", {"q": "Dignité"})
    assert response.status_code == 200
    assert "Dignité" in response.content.decode()


@pytest.mark.django_db
def test_the_demo_admin_is_created_once(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_demo_admin", stdout=out)
    call_command("ensure_demo_admin", stdout=out)
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1
    assert "admin / lampedusa-demo" in out.getvalue()


@pytest.mark.django_db
def test_the_demo_admin_is_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("ensure_demo_admin")
