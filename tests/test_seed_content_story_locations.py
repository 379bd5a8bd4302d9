"""No story has an invented location: every city a story names, or the words that give its national, regional or
global scope, is printed in the source lines the story cites (campaign/content/sources/), or in the entity header
just above them (NAME, country, mayor)."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from campaign.text.plain import folded

CONTENT = Path(settings.BASE_DIR) / "campaign" / "content"
HEADER_LINES = 8  # an entity's header (name, country, "Maire:") sits at most this far above its "TITRE:" line


def stories() -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((CONTENT / "stories").glob("*.yaml"))]


def cited_text(source: dict) -> str:
    lines = (CONTENT / "sources" / f"{source['document']}.txt").read_text(encoding="utf-8").split("\n")
    parts = []
    for span in str(source["lines"]).split(","):
        start, _, end = span.strip().partition("-")
        first, last = int(start), int(end or start)
        parts.append("\n".join(lines[max(first - 1 - HEADER_LINES, 0) : last]))
    return folded(" ".join(" ".join(parts).split()))


def places(story: dict) -> list[str]:
    """What the source must print: each city's name as printed, or the scope's evidence."""
    scope = story.get("scope")
    if scope:
        return [scope["evidence"]]
    return [city.get("source_name") or city["name"] for city in story["cities"]]


@pytest.mark.parametrize("story", stories(), ids=lambda story: story["slug"])
def test_every_place_of_a_story_is_printed_in_its_source(story):
    text = cited_text(story["source"])
    missing = [place for place in places(story) if folded(place) not in text]
    assert places(story), f"{story['slug']} names neither a city nor a scope"
    assert not missing, f"{story['slug']}: {missing} not in {story['source']}"


@pytest.mark.parametrize("story", stories(), ids=lambda story: story["slug"])
def test_a_story_with_a_scope_has_no_city(story):
    assert not (story.get("scope") and story["cities"]), f"{story['slug']} has a scope and cities"


def test_the_check_finds_a_city_the_source_does_not_print():
    amman = next(story for story in stories() if story["slug"] == "amman-academie-climat-enfants")
    invented = {**amman, "cities": [{**amman["cities"][0], "name": "Londres"}]}
    text = cited_text(invented["source"])
    assert folded("Amman") in text
    assert folded("Londres") not in text
