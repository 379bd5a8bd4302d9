"""Translators work in wagtail-localize: texts become segments to translate; codes and numbers follow the source."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from campaign.models import CharterPage, CityStoryIndexPage, StandardPage

from .factories import CityFactory, CityStoryPageFactory, EngagementTypeFactory, PrinciplePageFactory, home, section


def source_strings(instance) -> set[str]:
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    return set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


@pytest.mark.django_db
def test_a_page_an_editor_adds_in_french_exists_in_english_and_spanish_as_an_alias_until_translated(editor_client):
    url = reverse("wagtailadmin_pages:add", args=["campaign", "standardpage", home().pk])
    data = nested_form_data(
        {"title": "Nouvelle page", "slug": "nouvelle-page", "body": streamfield([]), "action-publish": "publish"}
    )
    assert editor_client.post(url, data).status_code == 302
    page = StandardPage.objects.child_of(home()).get(slug="nouvelle-page")
    for code in ("en", "es"):
        alias = page.get_translation(Locale.objects.get(language_code=code))
        assert alias.alias_of_id == page.pk
        assert alias.title == page.title


@pytest.mark.django_db
def test_an_editor_starts_a_spanish_translation_of_a_story_in_the_localize_editor(editor_client):
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), summary="Une ville accueille les nouveaux venus.")
    spanish = Locale.objects.get(language_code="es")

    response = editor_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[story.pk]), {"locales": [spanish.pk]}
    )
    assert response.status_code == 302

    translated = story.get_translation(spanish)
    assert translated.alias_of_id is None, "the alias became a translation"
    editor = editor_client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert editor.status_code == 200
    assert "translation-editor" in editor.content.decode()
    # The editor's segments are embedded as JSON: look for the summary's opening words as JSON writes them.
    assert json.dumps(story.summary[:30])[1:-1] in editor.content.decode()


@pytest.mark.django_db
def test_story_text_is_translated_while_names_codes_and_classification_are_synchronised():
    spanish = Locale.objects.get(language_code="es")
    story = CityStoryPageFactory(
        parent=section(CityStoryIndexPage),
        quote_text="Nous accueillons.",
        quote_author="Maria Rossi",
        source_document="Rapport 2023",
        source_reference="lignes 10-12",
        engagement_type=EngagementTypeFactory(),
        principles=[PrinciplePageFactory(parent=section(CharterPage))],
    )
    strings = source_strings(story)
    assert {story.title, story.summary, story.quote_text} <= strings
    assert not {story.quote_author, story.source_document, story.source_reference, story.kind} & strings
    assert str(story.period_start_year) not in strings

    source, _ = TranslationSource.get_or_create_from_instance(story)
    translation = Translation.objects.create(source=source, target_locale=spanish)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=spanish,
            context=segment.context,
            data=f"ES {segment.string.data}",
        )
    translation.save_target(publish=True)

    translated = story.get_translation(spanish).specific
    assert translated.title == f"ES {story.title}"
    assert translated.summary == f"ES {story.summary}"
    assert translated.period_start_year == story.period_start_year
    assert translated.engagement_type_id == story.engagement_type_id
    assert list(translated.cities.all()) == list(story.cities.all())
    assert list(translated.principles.all()) == list(story.principles.all())


@pytest.mark.django_db
def test_principle_number_is_synchronised_and_its_priorities_are_segments():
    principle = PrinciplePageFactory(parent=section(CharterPage), number=1)
    strings = source_strings(principle)
    priorities = [block.value for block in principle.priorities]
    assert len(priorities) == 5
    assert set(priorities) <= strings
    assert principle.theme in strings
    assert "1" not in strings


@pytest.mark.django_db
def test_a_city_name_is_translatable_but_its_country_and_position_are_not():
    city = CityFactory(name="Grenoble")
    assert source_strings(city) == {"Grenoble"}
