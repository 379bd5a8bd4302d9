"""`load_campaign_content`: idempotent, respectful of editors' changes, and all-or-nothing on invalid content.

These tests run the loader on the shipped content files and check its output on purpose."""

import io
import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from campaign.models import CharterPage, City, PrinciplePage


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_campaign_content", *args, stdout=out)
    return out.getvalue()


def outcome_totals(output: str) -> dict[str, int]:
    """Sums each column of the summary table (created, updated, unchanged, kept, incomplete)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("type "))
    names = lines[start].split()[2:]
    totals = dict.fromkeys(names, 0)
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        for name, number in zip(names, line.split()[-len(names) :], strict=True):
            totals[name] += int(number)
    return totals


@pytest.mark.django_db
def test_the_site_has_its_tree_in_three_locales():
    for code in ("fr", "en", "es"):
        home = Page.objects.get(depth=2, locale__language_code=code)
        sections = {page.specific_class.__name__ for page in home.get_children()}
        assert {
            "CharterPage",
            "TimelinePage",
            "CityStoryIndexPage",
            "CampaignPage",
            "EndorsePage",
        } <= sections


@pytest.mark.django_db
def test_a_second_run_changes_nothing():
    pages, revisions, cities = Page.objects.count(), Revision.objects.count(), City.objects.count()
    totals = outcome_totals(load())
    assert totals["created"] == totals["updated"] == totals["kept"] == totals["incomplete"] == 0
    assert totals["unchanged"] > 400, "pages, snippets, images and their translations"
    assert (Page.objects.count(), Revision.objects.count(), City.objects.count()) == (
        pages,
        revisions,
        cities,
    )


@pytest.mark.django_db
def test_an_editors_change_is_kept_unless_forced():
    principle = PrinciplePage.objects.get(locale__language_code="fr", number=1)
    original = principle.title
    principle.title = "Dignité (modifié par l'équipe)"
    principle.save_revision().publish()

    output = load()
    assert outcome_totals(output)["kept"] == 1
    assert "--force overwrites them" in output
    assert PrinciplePage.objects.get(pk=principle.pk).title == "Dignité (modifié par l'équipe)"

    assert outcome_totals(load("--force"))["updated"] >= 1
    assert PrinciplePage.objects.get(pk=principle.pk).title == original


@pytest.fixture
def broken_content(settings, tmp_path):
    """A copy of the content files that tests may break."""
    from campaign.loader.reader import content_dir

    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    settings.CAMPAIGN_CONTENT_DIR = copy
    return copy


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.django_db
def test_a_principle_with_four_priorities_fails_naming_file_entry_and_field(broken_content):
    def drop_a_priority(data):
        data["principles"][2]["priorities"].pop()
        data["title"] = "Changed title that must not be written"

    edit_yaml(broken_content / "charter.yaml", drop_a_priority)
    with pytest.raises(CommandError) as error:
        load()
    assert "charter.yaml › principles[2] › priorities: expected exactly 5 items, found 4" in str(error.value)
    assert CharterPage.objects.get(locale__language_code="fr").title != "Changed title that must not be written"


@pytest.mark.django_db
def test_a_link_to_a_missing_page_fails_before_anything_is_written(broken_content):
    def link_nowhere(data):
        data["milestones"][0]["link"] = "nulle-part"
        data["milestones"][1]["title"] = "Must not be written"

    edit_yaml(broken_content / "milestones.yaml", link_nowhere)
    revisions = Revision.objects.count()
    with pytest.raises(CommandError, match="nulle-part"):
        load()
    assert Revision.objects.count() == revisions
    assert not Page.objects.filter(title="Must not be written").exists()


@pytest.mark.django_db
def test_an_unknown_block_type_is_reported_with_its_place(broken_content):
    def bad_block(data):
        data["pages"][0]["body"].append({"type": "carousel", "value": {}})

    edit_yaml(broken_content / "standard_pages.yaml", bad_block)
    with pytest.raises(
        CommandError, match=r"standard_pages.yaml › pages\[0\] › body\[\d+\]: unknown block type 'carousel'"
    ):
        load()
