"""What ops/test-restore compares: a snapshot of what a database and its media folder hold and serve, and the
changes a restore must undo. For scratch databases only: `seed` and `alter` write.

  python ops/snapshot.py take           JSON on stdout: every table's row count and row checksum, headline counts,
                                        each locale's GraphQL answer (through the view and its response cache),
                                        the SHA-256 of every media file
  python ops/snapshot.py seed           adds an approved endorsement with a logo (the demo content has none)
  python ops/snapshot.py alter          what may happen after a backup: a new home page title published, a media
                                        file deleted and another added, the answers about that state cached
  python ops/snapshot.py compare A B    prints what was compared; exit status 1 and the differences if any

The database and media are those of the settings (DATABASE_URL, MEDIA_ROOT, REDIS_URL; cms.settings.dev unless
DJANGO_SETTINGS_MODULE says otherwise). GraphQL requests use the first of ALLOWED_HOSTS as their host.
"""

import hashlib
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ABSENT = "(absent)"
MAX_DIFFERENCES = 30

# Every root field a frontend uses that reads stored data, without image renditions (made on first request, they
# would be writes); the answers therefore cover every live page (sitemap), menus, stories and endorsements.
QUERY = """
query Snapshot($locale: String) {
  locales { code name isDefault }
  site(locale: $locale) { name locale hashtags mainMenu { title url children { title url } } footerMenu { title url } }
  sitemap(locale: $locale) { url lastModified alternates { locale url title isFallback } }
  charter(locale: $locale) { title url chapters { number title url } principles { number title url } }
  milestones(locale: $locale) { title year month day url isFallback }
  cityStories(locale: $locale, limit: 100) {
    totalCount items { title url summary isFallback cities { name } coverImage { alt width height } }
  }
  endorsements(locale: $locale, limit: 100) { totalCount items { institutionName statement country { name } } }
  endorsementStats(locale: $locale) { total }
}
"""


def take() -> dict:
    answers = graphql_answers()  # first: should answering ever write, the rest of the snapshot would show it
    return {"tables": table_fingerprints(), "counts": headline_counts(), "graphql": answers, "media": media_files()}


def graphql_answers() -> dict[str, dict]:
    """Each locale's answer as the frontend gets it: through /graphql/, so also through the response cache."""
    from django.conf import settings
    from django.test import Client
    from wagtail.models import Locale

    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    answers = {}
    for code in Locale.objects.order_by("language_code").values_list("language_code", flat=True):
        response = client.post(
            "/graphql/", {"query": QUERY, "variables": {"locale": code}}, content_type="application/json"
        )
        answer = response.json()
        if response.status_code != 200 or "errors" in answer:
            sys.exit(f"GraphQL in {code} answered {response.status_code}: {answer}")
        answers[code] = answer
    return answers


def table_fingerprints() -> dict[str, list]:
    """Each table's row count and a checksum of its rows in any order: two are equal only if every row is."""
    from django.db import connection

    fingerprints = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(
                "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) "
                f"FROM {connection.ops.quote_name(table)} t"
            )
            fingerprints[table] = list(cursor.fetchone())
    return fingerprints


def headline_counts() -> dict:
    """The numbers a person checks first; the table fingerprints already compare every row."""
    from django.db.models import Count, Q
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    from campaign.endorsements.models import Endorsement

    pages = (
        Page.objects.filter(depth__gt=1)
        .values_list("locale__language_code")
        .annotate(total=Count("pk"), aliases=Count("pk", filter=Q(alias_of__isnull=False)))
        .order_by()
    )
    endorsements = Endorsement.objects.values_list("status").annotate(total=Count("pk")).order_by()
    return {
        "pages": {code: {"pages": total, "aliases": aliases} for code, total, aliases in pages},
        "images": get_image_model().objects.count(),
        "revisions": Revision.objects.count(),
        "endorsements": dict(endorsements),
    }


def media_files() -> dict[str, str]:
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    files = sorted(path for path in root.rglob("*") if path.is_file())
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def seed() -> None:
    """An approved endorsement with a logo, so that endorsements, their public answer and an uploaded logo make
    the round trip too."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from campaign.endorsements.logos import store_logo
    from campaign.endorsements.models import Endorsement

    png = io.BytesIO()
    Image.new("RGB", (120, 80), (0, 90, 160)).save(png, format="PNG")
    name = "Commune de Lampedusa e Linosa"
    Endorsement.objects.create(
        institution_name=name,
        kind="city",
        country="IT",
        signatory_name="Restore Check",
        email="restore-check@example.org",
        statement="Une ville qui accueille.",
        consent_publication=True,
        consent_version="restore-check",
        logo=store_logo(SimpleUploadedFile("logo.png", png.getvalue()), name),
        status="approved",
        confirmed_at=timezone.now(),
        approved_at=timezone.now(),
    )


def alter() -> None:
    """What a restore must undo: an editor publishes a change (a new content generation, as in production), media
    change, and answers about that state are cached. A restore that left the cache alone would serve them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
    home.title = "Changed after the backup"
    home.save_revision().publish()
    media = Path(settings.MEDIA_ROOT)
    next(path for path in sorted(media.rglob("*")) if path.is_file()).unlink()
    (media / "added-after-the-backup.txt").write_text("not in the backup\n")
    graphql_answers()


def compare(first_path: str, second_path: str) -> int:
    first, second = (json.loads(Path(path).read_text()) for path in (first_path, second_path))
    found = differences(first, second)
    if found:
        print(f"{len(found)} difference(s) between {first_path} and {second_path}:")
        for line in found[:MAX_DIFFERENCES]:
            print(f"  {line}")
        return 1
    for line in summary(first):
        print(f"  {line}")
    return 0


def differences(first, second, path: str = "") -> list[str]:
    """Paths where two snapshots differ, down to the value (a list's items are compared when it kept its length)."""
    if isinstance(first, dict) and isinstance(second, dict):
        pairs = {
            f"{path}/{key}": (first.get(key, ABSENT), second.get(key, ABSENT)) for key in sorted({*first, *second})
        }
    elif isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        pairs = {f"{path}[{i}]": pair for i, pair in enumerate(zip(first, second, strict=True))}
    else:
        return [] if first == second else [f"{path}: {shortened(first)} -> {shortened(second)}"]
    return [line for where, (a, b) in pairs.items() for line in differences(a, b, where)]


def shortened(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def summary(snapshot: dict) -> list[str]:
    counts = snapshot["counts"]
    rows = sum(count for count, _checksum in snapshot["tables"].values())
    pages = ", ".join(f"{code} {n['pages']} ({n['aliases']} aliases)" for code, n in sorted(counts["pages"].items()))
    endorsements = ", ".join(f"{status} {n}" for status, n in sorted(counts["endorsements"].items())) or "none"
    return [
        f"tables        {len(snapshot['tables'])} tables, {rows} rows: every row identical",
        f"pages         {pages}",
        f"images        {counts['images']}; revisions {counts['revisions']}; endorsements {endorsements}",
        f"GraphQL       {', '.join(snapshot['graphql'])}: identical answers (live pages, menus, stories, endorsements)",
        f"media         {len(snapshot['media'])} files: identical SHA-256",
    ]


def main(argv: list[str]) -> int:
    actions = {"take": lambda: print(json.dumps(take(), indent=1, sort_keys=True)), "seed": seed, "alter": alter}
    if len(argv) == 3 and argv[0] == "compare":
        return compare(argv[1], argv[2])
    if len(argv) != 1 or argv[0] not in actions:
        sys.exit(__doc__)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")  # as manage.py
    import django

    django.setup()
    actions[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
