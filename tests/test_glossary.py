"""The English and Spanish content keeps UCLG's terminology: every translated PO entry whose French uses a glossary
term (campaign/content/glossary.yaml) uses the glossary's translation of it."""

import polib
import pytest

from campaign.loader.glossary import TRANSLATED_LANGUAGES, Term, breaches, contains, glossary
from campaign.loader.po_files import po_files, po_root


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_translation_uses_the_glossary_terms(language):
    found = breaches(glossary(), language, po_files(language))
    assert not found, "\n".join(map(str, found))


def test_the_check_reads_every_content_po_file():
    assert len(po_files("es")) == len(list((po_root() / "es").glob("**/*.po"))) > 50


def write_po(path, msgid: str, msgstr: str):
    po = polib.POFile()
    po.append(polib.POEntry(msgctxt="body", msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


TERM = Term(("Pouvoir du Nous",), {"en": "Power of Us", "es": "Poder del Nosotros"})


@pytest.mark.parametrize(
    ("msgstr", "breached"),
    [
        ("Reconociendo el Poder del Nosotros como rasgo distintivo", False),
        ("Reconociendo el poder del nosotros como rasgo distintivo", False),
        ("Reconociendo el Poder de Nosotras como rasgo distintivo", True),
        ("", False),
    ],
)
def test_a_translation_that_departs_from_the_term_is_a_breach(tmp_path, msgstr, breached):
    path = write_po(tmp_path / "x.po", "Reconnaissant le Pouvoir du\u00a0Nous comme notre caractéristique", msgstr)
    found = breaches([TERM], "es", [path])
    assert bool(found) is breached
    if breached:
        assert "Poder del Nosotros" in str(found[0]) and "x.po" in str(found[0])


def test_terms_are_matched_as_whole_words():
    assert contains("l’identité sexuelle", "sex") is False
    assert contains("discrimination fondée sur le sexe,", "sexe")
    assert not contains("les sexes", "sexe")
    assert contains("Charte de Lampedusa", "charte de lampedusa")
