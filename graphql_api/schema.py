"""The GraphQL schema the frontend builds on (../shared/API-CONTRACT.md). Resolvers are thin: they ask campaign/.

The root `Query` is merged from one part per concern, each in the type module of its concept; the page types come
from the registry (graphql_api.registry), filled by the type modules themselves.
"""

from functools import partial

import strawberry
from django.conf import settings
from strawberry.extensions import DisableIntrospection
from strawberry.tools import merge_types

from .deadline import DeadlineExecutionContext, QuietDeadlineExecutionContext
from .defaults import null_means_default
from .errors import CodedErrors, ErrorCodes, TokenLimit
from .input_bounds import BoundInputs
from .limits import CachedParse, QueryLimits
from .registry import PAGE_TYPES, discover_types
from .types.campaign_page import CampaignQuery
from .types.charter import CharterQuery
from .types.endorsements import EndorsementMutation, EndorsementQuery
from .types.locales import LocaleQuery
from .types.page import PageQuery
from .types.search import SearchQuery
from .types.seo import RedirectQuery, SitemapQuery
from .types.site import SiteQuery
from .types.stories import PriorityQuery
from .types.story_list import StoryListQuery
from .types.timeline import TimelineQuery

# The order of the parts is the order of the fields in the published schema.
QUERY_PARTS = (
    LocaleQuery,
    PageQuery,
    SiteQuery,
    CharterQuery,
    TimelineQuery,
    StoryListQuery,
    PriorityQuery,
    SearchQuery,
    CampaignQuery,
    SitemapQuery,
    EndorsementQuery,
    RedirectQuery,
)
Query = merge_types("Query", QUERY_PARTS)
Mutation = merge_types("Mutation", (EndorsementMutation,))


class CampaignSchema(strawberry.Schema):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        null_means_default(self._schema)

    def process_errors(self, errors, execution_context=None) -> None:
        """Logs only what went wrong on our side (with its traceback): a coded error such as UNKNOWN_LOCALE or a
        validation error is the client's answer, and logging each would bury real failures in the error tracker."""
        super().process_errors([error for error in errors if CodedErrors.is_unexpected(error)], execution_context)


def build_schema(*, introspection: bool) -> strawberry.Schema:
    """The public limits answer QUERY_TOO_COMPLEX; introspection is off in production unless a setting allows it,
    and so are the validation's suggestions of names (they would reveal the schema too)."""
    # Factories, not instances: each request gets fresh extensions (they keep per-operation state).
    extensions = [
        CodedErrors,
        ErrorCodes,
        BoundInputs,
        partial(TokenLimit, max_token_count=settings.GRAPHQL_MAX_TOKENS),
        CachedParse,
        partial(QueryLimits, hide_suggestions=not introspection),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    discover_types()
    return CampaignSchema(
        query=Query,
        mutation=Mutation,
        types=list(PAGE_TYPES.values()),
        extensions=extensions,
        execution_context_class=DeadlineExecutionContext if introspection else QuietDeadlineExecutionContext,
    )


schema = build_schema(introspection=settings.GRAPHQL_PUBLIC_INTROSPECTION)
