"""What makes two submissions the same institution, and what is stored of a name (issue 12, items 9 and 13, and
the bounded folding memo of item 5)."""

import html
import tracemalloc

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.images import get_image_model

from campaign.endorsements.models import Endorsement
from campaign.text.plain import (
    FOLD_CACHE_ENTRIES,
    FOLD_CACHE_MAX_CHARS,
    UndecodableText,
    comparison_key,
    duplicate_key,
    folded,
    plain_text,
)

from ..factories import image_bytes
from .mutations import post_logo

LOOK_ALIKES = [
    "Ville de Grenobl\u0435",  # Cyrillic ie
    "Ville de Gren\u2060oble",  # word joiner
    "Ville de Gre\u00adnoble",  # soft hyphen
    "Ville de Grenoble\ufe0f",  # variation selector
    "Vi\u200dlle de Grenoble",  # zero-width joiner
    "Ville de Gr\u0435n\u043eble",  # Cyrillic ie and o
    "Vi11e de Grenob1e",  # digits for letters
    "\uff36ille de Grenoble",  # fullwidth V
]


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_look_alike_and_invisible_characters_make_the_same_duplicate_key(name):
    assert duplicate_key(name) == duplicate_key("Ville de Grenoble")


def test_a_cyrillic_capital_ve_passes_for_a_latin_b_in_any_case():
    assert duplicate_key("\u0412ORDEAUX") == duplicate_key("Bordeaux") == duplicate_key("bordeaux")


def test_different_names_keep_different_keys():
    assert duplicate_key("Ville de Grenoble") != duplicate_key("Ville de Grenade")
    assert duplicate_key("Ville de Grenoble") != duplicate_key("Ville de Grenoble-Alpes")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Ville de Grenobl\u0435", "Ville de Gren\u2060oble", "\u0412ILLE DE GRENOBLE"])
def test_a_look_alike_of_a_published_institution_is_a_duplicate(endorse, valid_input, name):
    published = "Bille de Grenoble" if name.startswith("\u0412") else "Ville de Grenoble"
    endorse(valid_input(institutionName=published))
    Endorsement.objects.update(status="approved")
    again = endorse(valid_input(institutionName=name, email="other@example.org"))
    assert [error["code"] for error in again["errors"]] == ["DUPLICATE"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["ß" * 101, "\ufdfa" * 12, "\ufdfa" * 200, "\U0001d400" * 200])
def test_every_name_the_form_accepts_is_stored_with_its_logo_and_compared(client, endorse, valid_input, name):
    """101 times "ß" folds to 202 characters and one U+FDFA to 18: keys once overflowed their column (a PostgreSQL
    error, INTERNAL_ERROR and an orphaned logo)."""
    result = post_logo(client, valid_input(institutionName=name), image_bytes((50, 50))).json()
    assert result.get("data", {})["endorseCharter"]["__typename"] == "EndorsementReceived", result
    assert (
        Endorsement.objects.get().logo is not None
        and get_image_model().objects.filter(title__startswith="Logo").count() == 1
    )
    Endorsement.objects.update(status="approved")
    again = endorse(valid_input(institutionName=name, email="other@example.org"))
    assert [error["code"] for error in again["errors"]] == ["DUPLICATE"]


MARKUP = [
    "&lt;img src=x onerror=alert(1)&gt;Ville",
    "&amp;lt;img src=x onerror=alert(1)&amp;gt;Ville",
    "&lt;\u200bimg src=x onerror=alert(1)&gt;Ville",
    "&lt;&#x200b;img src=x onerror=alert(1)&gt;Ville",
    "&#60;script&#62;alert(1)&#60;/script&#62;Ville",
    "<scr<script></script>ipt>alert(1)</script>Ville",
    "&lt;svg/onload=alert(1)&gt;Ville",
]


@pytest.mark.django_db
@pytest.mark.parametrize("markup", MARKUP)
def test_markup_hidden_in_entities_is_not_stored(endorse, valid_input, markup):
    result = endorse(valid_input(institutionName=markup, statement=markup, signatoryTitle=markup))
    assert result["__typename"] == "EndorsementReceived"
    stored = Endorsement.objects.get()
    for text in (stored.institution_name, stored.statement, stored.signatory_title):
        assert "<" not in text and "onerror" not in text.replace("onerror=alert(1)", "") and "script" not in text
        assert plain_text(text) == text, "decoding again changes nothing"


@pytest.mark.django_db
def test_text_encoded_without_end_is_a_field_error(endorse, valid_input):
    nested = "&amp;" * 5 + "lt;b&gt;"
    for _ in range(10):
        nested = nested.replace("&", "&amp;")
    result = endorse(valid_input(statement=nested))
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("statement", "INVALID")]
    assert "texte simple" in result["errors"][0]["message"]


def test_a_name_that_never_stops_decoding_still_has_keys():
    """Staff may type one in the admin, where the form's check does not apply: the save must not fail."""
    nested = "&lt;b&gt;"
    for _ in range(10):
        nested = nested.replace("&", "&amp;")
    assert len(duplicate_key(nested)) == 64 and comparison_key(nested)


def test_plain_text_keeps_the_signs_people_type():
    assert plain_text("a < b & c > d") == "a < b & c > d"
    assert plain_text("Tom &amp; Jerry") == "Tom & Jerry"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>&;/=#x0123abcdegilmnoprstv \u200b\u2060\"'"), max_size=60))
def test_plain_text_is_plain_after_any_decoding(value):
    try:
        text = plain_text(value)
    except UndecodableText:
        return
    assert html.unescape(nh3.clean(text, tags=set())) == text


def test_folding_long_visitor_texts_keeps_nothing_of_them():
    """A visitor's search text is folded; each once stayed in an unbounded-size memo (0.9 MB kept 3.7 MB)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for index in range(30):
            folded(f"{index} " + "é" * 100_000)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 500_000


def test_the_folding_memo_stays_small_whatever_it_is_sent():
    """The worst case: texts as long as the memo keeps, of 4-byte characters that fold to themselves."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for index in range(3 * FOLD_CACHE_ENTRIES):
            folded(f"{index:06}" + "\U0001f600" * (FOLD_CACHE_MAX_CHARS // 2 - 6))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_500_000
