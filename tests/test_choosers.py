"""Choosers that cannot pick the wrong language (campaign.i18n.choosers), checked for every reference at once.

Every field of a page, inline item or snippet that points at a page or a translatable snippet must point at its
French source. For each one, as the French admin renders it: its chooser lists exactly the French items of its type
under a title naming the language (or, for a list of checkboxes, offers only French items), and its form refuses an
item of another language with an error naming the language expected and the one chosen.
"""

import copy
import json
import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import apply_limit_choices_to_to_formfield
from django.urls import reverse
from django.utils import translation
from modelcluster.fields import ParentalKey
from wagtail.blocks import PageChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaign.catalogue.cities import City
from campaign.i18n.choosers import SOURCE_LOCALE_PARAM
from campaign.i18n.locales import in_default_locale
from campaign.models import CityStoryPage, HomeFeaturedStory, HomePage, Region

SOURCE = "fr"


def parent_link(model: type[models.Model]) -> ParentalKey | None:
    return next((field for field in model._meta.get_fields() if isinstance(field, ParentalKey)), None)


def edited_in_the_admin(model: type[models.Model]) -> bool:
    """Pages, the items of their inline panels, and snippets: what an editor's forms write."""
    return issubclass(model, Page) or parent_link(model) is not None or model in get_snippet_models()


def references() -> list[tuple[type[models.Model], models.Field]]:
    """Every field an editor fills with a page or a translatable snippet, in the campaign's forms."""
    found = []
    for model in filter(edited_in_the_admin, apps.get_app_config("campaign").get_models()):
        for field in model._meta.get_fields():
            related = field.related_model if field.is_relation else None
            if (
                field.concrete
                and field.editable
                and not isinstance(field, ParentalKey)
                and not getattr(field.remote_field, "parent_link", False)
                and isinstance(related, type)
                and issubclass(related, TranslatableMixin)
            ):
                found.append((model, field))
    return found


REFERENCES = references()
REFERENCE_IDS = [f"{model.__name__}.{field.name}" for model, field in REFERENCES]


def test_the_campaign_has_references_of_every_kind():
    """The generic checks below cover page fields, inline items, snippets, pages and snippets as targets, and
    lists of checkboxes: if one kind disappeared, they would pass for the wrong reason."""
    kinds = {
        (issubclass(model, Page), isinstance(field, models.ManyToManyField), issubclass(field.related_model, Page))
        for model, field in REFERENCES
    }
    assert {(True, False, True), (False, False, True), (False, False, False), (True, True, False)} <= kinds
    assert any(parent_link(model) for model, _field in REFERENCES), "an inline item (featured stories)"


@pytest.mark.parametrize(("model", "field"), REFERENCES, ids=REFERENCE_IDS)
def test_every_reference_points_at_the_french_source(model, field):
    assert field.remote_field.limit_choices_to is in_default_locale


# Where each reference is edited: the page, the page holding the inline item, or the snippet.


def french(model: type[models.Model]) -> models.Model:
    instance = model.objects.filter(locale__language_code=SOURCE).order_by("pk").first()
    assert instance is not None, f"the campaign content has a French {model.__name__}"
    return instance


def edited(model: type[models.Model]) -> tuple[models.Model, str]:
    """The French object whose edit form shows the field, and the form's field name prefix (inline items')."""
    link = parent_link(model)
    if link is not None:
        return french(link.related_model), f"{link.remote_field.related_name}-__prefix__-"
    return french(model), ""


def edit_url(instance: models.Model) -> str:
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def edit_form(client, model: type[models.Model], field: models.Field) -> tuple[BeautifulSoup, str]:
    instance, prefix = edited(model)
    response = client.get(edit_url(instance), HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), f"id_{prefix}{field.name}"


def targets(field: models.Field, locale: str) -> set[int]:
    related = field.related_model
    objects = related.objects.exclude(depth=1) if issubclass(related, Page) else related.objects.all()
    return set(objects.filter(locale__language_code=locale).values_list("pk", flat=True))


def chooser_url(form: BeautifulSoup, field_id: str) -> str:
    """The address the field's chooser opens, as its widget's script gives it to Wagtail's chooser."""
    script = form.find("script", string=re.compile(re.escape(f'"{field_id}"')))
    assert script is not None, f"{field_id} is a chooser"
    options = json.loads(re.search(r"\((?:[^,]+), (\{.*\})\);", script.string).group(1))
    return options["modalUrl"]


def chosen_ids(listing: BeautifulSoup) -> set[int]:
    """The ids of the items a chooser listing offers, read from their "chosen" links."""
    links = listing.select("a[data-chooser-modal-choice]")
    return {int(re.search(r"/chosen/(\d+)/", link["href"]).group(1)) for link in links}


def listed(client, url: str) -> tuple[str, set[int]]:
    """The chooser's title and the ids it lists, page after page, as the modal shows them."""
    title, ids, page = "", set(), 1
    base, query = url.split("?", 1)
    while True:
        response = client.get(f"{base}?{query}&{urlencode({'p': page})}", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200
        modal = BeautifulSoup(response.json()["html"], "html.parser")
        title = title or modal.find("h1").get_text(" ", strip=True)
        ids |= chosen_ids(modal)
        if not modal.select_one(f'a[href*="p={page + 1}"]'):
            return title, ids
        page += 1


CHOOSERS = [(model, field) for model, field in REFERENCES if not isinstance(field, models.ManyToManyField)]
CHECKBOXES = [(model, field) for model, field in REFERENCES if isinstance(field, models.ManyToManyField)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"), CHOOSERS, ids=[f"{model.__name__}.{field.name}" for model, field in CHOOSERS]
)
def test_a_chooser_lists_exactly_the_french_items_and_says_so(french_admin, model, field):
    assert targets(field, "es"), "the Spanish copies exist: the chooser leaves them out"
    form, field_id = edit_form(french_admin, model, field)

    title, ids = listed(french_admin, chooser_url(form, field_id))

    assert ids == targets(field, SOURCE)
    expected = "Choisir une page (Français)" if issubclass(field.related_model, Page) else "Choisir (Français)"
    assert title.startswith(expected), title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"), CHECKBOXES, ids=[f"{model.__name__}.{field.name}" for model, field in CHECKBOXES]
)
def test_a_list_of_checkboxes_offers_only_french_items(french_admin, model, field):
    form, _field_id = edit_form(french_admin, model, field)

    offered = {int(box["value"]) for box in form.select(f'input[type=checkbox][name="{field.name}"]')}

    assert offered == targets(field, SOURCE)


def form_field(model: type[models.Model], field: models.Field):
    """The form field the admin's edit form uses for the reference, its choices limited as the form limits them."""
    link = parent_link(model)
    owner = link.related_model if link else model
    handler = owner.get_edit_handler() if issubclass(owner, Page) else owner.snippet_viewset.get_edit_handler()
    form_class = handler.get_form_class()
    if link:
        form_class = form_class.formsets[link.remote_field.related_name].form
    form_field = copy.deepcopy(form_class.base_fields[field.name])
    apply_limit_choices_to_to_formfield(form_field)
    return form_field


def a_copy(field: models.Field, locale: str) -> models.Model:
    related = field.related_model
    return (
        related.objects.filter(locale__language_code=locale)
        .exclude(**({"depth": 1} if issubclass(related, Page) else {}))
        .order_by("pk")
        .first()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), REFERENCES, ids=REFERENCE_IDS)
def test_a_reference_to_another_language_is_refused_with_the_language_named(model, field):
    many = isinstance(field, models.ManyToManyField)
    spanish, source = a_copy(field, "es"), a_copy(field, SOURCE)
    checked = form_field(model, field)

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        checked.clean([str(source.pk), str(spanish.pk)] if many else str(spanish.pk))

    kind = "cette page" if isinstance(spanish, Page) else "cet élément"
    message = refused.value.messages[0]
    assert message.startswith(f"Choisissez la version en Français de {kind} : « "), message
    assert message.endswith(" » est en Español."), message
    assert checked.clean([str(source.pk)] if many else str(source.pk))


# Through the admin, as an editor does it.


def home_form(home: HomePage, **changes) -> dict:
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "hero_title": home.hero_title,
            "tagline": home.tagline,
            "body": streamfield([]),
            "featured_chapters": inline_formset([]),
            "featured_stories": inline_formset([]),
            "action-publish": "action-publish",
            **changes,
        }
    )


def lampedusa(locale: str) -> CityStoryPage:
    return CityStoryPage.objects.filter(locale__language_code=locale, slug__contains="lampedusa").order_by("pk").first()


@pytest.mark.django_db
def test_the_home_page_refuses_the_spanish_copy_of_a_story_in_the_admins_language(french_admin):
    home = HomePage.objects.get(locale__language_code=SOURCE)
    spanish = lampedusa("es")
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])

    response = french_admin.post(
        url, home_form(home, featured_stories=inline_formset([{"story": spanish.pk}])), HTTP_HOST="127.0.0.1"
    )

    assert response.status_code == 200, "the form comes back with its error, nothing published"
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert f"Choisissez la version en Français de cette page : « {spanish.title} » est en Español." in text
    assert "Sélectionnez un choix valide" not in text
    assert not home.featured_stories.filter(story=spanish).exists()


@pytest.mark.django_db
def test_the_home_page_features_the_french_story_the_chooser_gives(french_admin):
    home = HomePage.objects.get(locale__language_code=SOURCE)
    source = lampedusa(SOURCE)
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])

    response = french_admin.post(
        url, home_form(home, featured_stories=inline_formset([{"story": source.pk}])), HTTP_HOST="127.0.0.1"
    )

    assert response.status_code == 302
    assert HomePage.objects.get(pk=home.pk).featured_stories.filter(story=source).exists()


@pytest.mark.django_db
def test_a_city_refuses_a_spanish_region_in_the_admins_language(french_admin):
    city = City.objects.filter(locale__language_code=SOURCE, region__isnull=False).order_by("pk").first()
    spanish = Region.objects.get(locale__language_code="es", translation_key=city.region.translation_key)
    data = {"name": city.name, "country": city.country.code, "region": spanish.pk, "latitude": "", "longitude": ""}

    response = french_admin.post(edit_url(city), data, HTTP_HOST="127.0.0.1")

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert f"Choisissez la version en Français de cet élément : « {spanish} » est en Español." in text


# What the restriction leaves alone, and bad addresses.


@pytest.mark.django_db
def test_a_snippet_chooser_opened_without_the_restriction_stays_wagtails(french_admin):
    """wagtail-localize's translation editor opens the snippet chooser so: every language, with its selector."""
    url = reverse(Region.snippet_viewset.chooser_viewset.get_url_name("choose"))

    response = french_admin.get(url, {"locale": "es"}, HTTP_HOST="127.0.0.1")

    modal = BeautifulSoup(response.json()["html"], "html.parser")
    assert modal.select_one("select[name=locale]") is not None
    ids = chosen_ids(modal)
    assert ids and ids <= set(Region.objects.filter(locale__language_code="es").values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{"source_locale": "xx"}, {"source_locale": SOURCE, "page_type": "campaign.city"}, {"page_type": "nothing.here"}],
)
def test_a_page_chooser_address_with_a_bad_parameter_is_not_found(french_admin, query):
    """Not found, never a server error (Django's LocaleMiddleware first tries the address under /fr/)."""
    response = french_admin.get(reverse("source_page_chooser:choose"), query, HTTP_HOST="127.0.0.1", follow=True)

    assert response.status_code == 404


@pytest.mark.django_db
def test_searching_the_page_chooser_finds_only_the_french_copy(french_admin):
    """The issue's case: "Lampedusa" found the Spanish, English and French copies, under the same title."""
    source = lampedusa(SOURCE)
    query = {"source_locale": SOURCE, "page_type": "campaign.citystorypage", "q": "Lampedusa"}
    url = reverse("source_page_chooser:choose_results")

    response = french_admin.get(url, query, HTTP_HOST="127.0.0.1")

    found = chosen_ids(BeautifulSoup(response.content, "html.parser"))
    assert source.pk in found
    assert found <= targets(HomeFeaturedStory._meta.get_field("story"), SOURCE)


def page_chooser_blocks(block, path: str):
    """Every page chooser among a block's descendants, with its path."""
    if isinstance(block, PageChooserBlock):
        yield path, block
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from page_chooser_blocks(child, f"{path}.{name}")
    if getattr(block, "child_block", None) is not None:
        yield from page_chooser_blocks(block.child_block, f"{path}.item")


def stream_page_choosers():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield from page_chooser_blocks(field.stream_block, f"{model.__name__}.{field.name}")


def test_the_campaign_has_page_links_in_blocks():
    assert len(list(stream_page_choosers())) >= 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "where,block", list(stream_page_choosers()), ids=lambda value: value if isinstance(value, str) else ""
)
def test_every_page_link_in_a_block_chooses_and_accepts_only_french_pages(where, block):
    assert f"{SOURCE_LOCALE_PARAM}=fr" in block.widget.get_chooser_modal_url(), where
    story = CityStoryPage.objects.filter(locale__language_code="fr").first()
    spanish = story.get_translation(Locale.objects.get(language_code="es"))
    assert block.clean(story).pk == story.pk
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        block.clean(spanish)
    assert "Choisissez la version en Français" in refused.value.messages[0], refused.value.messages
