"""What translators see is left to do: each page's translation status in the page explorer and a filter on it, the
dashboard's site structure by language and status with links to those listings, and `translation_report`.

One Spanish city story is a translation started and never published (IN_PROGRESS), another is still an alias
(UNTRANSLATED), and one English principle was published before its French page was published again (OUTDATED); the
shipped stories are TRANSLATED. Every expectation is computed with
`translation_state.status_of`, page by page, so that the SQL of the listings is checked against the domain's rule.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from campaign.i18n.dashboard import SiteStructurePanel, site_structure
from campaign.i18n.status_queries import filter_by_status, with_translation_status
from campaign.i18n.translation_state import TranslationStatus, status_of, with_source_published_at
from campaign.models import CharterPage, CityStoryIndexPage, CityStoryPage, PrinciplePage

from .factories import CityStoryPageFactory, PrinciplePageFactory, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(editor_client, editor):
    """The admin in English, so that labels read as in this module."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return editor_client


@pytest.fixture
def started(editor, django_capture_on_commit_callbacks) -> Page:
    """A Spanish city story whose alias a translator converted ("Translate this page"), nothing published."""
    french = CityStoryPageFactory(parent=section(CityStoryIndexPage, "fr"))
    spanish = Locale.objects.get(language_code="es")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(editor, [spanish]).create_translations(french)
    page = french.get_translation(spanish)
    assert page.alias_of_id is None
    return page


@pytest.fixture
def untranslated() -> Page:
    """A Spanish city story that is still an alias of the French page."""
    french = CityStoryPageFactory(parent=section(CityStoryIndexPage, "fr"))
    return french.get_translation(Locale.objects.get(language_code="es"))


@pytest.fixture
def outdated(django_capture_on_commit_callbacks) -> Page:
    """A principle published in English and Spanish, whose French page was then published again."""
    french = PrinciplePageFactory(parent=section(CharterPage, "fr"))
    english = translate(french, "en", slug="outdated-principle")
    translate(french, "es", slug="principio-desfasado")
    assert statuses([english.pk])[english.pk] == TranslationStatus.TRANSLATED
    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()
    return english


def statuses(page_ids) -> dict[int, TranslationStatus]:
    """The domain's answer, page by page."""
    pages = with_source_published_at(
        Page.objects.filter(pk__in=page_ids).select_related("locale", "published_translation")
    )
    return {page.pk: status_of(page) for page in pages}


def section(model, code: str) -> Page:
    return model.objects.get(locale__language_code=code)


def listed_rows(client, page: Page, **filters) -> dict[int, str]:
    """Every row of a page's explorer listing, across its pages of results."""
    rows, number = {}, 1
    while True:
        response = client.get(f"/admin/pages/{page.pk}/", {**filters, "p": number})
        assert response.status_code == 200
        found = rows_of(response.content.decode())
        if not found.keys() - rows.keys():
            return rows
        rows |= found
        number += 1


def rows_of(html: str) -> dict[int, str]:
    """The explorer's table rows, by the id of the page each one edits."""
    rows = {}
    for row in re.findall(r"<tr\b.*?</tr>", html, re.S):
        edit = re.search(r'href="/admin/pages/(\d+)/edit/', row)
        if edit:
            rows[int(edit.group(1))] = row
    return rows


def label(status: TranslationStatus) -> str:
    with translation.override("en"):
        return status.label


def status_tag(row: str) -> str:
    tags = re.findall(r'<span class="w-status[^"]*">\s*([^<]*?)\s*</span>', row)
    return tags[-1] if tags else ""


def test_the_sql_status_is_the_domains_for_every_page(started, outdated):
    pages = with_translation_status(Page.objects.filter(depth__gte=2)).values_list("pk", "translation_status")
    sql = {pk: TranslationStatus(status) for pk, status in pages}
    assert sql == statuses(sql)
    assert sql[started.pk] == TranslationStatus.IN_PROGRESS
    assert sql[outdated.pk] == TranslationStatus.OUTDATED
    assert set(sql.values()) == set(TranslationStatus)
    for status in TranslationStatus:
        chosen = filter_by_status(Page.objects.filter(depth__gte=2), [status]).values_list("pk", flat=True)
        assert set(chosen) == {pk for pk, value in sql.items() if value == status}, status


def test_the_explorer_shows_each_pages_translation_status(editor_client, started, untranslated):
    index = section(CityStoryIndexPage, "es")
    response = editor_client.get(f"/admin/pages/{index.pk}/")
    assert response.status_code == 200
    assert "Translation status" in response.content.decode(), "the filter is offered"
    rows = listed_rows(editor_client, index)
    expected = statuses(rows)
    assert expected[started.pk] == TranslationStatus.IN_PROGRESS
    assert expected[untranslated.pk] == TranslationStatus.UNTRANSLATED
    assert TranslationStatus.TRANSLATED in set(expected.values())
    for pk, row in rows.items():
        assert status_tag(row) == label(expected[pk]), pk


@pytest.mark.parametrize(
    "status", [TranslationStatus.UNTRANSLATED, TranslationStatus.IN_PROGRESS, TranslationStatus.TRANSLATED]
)
def test_the_translation_status_filter_lists_only_pages_in_that_status(editor_client, started, untranslated, status):
    index = section(CityStoryIndexPage, "es")
    rows = listed_rows(editor_client, index, translation_status=status.value)
    expected = {
        pk for pk, value in statuses(index.get_descendants().values_list("pk", flat=True)).items() if value == status
    }
    assert expected, status
    assert set(rows) == expected
    assert {status_tag(row) for row in rows.values()} == {label(status)}


def section_of(page: Page) -> Page:
    return Page.objects.ancestor_of(page, inclusive=True).get(depth=3)


def test_the_filter_finds_an_outdated_translation_and_accepts_several_statuses(editor_client, started, outdated):
    charter = section_of(outdated)
    response = editor_client.get(f"/admin/pages/{charter.pk}/", {"translation_status": "outdated"})
    assert set(rows_of(response.content.decode())) == {outdated.pk}

    home = section(CityStoryIndexPage, "es").get_parent()
    wanted = {"translation_status": ["outdated", "in_progress"]}
    spanish_principle = outdated.get_translation(Locale.objects.get(language_code="es"))
    assert statuses([spanish_principle.pk])[spanish_principle.pk] == TranslationStatus.OUTDATED, "both languages"
    listed = rows_of(editor_client.get(f"/admin/pages/{home.pk}/", wanted).content.decode())
    assert set(listed) == {started.pk, spanish_principle.pk}


def test_the_french_tree_is_the_source_and_has_no_translation_status(editor_client):
    index = section(CityStoryIndexPage, "fr")
    html = editor_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert rows_of(html)
    assert "Translation status" not in html
    assert not any(status_tag(row) == label(TranslationStatus.SOURCE) for row in rows_of(html).values())


def cell_of(html: str, section_page: Page, code: str) -> str:
    """The dashboard cell of a section (by its French page) in a locale."""
    row = next(
        row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if f'href="/admin/pages/{section_page.pk}/"' in row
    )
    return re.search(rf'<td data-locale="{code}">(.*?)</td>', row, re.S).group(1)


def test_the_dashboard_counts_each_sections_pages_by_status_with_links(editor_client, started, outdated):
    html = editor_client.get("/admin/").content.decode()
    assert "Outdated pages count as translated" in html

    for local, code in ((section_of(started), "es"), (section_of(outdated), "en")):
        french = local.get_translation(Locale.objects.get(language_code="fr"))
        cell = cell_of(html, french, code)
        pages = statuses(Page.objects.descendant_of(local, inclusive=True).values_list("pk", flat=True))
        counts = {status: sum(value == status for value in pages.values()) for status in TranslationStatus}
        published = counts[TranslationStatus.TRANSLATED] + counts[TranslationStatus.OUTDATED]
        assert f"{round(100 * published / len(pages))}% translated" in cell
        for status in (
            TranslationStatus.UNTRANSLATED,
            TranslationStatus.IN_PROGRESS,
            TranslationStatus.OUTDATED,
            TranslationStatus.TRANSLATED,
        ):
            item = re.search(rf'<li data-status="{status.value}">(.*?)</li>', cell, re.S).group(1)
            assert f"{label(status)}: {counts[status]}" in item
            below = sum(value == status for pk, value in pages.items() if pk != local.pk)
            link = f'href="/admin/pages/{local.pk}/?translation_status={status.value}"'
            assert (link in item) == bool(below), (code, status)

    stories = section(CityStoryIndexPage, "es")
    link = f"/admin/pages/{stories.pk}/?translation_status=in_progress"
    assert link in html
    assert set(rows_of(editor_client.get(link).content.decode())) == {started.pk}, "the link lists what it counts"


def test_the_dashboard_takes_three_queries_whatever_the_number_of_pages(django_assert_num_queries, started):
    SiteStructurePanel().render_html({})  # content types cached, as on a running server
    with django_assert_num_queries(3):
        SiteStructurePanel().render_html({})
    with django_assert_num_queries(3):
        locales, rows = site_structure()
    assert len(rows) == Page.objects.filter(depth=3, locale__language_code="fr").count()
    assert len(rows[0].cells) == len(locales)


def test_the_translation_report_prints_the_four_states(started, outdated):
    out = io.StringIO()
    with translation.override("en"):
        call_command("translation_report", stdout=out)
        lines = out.getvalue().splitlines()
        labels = {
            (code, model): f"{code:<6} {model._meta.verbose_name!s:<34}"
            for code in ("en", "es")
            for model in (CityStoryPage, PrinciplePage)
        }
    assert lines[0].split()[-6:] == ["untranslated", "in", "progress", "outdated", "translated", "coverage"]

    def columns(code: str, model) -> list[str]:
        label = labels[code, model]
        return next(line for line in lines if line.startswith(label))[len(label) :].split()

    stories = CityStoryPage.objects.filter(locale__language_code="es")
    story_statuses = list(statuses(stories.values_list("pk", flat=True)).values())
    total, untranslated, in_progress, outdated_count, translated, coverage = columns("es", CityStoryPage)
    assert int(in_progress) == story_statuses.count(TranslationStatus.IN_PROGRESS) == 1
    assert int(untranslated) == story_statuses.count(TranslationStatus.UNTRANSLATED)
    assert int(translated) == story_statuses.count(TranslationStatus.TRANSLATED)
    assert int(total) == CityStoryPage.objects.filter(locale__language_code="fr").live().count()
    assert coverage == f"{100 * int(translated) / int(total):.0f}%"

    total, untranslated, in_progress, outdated_count, translated, coverage = columns("en", PrinciplePage)
    assert (int(outdated_count), int(translated)) == (1, int(total) - 1)
    assert coverage == "100%", "an outdated translation still counts as translated"
    assert "outdated ones included" in out.getvalue()
