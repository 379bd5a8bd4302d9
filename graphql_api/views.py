"""The /graphql/ endpoint: queries by GET (cacheable by a CDN) or POST, mutations by POST only.

Around strawberry's view: bounded request bodies, automatic persisted queries, the response cache, and HTTP
caching headers (Cache-Control, a strong ETag, 304 answers to If-None-Match).
"""

import hashlib
import json

from cross_web import HTTPException
from csp.decorators import csp_exempt
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView
from strawberry.http import GraphQLRequestData

from campaign.text.rich_text import served_at

from . import response_cache
from .persisted_queries import PersistedQueryError, Registration, resolve
from .schema import schema


def error_response(message: str, code: str, status: int) -> JsonResponse:
    response = JsonResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status=status)
    response["Cache-Control"] = "no-store"
    return response


class CampaignGraphQLView(GraphQLView):
    registration: Registration | None = None

    def dispatch(self, request, *args, **kwargs):
        limit = body_limit(request)
        too_large = error_response(f"The request body is larger than {limit} bytes.", "REQUEST_TOO_LARGE", 413)
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            return too_large
        if request.method == "POST" and not origin_allowed(request):
            return error_response("Requests from this site's pages are not accepted.", "FORBIDDEN_ORIGIN", 403)
        try:
            if text_parts_too_large(request):
                return too_large
            key = cached_answer_key(request)
            if key and (body := response_cache.get(key)) is not None:
                return http_caching(request, HttpResponse(body, content_type="application/json"), cacheable=True)
            with served_at(f"{request.scheme}://{request.get_host()}"):
                response = coded(super().dispatch(request, *args, **kwargs))
        except RequestDataTooBig:
            return too_large
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            return error_response("The request is not a valid multipart upload.", "BAD_REQUEST", 400)
        except PersistedQueryError as error:
            return error_response(str(error), error.code, 200)
        if self.registration is not None and answered(response):
            self.registration.register()
        if key and response.status_code == 200 and b'"errors"' not in response.content:
            response_cache.store(key, response.content)
        return http_caching(request, response, cacheable=bool(key))

    @method_decorator(csp_exempt())
    def render_graphql_ide(self, request):
        """GraphiQL (development only unless GRAPHIQL is set) runs inline scripts and loads its code from
        unpkg.com, which the admin's Content Security Policy forbids; its page alone is exempt."""
        return super().render_graphql_ide(request)

    def decode_json(self, data):
        return load_json(data)

    def parse_http_body(self, request):
        """strawberry reads a body's parts as the objects and lists they should be; anything else (a JSON body or
        multipart `operations` that is a number, a `map` that is a list) is the client's error, not ours."""
        try:
            data = super().parse_http_body(request)
        except (AttributeError, TypeError, ValueError, IndexError) as error:
            raise HTTPException(400, "The request body is not a GraphQL request.") from error
        if isinstance(data, list):
            return data
        if not isinstance(data.operation_name, str | None):
            raise HTTPException(400, "The GraphQL operation's `operationName` must be a string or null.")
        data, self.registration = resolve(data)
        return data


def load_json(data: str | bytes):
    """JSON as a client sent it: nested too deeply for Python's decoder, it is invalid JSON like any other."""
    try:
        return json.loads(data)
    except RecursionError:
        raise json.JSONDecodeError("The JSON is nested too deeply.", "", 0) from None


def origin_allowed(request) -> bool:
    """A browser names the page that sends a POST. A multipart POST (an endorsement with its logo) needs no CORS
    preflight, so a page of any site could make a visitor's browser send one: only this server's own pages and
    CORS_ALLOWED_ORIGINS may. Clients that are not browsers send no Origin and are not concerned."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    return origin == own or origin in settings.CORS_ALLOWED_ORIGINS


def text_parts_too_large(request) -> bool:
    """A multipart request's parts that are not files (the operation and its variables) are bounded like a JSON
    body: only the logo file may take the extra room."""
    if request.method != "POST" or request.content_type != "multipart/form-data":
        return False
    return sum(len(value) for _, values in request.POST.lists() for value in values) > settings.GRAPHQL_MAX_BODY_BYTES


def answered(response) -> bool:
    """Whether the operation ran: it parsed, passed validation and the limits (its data is not null)."""
    if response.status_code != 200:
        return False
    try:
        return json.loads(response.content).get("data") is not None
    except (ValueError, AttributeError):
        return False


def body_limit(request) -> int:
    """A multipart request carries an endorser's logo: room for it, and for one up to twice too large, so that an
    oversized logo gets the logo check's localized field error rather than this limit."""
    if request.content_type == "multipart/form-data":
        return settings.GRAPHQL_MAX_BODY_BYTES + 2 * settings.ENDORSEMENT_LOGO_MAX_BYTES
    return settings.GRAPHQL_MAX_BODY_BYTES


def cached_answer_key(request) -> str | None:
    """The response-cache key of a query that may be cached; None for anything else (mutations, preview,
    uploads, unreadable requests: strawberry then answers them, errors included)."""
    data = request_data(request)
    if data is None or not data.query:
        return None
    operation = response_cache.analyse(data.query)
    if not operation.cacheable:
        return None
    return response_cache.cache_key(operation, data.operation_name, data.variables, request.get_host())


def request_data(request) -> GraphQLRequestData | None:
    """The operation a GET or JSON POST request carries (persisted queries resolved), read as strawberry reads it."""
    try:
        if request.method == "GET":
            fields = {name: request.GET.get(name) for name in ("query", "variables", "operationName", "extensions")}
            fields["variables"] = load_json(fields["variables"]) if fields["variables"] else None
            fields["extensions"] = load_json(fields["extensions"]) if fields["extensions"] else None
        elif request.content_type == "application/json":
            fields = load_json(request.body)
        else:
            return None
    except ValueError:
        return None
    if not isinstance(fields, dict) or not isinstance(fields.get("variables") or {}, dict):
        return None
    if not isinstance(fields.get("extensions") or {}, dict) or not isinstance(fields.get("query") or "", str):
        return None
    if not isinstance(fields.get("operationName"), str | None):
        return None
    data = GraphQLRequestData(
        query=fields.get("query"),
        variables=fields.get("variables"),
        operation_name=fields.get("operationName"),
        extensions=fields.get("extensions"),
    )
    resolved, _ = resolve(data)
    return resolved


def coded(response):
    """strawberry answers a request it cannot read (not JSON, no query, a mutation by GET) in plain text; the
    frontend gets the same JSON error shape as everywhere else."""
    if response.status_code == 400 and response.get("Content-Type", "").startswith("text/plain"):
        return error_response(response.content.decode(), "BAD_REQUEST", 400)
    return response


def http_caching(request, response, *, cacheable: bool):
    """A successful query by GET may be kept by browsers and CDNs; anything else (POST, mutations, preview,
    errors) must not be stored anywhere."""
    shareable = (
        cacheable and request.method == "GET" and response.status_code == 200 and b'"errors"' not in response.content
    )
    if not shareable:
        response["Cache-Control"] = "no-store"
        return response
    response["Cache-Control"] = (
        f"public, max-age={settings.GRAPHQL_HTTP_MAX_AGE}, s-maxage={settings.GRAPHQL_HTTP_S_MAXAGE}, "
        f"stale-while-revalidate={settings.GRAPHQL_HTTP_STALE_WHILE_REVALIDATE}"
    )
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    response["Vary"] = "Accept-Encoding"
    if etag_matches(request.headers.get("If-None-Match", ""), response["ETag"]):
        not_modified = HttpResponseNotModified()
        for header in ("Cache-Control", "ETag", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


def etag_matches(if_none_match: str, etag: str) -> bool:
    return any(candidate.strip() in (etag, "*") for candidate in if_none_match.split(","))


graphql_view = csrf_exempt(
    CampaignGraphQLView.as_view(
        schema=schema,
        graphql_ide="graphiql" if settings.GRAPHIQL else None,
        # For an endorser's logo. The endpoint uses no cookies, so a forged cross-site upload gains nothing.
        multipart_uploads_enabled=True,
    )
)
