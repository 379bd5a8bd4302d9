"""Reads content files and checks the shape of each entry before anything is written."""

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from campaign.loader.errors import ContentError


def content_dir() -> Path:
    """settings.CAMPAIGN_CONTENT_DIR: campaign/content/ unless the environment says otherwise (tests use a copy)."""
    return Path(settings.CAMPAIGN_CONTENT_DIR)


class Entry:
    """A mapping read from a content file, that knows where it came from for error messages."""

    def __init__(self, data: Any, where: str):
        if not isinstance(data, dict):
            raise ContentError(where, f"expected a mapping of fields, found {type(data).__name__}")
        self.data = data
        self.where = where

    def _get(self, field: str, kind: type | tuple, *, required: bool = True):
        if field not in self.data or self.data[field] is None:
            if required:
                raise ContentError(f"{self.where} › {field}", "required field is missing")
            return None
        value = self.data[field]
        if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise ContentError(f"{self.where} › {field}", f"expected {names}, found {type(value).__name__}")
        return value

    def text(self, field: str, *, required: bool = True, max_length: int | None = None) -> str:
        value = self._get(field, str, required=required) or ""
        if required and not value.strip():
            raise ContentError(f"{self.where} › {field}", "must not be empty")
        if max_length and len(value) > max_length:
            raise ContentError(f"{self.where} › {field}", f"at most {max_length} characters, found {len(value)}")
        return value.strip()

    def integer(self, field: str, *, required: bool = True, low: int | None = None, high: int | None = None):
        value = self._get(field, int, required=required)
        if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
            raise ContentError(f"{self.where} › {field}", f"must be between {low} and {high}, found {value}")
        return value

    def number(self, field: str, *, low: float, high: float) -> float:
        value = self._get(field, (int, float))
        if not low <= value <= high:
            raise ContentError(f"{self.where} › {field}", f"must be between {low} and {high}, found {value}")
        return value

    def boolean(self, field: str) -> bool:
        return bool(self._get(field, bool, required=False))

    def items(self, field: str, *, required: bool = True, count: int | None = None) -> list:
        value = self._get(field, list, required=required) or []
        if count is not None and len(value) != count:
            raise ContentError(f"{self.where} › {field}", f"expected exactly {count} items, found {len(value)}")
        return value

    def entries(self, field: str, *, required: bool = True, count: int | None = None) -> list["Entry"]:
        return [
            Entry(item, f"{self.where} › {field}[{index}]")
            for index, item in enumerate(self.items(field, required=required, count=count))
        ]

    def entry(self, field: str, *, required: bool = True) -> "Entry | None":
        value = self._get(field, dict, required=required)
        return Entry(value, f"{self.where} › {field}") if value is not None else None

    def texts(self, field: str, *, required: bool = True, count: int | None = None) -> list[str]:
        values = self.items(field, required=required, count=count)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise ContentError(f"{self.where} › {field}[{index}]", "expected a non-empty text")
        return [value.strip() for value in values]

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            raise ContentError(f"{self.where} › {field}", message)


def read_file(relative: str) -> Entry:
    path = content_dir() / relative
    if not path.exists():
        raise ContentError(relative, "file is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError(relative, f"not valid YAML: {error}") from error
    return Entry(data, relative)


def read_directory(relative: str) -> list[Entry]:
    folder = content_dir() / relative
    return [read_file(f"{relative}/{path.name}") for path in sorted(folder.glob("*.yaml"))]
