"""List windows: `limit` is clamped to the public maximum; negative values are an error, not an empty list."""

from django.conf import settings

from .errors import ApiError


def page_window(limit: int, offset: int) -> tuple[int, int]:
    if offset < 0 or limit < 0:
        raise ApiError("limit and offset must be zero or more.", "INVALID_INPUT")
    return min(limit, settings.GRAPHQL_MAX_LIST_LIMIT), offset
