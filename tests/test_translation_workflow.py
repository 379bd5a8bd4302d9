"""The translators' workflow: PO files out and in, re-sync after a French change, the coverage report."""

import io

import polib
import pytest
from django.core.management import call_command
from wagtail.models import Locale

from campaign.loader.po_files import po_path
from campaign.loader.translations import TranslationImporter, loaded_objects, translation_for
from campaign.models import (
    ActionPriority,
    CampaignPage,
    CharterChapterPage,
    CharterPage,
    CityStoryIndexPage,
    CityStoryPage,
    MilestonePage,
    NavigationMenu,
    PrinciplePage,
    SiteSettings,
    Theme,
    TimelinePage,
)

from .factories import CityStoryPageFactory

pytestmark = pytest.mark.django_db


def test_a_translator_downloads_a_po_file_edits_it_and_uploads_it(tmp_path, django_capture_on_commit_callbacks):
    call_command(
        "export_translations",
        "--language",
        "en",
        "--key",
        "page:charte/dignite",
        "--output-dir",
        str(tmp_path),
        stdout=io.StringIO(),
    )
    path = po_path("en", "page:charte/dignite", tmp_path)
    po = polib.pofile(str(path))
    assert all(entry.msgstr for entry in po), "the shipped English translation comes back filled in"
    title = next(entry for entry in po if entry.msgctxt == "title")
    title.msgstr = "Dignity for all"
    po.save(str(path))

    importer = TranslationImporter(loaded_objects(), root=tmp_path)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes when the transaction commits
        importer.import_language(Locale.objects.get(language_code="en"))

    english = PrinciplePage.objects.get(locale__language_code="en", number=1)
    assert english.title == "Dignity for all"
    assert english.live and not english.has_unpublished_changes


def test_a_changed_french_paragraph_needs_translating_again_and_the_rest_is_kept():
    french = PrinciplePage.objects.get(locale__language_code="fr", number=1)
    paragraph = next(block for block in french.body if block.block_type == "paragraph")
    paragraph.value.source = "<p>Un paragraphe entièrement réécrit par l'équipe.</p>"
    french.save_revision().publish()

    spanish = Locale.objects.get(language_code="es")
    po = translation_for(french, spanish).export_po()
    by_text = {entry.msgid: entry.msgstr for entry in po if not entry.obsolete}
    assert by_text["Un paragraphe entièrement réécrit par l'équipe."] == ""
    assert by_text[french.title], "the unchanged title keeps its translation"
    assert sum(1 for text in by_text.values() if text) == len(by_text) - 1


def test_a_po_file_missing_a_segment_is_not_published_and_the_page_keeps_its_translation(tmp_path):
    french = PrinciplePage.objects.get(locale__language_code="fr", number=2)
    french.theme = "Un thème reformulé que personne n'a encore traduit"
    french.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    before = PrinciplePage.objects.get(locale=english, number=2)
    call_command(
        "export_translations",
        "--language",
        "en",
        "--key",
        "page:charte/equite",
        "--output-dir",
        str(tmp_path),
        stdout=io.StringIO(),
    )

    importer = TranslationImporter(loaded_objects(), root=tmp_path)
    importer.import_language(english)

    assert len(importer.incomplete) == 1 and "1 segment(s) untranslated" in importer.incomplete[0]
    after = PrinciplePage.objects.get(pk=before.pk)
    assert (after.theme, after.latest_revision_id) == (before.theme, before.latest_revision_id)


def test_the_translation_report_shows_full_and_partial_coverage():
    CityStoryPageFactory(parent=CityStoryIndexPage.objects.get(locale__language_code="fr"))  # an alias in en and es
    out = io.StringIO()
    call_command("translation_report", stdout=out)
    lines = out.getvalue().splitlines()

    def coverage(code: str, model) -> str:
        label = f"{code:<6} {model._meta.verbose_name!s:<34}"
        return next(line for line in lines if line.startswith(label)).split()[-1]

    for code in ("en", "es"):
        for model in (
            PrinciplePage,
            CharterChapterPage,
            CharterPage,
            MilestonePage,
            TimelinePage,
            CampaignPage,
            NavigationMenu,
            SiteSettings,
            ActionPriority,
            Theme,
        ):
            assert coverage(code, model) == "100%", (code, model)
        assert coverage(code, CityStoryPage) not in ("0%", "100%")


def test_machine_translation_uses_deepl_only_when_a_key_is_configured():
    from cms.settings.base import machine_translator

    assert machine_translator("secret")["CLASS"].endswith("DeepLTranslator")
    assert machine_translator("secret")["OPTIONS"] == {"AUTH_KEY": "secret"}
    assert machine_translator("")["CLASS"].endswith("DummyTranslator")
