"""Per-request memo of lookups shared by many fields (localized taxonomies, the story catalogue, translations),
so that a list of 50 stories costs the same queries as a list of 5."""

from collections.abc import Callable
from typing import Any

import strawberry


def cached(info: strawberry.Info, key: tuple, compute: Callable[[], Any]) -> Any:
    request = getattr(info.context, "request", None)
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_campaign_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]
