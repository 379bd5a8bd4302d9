"""An editor in the French admin finds a story's city by typing part of its name, adds a missing one without leaving
the story, and sees on which tab an error holds the story back."""

import re

from .conftest import FRENCH_EDITOR

ADDED_CITY = """
from campaign.models import City
city = City.objects.get(name="Linosa")
print(city.locale.language_code, city.country.code, city.region.code)
"""


def new_story(page, servers, title: str) -> None:
    index = servers.graphql('{ page(path: "/fr/histoires/") { id } }')["page"]
    page.goto(f"{servers.cms}/admin/pages/add/campaign/citystorypage/{index['id']}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Une île qui accueille.")


def shown_cities(page) -> list[str]:
    return [text.strip() for text in page.locator("#id_cities label:visible").all_text_contents()]


def test_an_editor_finds_a_city_or_adds_it_without_leaving_the_story(page, servers, log_in, shot):
    log_in(FRENCH_EDITOR)
    new_story(page, servers, "Lampedusa et Linosa accueillent")
    search = page.get_by_label("Chercher une ville")
    summary = page.locator("[data-city-chooser-summary]")
    assert summary.text_content() == "Aucune ville sélectionnée."

    search.fill("sao")
    assert shown_cities(page) == ["São Leopoldo (BR)", "São Paulo (BR)"], "accents aside"
    search.fill("lamp")
    assert shown_cities(page) == ["Lampedusa (IT)"]
    page.get_by_label("Lampedusa (IT)").check()
    assert summary.text_content() == "Sélectionnées : Lampedusa (IT)"
    shot(page, "found")

    search.fill("Linosa")
    assert shown_cities(page) == []
    page.get_by_text("Aucune ville ne correspond à cette recherche. Ajoutez-la si elle manque.").wait_for()
    page.get_by_role("button", name="Ajouter une ville").click()
    modal = page.locator(".modal-content")
    assert modal.get_by_label("Nom").input_value() == "Linosa", "the searched name is typed already"
    modal.get_by_role("button", name="Ajouter la ville").click()
    modal.get_by_text("Champ requis.").wait_for()  # no country
    modal.get_by_label("Pays").select_option("IT")
    modal.get_by_label("Région de CGLU").select_option(label="Europe")
    shot(page, "add-city")
    modal.get_by_role("button", name="Ajouter la ville").click()
    modal.wait_for(state="detached")

    assert page.get_by_label("Linosa (IT)").is_checked()
    assert summary.text_content() == "Sélectionnées : Lampedusa (IT), Linosa (IT)"
    assert servers.manage("shell", "--no-imports", "-c", ADDED_CITY).split() == ["fr", "IT", "europe"]

    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.reload()
    assert page.get_by_label("Lampedusa (IT)").is_checked() and page.get_by_label("Linosa (IT)").is_checked()
    assert page.locator("[data-city-chooser-summary]").text_content() == "Sélectionnées : Lampedusa (IT), Linosa (IT)"
    shot(page, "saved")


def test_an_error_on_another_tab_shows_on_that_tab(page, servers, log_in, shot):
    log_in(FRENCH_EDITOR)
    new_story(page, servers, "Une histoire qui finit sans année")
    page.get_by_label("Chercher une ville").fill("lamp")
    page.get_by_label("Lampedusa (IT)").check()
    page.get_by_role("tab", name="Détails").click()
    page.locator("#id_period_end_month").fill("3")  # an end month without its year
    page.get_by_role("tab", name="Contenu").click()

    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("La page ne peut être créée du fait d'erreurs de validation.").wait_for()
    details = page.locator("[role=tab]", has_text="Détails")
    content = page.locator("[role=tab]", has_text="Contenu")
    details.locator(".w-tabs__errors").wait_for(state="visible")  # the tab holding the error says so (drawn by JS)
    assert details.locator("[data-w-count-target=total]").text_content() == "1"
    assert not content.locator(".w-tabs__errors").is_visible()
    shot(page, "error-on-details-tab")
    details.click()
    page.get_by_text("Un mois de fin nécessite une année de fin.").wait_for()
