"""Hashtags are stored as one space-separated string: short, editable in one field, validated here."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HASHTAG = re.compile(r"^#\w+$")


def split_hashtags(value: str) -> list[str]:
    return value.split()


def validate_hashtags(value: str) -> None:
    invalid = [tag for tag in split_hashtags(value) if not HASHTAG.match(tag)]
    if invalid:
        raise ValidationError(
            _("Not a hashtag: %(tags)s. Each starts with # and has only letters, digits or _."),
            params={"tags": ", ".join(invalid)},
        )
