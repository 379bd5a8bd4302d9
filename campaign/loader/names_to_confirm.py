"""Loads campaign/content/names_to_confirm.yaml: the names staff must confirm before launch (see
campaign.publishing.names_to_confirm). Loading again updates the wording and never undoes a confirmation."""

from campaign.loader.reader import read_file
from campaign.models import NameToConfirm

FILE = "names_to_confirm.yaml"


def names_to_confirm() -> list[dict]:
    data = read_file(FILE)
    names = []
    for entry in data.entries("names"):
        names.append(
            {
                "key": entry.text("key", max_length=80),
                "name": entry.text("name", max_length=255),
                "doubt": entry.text("doubt"),
                "where": entry.text("where", max_length=255),
            }
        )
    keys = [name["key"] for name in names]
    data.check(len(keys) == len(set(keys)), "names", "each key must be unique")
    return names


def load_names_to_confirm() -> None:
    for name in names_to_confirm():
        NameToConfirm.objects.update_or_create(key=name.pop("key"), defaults=name)
