"""The /graphql/ endpoint: queries by GET (cacheable) or POST, mutations by POST only; bounded request bodies."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from .schema import schema


def error_response(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status=status)


class CampaignGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        limit = settings.GRAPHQL_MAX_BODY_BYTES
        too_large = error_response(f"The request body is larger than {limit} bytes.", "REQUEST_TOO_LARGE", 413)
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            return too_large
        try:
            return super().dispatch(request, *args, **kwargs)
        except RequestDataTooBig:
            return too_large


graphql_view = csrf_exempt(
    CampaignGraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.GRAPHIQL else None)
)
