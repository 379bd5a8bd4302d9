"""The admin as editors meet it: their language, the dashboard's site structure, search, the demo account."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.html import escape
from wagtail.users.models import UserProfile


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Structure du site"), ("es", "Estructura del sitio"), ("en", "Site structure")],
)
def test_the_dashboard_shows_the_site_structure_in_the_editors_language(admin_in, language, heading):
    response = admin_in(language).get("/admin/")
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


def account_form_as_shown(client) -> dict:
    """What the account page's forms hold before the user changes anything, as their POST data."""
    data = {}
    for panels in client.get("/admin/account/").context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value not in (None, "", False):
                    data[form.add_prefix(name)] = value
    return data


@pytest.mark.django_db
def test_the_demo_admin_sets_its_language_at_once(settings, client):
    """Its account form saves as it stands (Wagtail requires a first and last name): choosing Spanish works."""
    settings.DEBUG = True
    call_command("ensure_demo_admin", stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    data = {**account_form_as_shown(client), "locale-preferred_language": "es"}
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    assert UserProfile.get_for_user(admin).preferred_language == "es"


@pytest.mark.django_db
def test_an_account_form_that_fails_to_save_says_so_at_the_top(editor_client):
    data = {**account_form_as_shown(editor_client), "name_email-first_name": ""}
    response = editor_client.post("/admin/account/", data)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(re.search(r'<html lang="([\w-]+)"', html).group(1)):
        expected = translation.gettext("Your account settings could not be saved: correct the fields marked below.")
    assert [str(message) for message in response.context["messages"]] == [expected]
    assert html.index(escape(expected)) < html.index('name="name_email-first_name"'), "above the form"


@pytest.mark.django_db
def test_the_demo_admin_is_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("ensure_demo_admin")
