"""The story form's city list, searchable, and its "Add a city" modal (campaign.pages.city_chooser), in the French
admin: the form lists every French city and only those; the modal adds a French city, or says in French why not."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page
from wagtail.users.models import UserProfile

from campaign.models import City, CityStoryIndexPage, CityStoryPage, Region

ADD_CITY = reverse("story_cities:add")


def speaks_french(user) -> None:
    """For a user other than the `french_admin` fixture's editor."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()


def story_index() -> CityStoryIndexPage:
    return CityStoryIndexPage.objects.get(locale__language_code="fr")


def new_story_url() -> str:
    return reverse("wagtailadmin_pages:add", args=["campaign", "citystorypage", story_index().pk])


def modal(response) -> tuple[dict, BeautifulSoup]:
    """The modal workflow's answer: its JSON, and its HTML parsed."""
    assert response.status_code == 200, response.content
    answer = response.json()
    return answer, BeautifulSoup(answer.get("html", ""), "html.parser")


def errors(html: BeautifulSoup) -> list[str]:
    return [" ".join(error.get_text().split()) for error in html.select(".error-message, .messages .error")]


def europe() -> Region:
    return Region.objects.get(code="europe", locale__language_code="fr")


@pytest.mark.django_db
def test_the_story_form_lists_every_french_city_with_a_search_and_an_add_button(french_admin):
    page = BeautifulSoup(french_admin.get(new_story_url(), HTTP_HOST="127.0.0.1").content, "html.parser")
    chooser = page.select_one("[data-city-chooser]")
    labels = [label.get_text(strip=True) for label in chooser.select("label:has(input[name=cities])")]
    assert len(labels) == City.objects.filter(locale__language_code="fr").count() > 1
    assert "Lampedusa (IT)" in labels
    assert labels.index("São Paulo (BR)") < labels.index("Strășeni (MD)"), "alphabetical, accents aside"
    values = {int(box["value"]) for box in chooser.select("input[name=cities]")}
    assert not City.objects.filter(pk__in=values).exclude(locale__language_code="fr").exists()
    assert chooser.select_one("input[type=search][data-city-chooser-search]") is not None
    assert chooser.select_one("[data-city-chooser-add]").get_text(strip=True) == "Ajouter une ville"
    assert chooser["data-add-url"] == ADD_CITY
    assert page.select_one('script[src$="campaign/admin/city-chooser.js"]') is not None


@pytest.mark.django_db
def test_the_add_form_opens_in_french_with_the_searched_name(french_admin):
    answer, html = modal(french_admin.get(ADD_CITY, {"name": "Linosa"}, HTTP_HOST="127.0.0.1"))
    assert answer["step"] == "city_form"
    assert html.select_one("h1").get_text(strip=True) == "Ajouter une ville"
    assert html.select_one("input[name=name]")["value"] == "Linosa"
    assert html.select_one("label[for=id_country]").get_text(strip=True).startswith("Pays")
    regions = {option.get_text(strip=True) for option in html.select("select[name=region] option[value!='']")}
    assert regions == {str(region) for region in Region.objects.filter(locale__language_code="fr")}


@pytest.mark.django_db
def test_an_added_city_is_french_and_comes_back_for_the_list(french_admin, editor):
    data = {"name": " Linosa ", "country": "IT", "region": europe().pk}
    answer, _html = modal(french_admin.post(ADD_CITY, data, HTTP_HOST="127.0.0.1"))
    city = City.objects.get(name="Linosa")
    assert answer == {"step": "city_added", "result": {"id": str(city.pk), "label": "Linosa (IT)"}}
    assert (city.locale.language_code, city.country.code, city.region) == ("fr", "IT", europe())
    entry = ModelLogEntry.objects.get(object_id=str(city.pk), action="wagtail.create")
    assert entry.user == editor


@pytest.mark.django_db
def test_a_city_without_a_country_is_refused_in_french(french_admin):
    answer, html = modal(french_admin.post(ADD_CITY, {"name": "Linosa", "country": ""}, HTTP_HOST="127.0.0.1"))
    assert answer["step"] == "city_form"
    assert errors(html) == ["Champ requis."]
    assert html.select_one("input[name=name]")["value"] == "Linosa", "what was typed stays"
    assert not City.objects.filter(name="Linosa").exists()


@pytest.mark.django_db
def test_a_city_already_listed_is_refused_and_named(french_admin):
    count = City.objects.count()
    _answer, html = modal(french_admin.post(ADD_CITY, {"name": "LAMPÉDUSA", "country": "IT"}, HTTP_HOST="127.0.0.1"))
    assert errors(html) == ["Lampedusa (IT) est déjà dans la liste : cherchez-la et cochez-la."]
    assert City.objects.count() == count
    modal(french_admin.post(ADD_CITY, {"name": "Lampedusa", "country": "MT"}, HTTP_HOST="127.0.0.1"))
    assert City.objects.count() == count + 1, "the same name in another country is another city"


@pytest.mark.django_db
def test_a_region_of_another_language_is_refused(french_admin):
    spanish = Region.objects.get(code="europe", locale__language_code="es")
    data = {"name": "Linosa", "country": "IT", "region": spanish.pk}
    _answer, html = modal(french_admin.post(ADD_CITY, data, HTTP_HOST="127.0.0.1"))
    assert len(errors(html)) == 1 and "choix valide" in errors(html)[0]
    assert not City.objects.filter(name="Linosa").exists()


@pytest.mark.django_db
def test_an_editor_who_may_not_add_cities_is_told_so(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", "writer@example.org", "password")
    writer.groups.add(Group.objects.get(name="Editors"))
    speaks_french(writer)
    client.force_login(writer)
    answer, html = modal(client.get(ADD_CITY, HTTP_HOST="127.0.0.1"))
    assert answer["step"] == "city_form" and html.select_one("form") is None
    assert "Vous ne pouvez pas ajouter de ville" in html.get_text()
    modal(client.post(ADD_CITY, {"name": "Linosa", "country": "IT"}, HTTP_HOST="127.0.0.1"))
    assert not City.objects.filter(name="Linosa").exists()
    writer.user_permissions.add(Permission.objects.get(codename="add_city"))
    client.force_login(django_user_model.objects.get(pk=writer.pk))  # permissions are cached on the instance
    modal(client.post(ADD_CITY, {"name": "Linosa", "country": "IT"}, HTTP_HOST="127.0.0.1"))
    assert City.objects.filter(name="Linosa", locale__language_code="fr").exists()


@pytest.mark.django_db
def test_the_add_form_is_for_signed_in_staff_only(client):
    response = client.post(ADD_CITY, {"name": "Linosa", "country": "IT"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not City.objects.filter(name="Linosa").exists()


@pytest.mark.django_db
def test_a_story_saved_with_an_added_city_keeps_it(french_admin):
    answer, _html = modal(french_admin.post(ADD_CITY, {"name": "Linosa", "country": "IT"}, HTTP_HOST="127.0.0.1"))
    data = {
        "title": "Linosa accueille",
        "slug": "linosa-accueille",
        "kind": "action",
        "summary": "L'île voisine de Lampedusa accueille aussi.",
        "scope": "local",
        "cities": [answer["result"]["id"]],
        "body-count": "0",
    }
    response = french_admin.post(new_story_url(), data, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302, response.context["form"].errors
    story = CityStoryPage.objects.child_of(story_index()).get(slug="linosa-accueille")
    assert [str(city) for city in story.get_latest_revision_as_object().cities.all()] == ["Linosa (IT)"]
    assert isinstance(story, Page) and not story.live
