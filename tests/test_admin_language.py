"""The admin is wholly in its user's language: French, English or Spanish, never a mix.

An admin user whose preferred language is fr, en or es renders the main screens; their visible text must not hold
any string known to have leaked from another language (French where Spanish's catalogue lacked a string, since
Django fell back to LANGUAGE_CODE: cms.translation_fallback; English where a catalogue lacked one; Wagtail's
"Région" for a locale). The project's own catalogues must leave nothing untranslated in French and Spanish.

Not checked here: text drawn by JavaScript from JSON (wagtail-localize's translation editor: its hard-coded English
"More actions" and "… to … translation", its dates written with strftime; its djangojs catalogue's strings are
checked in the catalogue itself, below), and data rather than interface: the root page's title "Root" and
the workflow "Moderators approval", both created by Wagtail's migrations.
"""

import json
import re
from datetime import date
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import trans_real
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from campaign.models import CharterPage, CityStoryIndexPage, HomePage, NavigationMenu, Theme

LANGUAGES = ["fr", "en", "es"]

# Strings seen in the admin of another language before this was fixed; each one, found in a screen's visible
# text, means a string came from the wrong catalogue (or from none).
FRENCH_LEAKS = [
    "Rechercher",
    "Afficher les filtres",
    "Plus d’options pour",
    "Plus d'options pour",
    "Verrou :",
    "Verrou\u00a0:",
    "Référencé(e)",
    "Utilisation des types de page",
    "Région\u00a0:",
    "Changer les régions",
]
ENGLISH_LEAKS = [
    "Search…",
    "Search all pages…",
    "Show filters",
    "More options for",
    "Locking:",
    "Locked by",
    "Referenced 0 times",
    "Page types usage",
    "Page type",
    "Save changes",
    "Edited by",
    "Last edit",
    "Date updated",
    "Has child pages",
    "Show disabled",
    "Filter by",
    "First published",
    "There are no",
    "Use server language",
    "Use server time zone",
    "System default",
    "More contrast",
    "Add a locale",
    "Exploring:",
    "Switch locales",
    "Keyboard shortcuts",
    "-50 of ",
]
LEAKS = {
    "fr": [
        *ENGLISH_LEAKS,
        "Status actuel",
        "STATUS ACTUEL",
        # A locale is a language here: "Région" is UCLG's regions.
        "Région\u00a0:",
        "Changer les régions",
        "Disponible dans 3 régions",
    ],
    "en": [*FRENCH_LEAKS, "Mostrar filtros", "Buscar…"],
    "es": [
        *FRENCH_LEAKS,
        *ENGLISH_LEAKS,
        "-50 sur ",
        "calquiera",
        "navegaciónMenú",
        "Cambiar región",
        "Región:",
        "Disponible en 3 regiones",
    ],
}


@pytest.fixture
def admin_in(client, django_user_model):
    """A client signed in as an admin user whose preferred admin language is the given one."""

    def sign_in(language: str):
        user = django_user_model.objects.create_superuser("polyglot", "polyglot@example.org", "polyglot-password")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return client

    return sign_in


def in_language(model, language: str):
    return model.objects.get(locale__language_code=language)


def screens() -> dict[str, str]:
    """The admin's main screens, by name: their URLs in the loaded campaign content."""
    stories = in_language(CityStoryIndexPage, "fr")
    charter_fr = in_language(CharterPage, "fr")
    charter_es = in_language(CharterPage, "es")
    menu = NavigationMenu.objects.filter(locale__language_code="fr").order_by("pk").first()
    menu_es = NavigationMenu.objects.get(translation_key=menu.translation_key, locale__language_code="es")
    theme = Theme.objects.filter(locale__language_code="fr").order_by("pk").first()
    return {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{Page.get_first_root_node().pk}/",
        "page listing": f"/admin/pages/{stories.pk}/",
        "page edit (French source)": f"/admin/pages/{charter_fr.pk}/edit/",
        "translation editor (Spanish page)": f"/admin/pages/{charter_es.pk}/edit/",
        "snippet listing (navigation menus)": "/admin/snippets/campaign/navigationmenu/",
        "snippet edit (navigation menu)": f"/admin/snippets/campaign/navigationmenu/edit/{menu.pk}/",
        "snippet translation editor (navigation menu)": f"/admin/snippets/campaign/navigationmenu/edit/{menu_es.pk}/",
        "snippet listing (themes)": "/admin/snippets/campaign/theme/",
        "snippet edit (theme)": f"/admin/snippets/campaign/theme/edit/{theme.pk}/",
        "endorsements": "/admin/snippets/campaign/endorsement/",
        "page types usage report": "/admin/reports/page-types-usage/",
        "locked pages report": "/admin/reports/locked/",
        "translations report": "/admin/localize/reports/translations/",
        "account": "/admin/account/",
    }


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


@pytest.mark.django_db
def test_the_spanish_page_is_edited_in_the_translation_editor():
    charter_es = in_language(CharterPage, "es")
    assert Translation.objects.filter(
        source__object_id=charter_es.translation_key, target_locale=charter_es.locale, enabled=True
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_admin_screen_speaks_only_the_users_language(admin_in, language):
    client = admin_in(language)
    leaks = {}
    for name, url in screens().items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        text = visible_text(response.content.decode())
        if found := [leak for leak in LEAKS[language] if leak in text]:
            leaks[name] = found
    assert not leaks, f"strings of another language in the {language} admin: {leaks}"


def test_a_string_missing_from_the_spanish_catalogue_shows_its_msgid_not_french():
    """Django chained every catalogue to LANGUAGE_CODE's (French); a missing string must show its msgid."""
    absent = "A sentence no catalogue holds."
    with translation.override("es"):
        assert translation.gettext(absent) == absent
    # No other language's catalogue stands behind Spanish's (django-countries chains an empty one of its own).
    fallback = trans_real.translation("es")._fallback
    while fallback is not None:
        assert not isinstance(fallback, trans_real.DjangoTranslation), fallback
        fallback = getattr(fallback, "_fallback", None)
    with translation.override("fr"):
        assert translation.gettext("Show filters") == "Afficher les filtres"
    with translation.override("en"):
        assert translation.gettext("Show filters") == "Show filters"


@pytest.mark.parametrize(("language", "expected"), [("es", "29 de noviembre de 2026"), ("fr", "29 novembre 2026")])
def test_dates_are_written_in_the_language(language, expected):
    with translation.override(language):
        assert date_format(date(2026, 11, 29), "DATE_FORMAT") == expected


@pytest.mark.parametrize("language", ["fr", "es"])
def test_our_catalogues_leave_nothing_untranslated(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{path}: untranslated {untranslated}"
    assert not fuzzy, f"{path}: fuzzy {fuzzy}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("es", '"Publicar en "'), ("fr", '"Publier dans "')])
def test_the_translation_editors_own_strings_keep_their_spaces(admin_in, language, expected):
    """wagtail-localize's editor builds "Publish in Español" from a string of its JavaScript catalogue, whose
    Spanish and French entries lost their trailing space; locale/*/LC_MESSAGES/djangojs.po restores it."""
    catalogue = admin_in(language).get("/admin/localize/jsi18n/").content.decode()
    assert expected in catalogue


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "add_story", "add_chapter", "heading_block"),
    [
        ("fr", "Ajouter une histoire mise en avant", "Ajouter un chapitre mis en avant", "Intertitre"),
        ("es", "Añadir una historia destacada", "Añadir un capítulo destacado", "Intertítulo"),
        ("en", "Add a featured story", "Add a featured chapter", "Heading"),
    ],
)
def test_the_home_page_form_reads_naturally(admin_in, language, add_story, add_chapter, heading_block):
    """Inline panels say "add a featured story" with the article their language needs, and the body's heading
    block is not called like the page's title."""
    home = in_language(HomePage, "fr")
    html = admin_in(language).get(f"/admin/pages/{home.pk}/edit/").content.decode()
    text = visible_text(html)
    assert add_story in text and add_chapter in text
    assert "un(e)" not in text
    # The block menu, built by the page's script from JSON (non-ASCII letters escaped).
    assert f'"label": {json.dumps(heading_block)}' in html.replace("&quot;", '"')


@pytest.mark.django_db
def test_the_story_forms_lists_sort_accented_names_among_their_letters(admin_in):
    index = in_language(CityStoryIndexPage, "fr")
    text = visible_text(admin_in("fr").get(f"/admin/pages/add/campaign/citystorypage/{index.pk}/").content.decode())
    assert text.index("São Paulo") < text.index("Strășeni") < text.index("Zurich")
    assert text.index("Culture et cohésion sociale") < text.index("Éducation et langue") < text.index("Emploi")
