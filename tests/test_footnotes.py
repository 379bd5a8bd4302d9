"""Footnote markers as editors write them: a superscript in rich text, or a superscript digit after a word."""

import pytest

from campaign.text.footnotes import markers_in


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("processus du Town Hall¹ et d'autres", {"1"}),
        ("sous-estimés,<sup>2</sup> notamment", {"2"}),
        ("<sup> 12 </sup>", {"12"}),
        ("deux notes¹ et encore²,", {"1", "2"}),
        ("une surface de 30 m² et 2 km² de parc", set()),
        ("E = mc²", set()),
        ("aucune note ici", set()),
    ],
)
def test_markers_are_found_and_units_are_not(text, markers):
    assert markers_in(text) == markers
