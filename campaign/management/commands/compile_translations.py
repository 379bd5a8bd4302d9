"""Compiles locale/*/LC_MESSAGES/*.po into .mo files with polib, so no GNU gettext install is needed.

Django's own `compilemessages` needs the `msgfmt` program, which a fresh machine with only Python lacks.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's gettext catalogues (.po) into .mo files."

    def handle(self, *args, **options):
        compiled = 0
        for folder in settings.LOCALE_PATHS:
            for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
