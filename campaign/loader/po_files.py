"""Where each object's translations live as PO files: locale/content/<lang>/<pages|snippets>/….po.

A file's path names the object it translates (its content key), so the files carry no database identifiers and
can be exported from one database and imported into another, as a translator's delivery would be.
"""

from pathlib import Path

import polib
from django.conf import settings

HOME_FILE = "_accueil"
# wagtail-localize refuses a file that names another database's Translation; ours are identified by their path.
FOREIGN_HEADER = "X-WagtailLocalize-TranslationID"
KEY_HEADER = "X-Lampedusa-Content-Key"


def po_root() -> Path:
    """settings.CAMPAIGN_TRANSLATIONS_DIR: locale/content/ unless the environment says otherwise (a test may load a
    copy that leaves some content untranslated)."""
    return Path(settings.CAMPAIGN_TRANSLATIONS_DIR)


def po_path(language_code: str, content_key: str, root: Path | None = None) -> Path:
    root = root or po_root()
    kind, name = content_key.split(":", 1)
    if kind == "page":
        return root / language_code / "pages" / f"{name or HOME_FILE}.po"
    return root / language_code / "snippets" / kind / f"{name}.po"


def content_key_of(path: Path, language_root: Path) -> str:
    parts = path.relative_to(language_root).with_suffix("").parts
    if parts[0] == "pages":
        name = "/".join(parts[1:])
        return f"page:{'' if name == HOME_FILE else name}"
    return f"{parts[1]}:{'/'.join(parts[2:])}"


def po_files(language_code: str, root: Path | None = None) -> list[Path]:
    """Parents before children (charte.po before charte/dignite.po): a child's URL builds on its parent's slug."""
    root = root or po_root()
    return sorted((root / language_code).glob("**/*.po"), key=lambda path: (len(path.parts), path))


def portable(po: polib.POFile, content_key: str) -> polib.POFile:
    po.metadata.pop(FOREIGN_HEADER, None)
    po.metadata.pop("POT-Creation-Date", None)
    po.metadata[KEY_HEADER] = content_key
    return po
