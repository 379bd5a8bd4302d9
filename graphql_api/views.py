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
            response = super().dispatch(request, *args, **kwargs)
        except RequestDataTooBig:
            return too_large
        return coded(response)


def coded(response):
    """strawberry answers a request it cannot read (not JSON, no query, a mutation by GET) in plain text; the
    frontend gets the same JSON error shape as everywhere else."""
    if response.status_code == 400 and response.get("Content-Type", "").startswith("text/plain"):
        return error_response(response.content.decode(), "BAD_REQUEST", 400)
    return response


graphql_view = csrf_exempt(
    CampaignGraphQLView.as_view(
        schema=schema,
        graphql_ide="graphiql" if settings.GRAPHIQL else None,
        # For an endorser's logo. The endpoint uses no cookies, so a forged cross-site upload gains nothing.
        multipart_uploads_enabled=True,
    )
)
