"""What docs/operations.md tells staff to do: back up and restore, rotate the secret key, add a language."""

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from campaign.endorsements.tokens import token_hash
from campaign.loader.po_files import po_path
from campaign.models import CityStoryIndexPage
from campaign.publishing.preview import PreviewTokenInvalid, create_preview, previewed_page
from tests.factories import CityStoryPageFactory, section
from tests.test_settings import SANE_ENV, run_manage

ROOT = Path(__file__).resolve().parent.parent
OLD_KEY = "old-secret-key-" + "o" * 50
NEW_KEY = "new-secret-key-" + "n" * 50
GERMAN = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("de", "Deutsch")]
with_german = override_settings(LANGUAGES=GERMAN, WAGTAIL_CONTENT_LANGUAGES=GERMAN)


def run_ops(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """An ops/ script as an operator runs it: with the development settings and the given environment."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT", "REDIS_URL"}}
    return subprocess.run(
        [str(ROOT / "ops" / script), *args],
        env={**base, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


# Backups and restores.


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backs up the suite's database, which holds the demo content: run the suite on PostgreSQL "
    "(DATABASE_URL=postgres://postgres@127.0.0.1:5432/lampedusa_ci, as .ci/run does when PostgreSQL answers)",
)
@pytest.mark.skipif(not shutil.which("pg_restore"), reason="needs PostgreSQL's client tools (pg_dump, pg_restore)")
def test_a_backup_of_the_demo_data_restores_to_the_same_rows_answers_and_media(django_db_setup):
    """ops/test-restore with the suite's database as the source (only read): the restored copy must hold the same
    rows, give the same GraphQL answers and media files, and, restored over a changed copy, serve nothing cached
    about that copy."""
    database = connection.settings_dict
    server = {
        "PGHOST": database["HOST"] or "127.0.0.1",
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": database["USER"] or "postgres",
        **({"PGPASSWORD": database["PASSWORD"]} if database["PASSWORD"] else {}),
    }
    source = f"postgres://{server['PGUSER']}@{server['PGHOST']}:{server['PGPORT']}/{database['NAME']}"
    result = run_ops(
        "test-restore", "--source-database", source, "--source-media", str(settings.MEDIA_ROOT), env=server
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert result.stderr.count("every row identical") == 2 and "Round trip verified" in result.stderr


def test_a_backup_of_sqlite_is_refused_with_what_to_do_instead(tmp_path):
    result = run_ops("backup", str(tmp_path / "backups"), env={"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    assert result.returncode == 1
    assert "PostgreSQL" in result.stderr and "sqlite3" in result.stderr
    assert not (tmp_path / "backups").exists()


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path):
    backup = tmp_path / "lampedusa-20250101T000000Z"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"a truncated dump")
    (backup / "SHA256SUMS").write_text(f"{hashlib.sha256(b'the whole dump').hexdigest()}  database.dump\n")
    media = tmp_path / "media"
    result = run_ops(
        "restore", str(backup), env={"DATABASE_URL": "postgres://nobody@127.0.0.1:9/none", "MEDIA_ROOT": str(media)}
    )
    assert result.returncode == 1 and "damaged" in result.stderr
    assert not media.exists()


# Rotating the secret key: the old key, kept in SECRET_KEY_FALLBACKS, still validates what it signed.


def rotated(*fallbacks: str):
    return override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=list(fallbacks))


def test_production_reads_the_previous_keys_from_secret_key_fallbacks():
    result = run_manage(
        "shell",
        "--no-imports",
        "--command",
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        env={**SANE_ENV, "SECRET_KEY_FALLBACKS": f"{OLD_KEY},{NEW_KEY}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([OLD_KEY, NEW_KEY])


def test_a_signed_value_validates_while_the_old_key_is_a_fallback_and_not_after():
    with override_settings(SECRET_KEY=OLD_KEY):
        signed = signing.dumps({"preview": 42}, salt="rotation")
    with rotated(OLD_KEY):
        assert signing.loads(signed, salt="rotation") == {"preview": 42}
    with rotated(), pytest.raises(signing.BadSignature):
        signing.loads(signed, salt="rotation")


@pytest.mark.django_db
def test_a_preview_link_made_before_the_rotation_works_until_the_fallback_is_dropped():
    page = Page.objects.get(depth=2, locale__language_code="fr").specific
    with override_settings(SECRET_KEY=OLD_KEY):
        token = create_preview(page)
    with rotated(OLD_KEY):
        assert previewed_page(token).title == page.title
    with rotated(), pytest.raises(PreviewTokenInvalid):
        previewed_page(token)


@pytest.mark.django_db
def test_a_logged_in_editor_stays_logged_in_while_the_old_key_is_a_fallback(editor):
    admin_home = reverse("wagtailadmin_home")
    kept, dropped = Client(), Client()
    with override_settings(SECRET_KEY=OLD_KEY):
        kept.force_login(editor)
        dropped.force_login(editor)
    with rotated(OLD_KEY):
        assert kept.get(admin_home).status_code == 200
    with rotated():
        assert dropped.get(admin_home).status_code == 302, "without the fallback the session is no longer valid"


def test_endorsement_confirmation_links_do_not_depend_on_the_secret_key():
    with override_settings(SECRET_KEY=OLD_KEY):
        stored = token_hash("the-token-in-the-email")
    with rotated():
        assert token_hash("the-token-in-the-email") == stored


# Adding a language.


def graphql(client: Client, query: str) -> dict:
    response = client.post("/graphql/", {"query": query}, content_type="application/json")
    assert response.status_code == 200 and "errors" not in response.json(), response.content
    return response.json()["data"]


@pytest.mark.django_db
@with_german
def test_adding_a_language_gives_it_a_tree_of_aliases_of_every_french_page(client):
    call_command("add_content_language", "de", stdout=io.StringIO())

    german = Locale.objects.get(language_code="de")
    assert LocaleSynchronization.objects.get(locale=german).sync_from == Locale.get_default()
    french = Page.objects.filter(locale=Locale.get_default(), depth__gt=1)
    aliases = dict(Page.objects.filter(locale=german).values_list("translation_key", "alias_of_id"))
    assert aliases == {page.translation_key: page.pk for page in french}

    data = graphql(client, '{ locales { code name } page(path: "/de/") { title isFallback } }')
    assert {"code": "de", "name": "Deutsch"} in data["locales"]
    assert data["page"] == {"title": french.get(depth=2).title, "isFallback": True}

    again = io.StringIO()
    call_command("add_content_language", "de", stdout=again)
    assert "already there" in again.getvalue()
    assert Page.objects.filter(locale=german).count() == len(aliases)


@pytest.mark.django_db
@with_german
def test_translators_can_start_on_a_language_once_it_is_added(editor_client, tmp_path):
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage))
    call_command("add_content_language", "de", stdout=io.StringIO())
    german = Locale.objects.get(language_code="de")

    response = editor_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[story.pk]), {"locales": [german.pk]}
    )
    assert response.status_code == 302
    translated = story.get_translation(german)
    assert translated.alias_of_id is None, "the alias became a translation"
    editor = editor_client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert editor.status_code == 200 and "translation-editor" in editor.content.decode()

    export = ["--language", "de", "--key", "page:charte/dignite", "--output-dir", str(tmp_path)]
    call_command("export_translations", *export, stdout=io.StringIO())
    assert po_path("de", "page:charte/dignite", tmp_path).exists()


@pytest.mark.django_db
def test_a_language_missing_from_the_settings_or_the_source_language_is_refused():
    with pytest.raises(CommandError, match="EXTRA_LANGUAGES"):
        call_command("add_content_language", "de")
    with pytest.raises(CommandError, match="source language"):
        call_command("add_content_language", "fr")
    assert not Locale.objects.filter(language_code="de").exists()
