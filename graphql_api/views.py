"""The /graphql/ endpoint, as the GraphQL-over-HTTP specification has it: queries by GET (cacheable by a CDN) or
POST, mutations by POST only.

Around strawberry's view: the answer's media type (application/graphql-response+json or application/json, by the
client's Accept) and with it the status codes, well-formed requests only, bounded request bodies, automatic
persisted queries, the response cache, and HTTP caching headers (Cache-Control, a strong ETag, 304 answers to
If-None-Match, Vary). The API's language is an argument of its fields, never the browser's, and it has no
session: see `public_answer` below and cms.middleware.
"""

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from cross_web import HTTPException
from csp.decorators import csp_exempt
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseNotModified
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError

from campaign.text.rich_text import served_at

from . import response_cache
from .operation_choice import UnresolvedOperation, check_operation
from .persisted_queries import PersistedQueryError, Registration, resolve
from .schema import schema

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
# What each media type's Content-Type says: the specification asks for the encoding; application/json defines no
# charset parameter (RFC 8259: it is always UTF-8).
CONTENT_TYPES = {JSON: JSON, GRAPHQL_RESPONSE: f"{GRAPHQL_RESPONSE}; charset=utf-8"}
METHODS = ("GET", "POST")
# Errors of ours that are answers about an execution, not refusals before it: the operation was run (or was about
# to be, when an unexpected exception masked as INTERNAL_ERROR stopped it) and its data is null.
EXECUTION_FAILURES = {"INTERNAL_ERROR", "TIMEOUT"}
STATUS_CODES = {
    400: "BAD_REQUEST",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "REQUEST_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


class Refusal(Exception):
    """A request the endpoint does not execute: it is not a well-formed GraphQL-over-HTTP request, or one this
    server will not take (too large, from another site's page, a mutation by GET). A 4xx with one coded error."""

    def __init__(self, status: int, message: str, *, code: str | None = None, allow: tuple[str, ...] = ()):
        super().__init__(message)
        self.status = status
        self.code = code or STATUS_CODES[status]
        self.allow = allow

    @property
    def body(self) -> dict:
        return {"errors": [{"message": str(self), "extensions": {"code": self.code}}]}


def too_large(limit: int) -> Refusal:
    return Refusal(413, f"The request body is larger than {limit} bytes.")


class CampaignGraphQLView(GraphQLView):
    # Per request (Django makes one view instance for each): the answer's media type, the operation as read
    # (a GET or JSON body; strawberry reads multipart uploads itself), its response-cache key, and what its result was.
    media_type: str | None = JSON
    operation: GraphQLRequestData | None = None
    cache_key: str | None = None
    registration: Registration | None = None
    request_error = False
    answered = False

    def dispatch(self, request, *args, **kwargs):
        if self.should_render_graphql_ide(self.request_adapter_class(request)):
            return self.render_graphql_ide(request)
        self.media_type = response_media_type(request.headers.get("Accept"))
        try:
            response = self.answer(request)
        except Refusal as refusal:
            response = self.respond(refusal.body, refused=refusal)
        return http_caching(request, response, cacheable=bool(self.cache_key))

    def answer(self, request):
        if request.method not in METHODS:
            raise Refusal(405, f"{request.method} is not a method of this endpoint: use GET or POST.", allow=METHODS)
        if self.media_type is None:
            raise Refusal(406, f"This endpoint answers {GRAPHQL_RESPONSE} or {JSON}; the Accept header takes neither.")
        limit = body_limit(request)
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            raise too_large(limit)
        if request.method == "POST" and not origin_allowed(request):
            raise Refusal(403, "Requests from this site's pages are not accepted.", code="FORBIDDEN_ORIGIN")
        try:
            if text_parts_too_large(request):
                raise too_large(limit)
            self.operation, self.registration = read_operation(request)
            self.cache_key = cached_answer_key(self.operation, request.get_host())
            if self.cache_key and (body := response_cache.get(self.cache_key)) is not None:
                return self.respond(body)
            with served_at(f"{request.scheme}://{request.get_host()}"):
                response = self.run(request)
        except RequestDataTooBig:
            raise too_large(limit) from None
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            raise Refusal(400, "The request is not a valid multipart upload.") from None
        except (PersistedQueryError, UnresolvedOperation) as error:
            return self.request_error_response(str(error), error.code)
        except HTTPException as error:
            raise strawberry_refusal(error) from error
        if self.registration is not None and self.answered:
            self.registration.register()
        if self.cache_key and response.status_code == 200 and b'"errors"' not in response.content:
            response_cache.store(self.cache_key, response.content)
        return response

    def request_error_response(self, message: str, code: str) -> HttpResponse:
        """A GraphQL request error found outside graphql-core: a persisted document that is not known, no
        operation of the document chosen (graphql_api.operation_choice)."""
        self.request_error = True
        return self.respond({"errors": [{"message": message, "extensions": {"code": code}}]})

    def respond(self, body: dict | bytes, *, refused: Refusal | None = None) -> HttpResponse:
        """Every answer leaves through here, where its content type and status are decided (the specification's
        "Body" and "Status Codes"): the negotiated media type; a refused request its 4xx; a GraphQL request error
        (nothing was executed: the document did not parse or validate, its variables did not coerce, its
        operation or persisted document was not found) 400 without `data` in application/graphql-response+json,
        and 200 in application/json, as legacy clients expect; an executed operation 200, with its errors (a
        field's, TIMEOUT, INTERNAL_ERROR) in the body and its `data` partial or null."""
        media_type = self.media_type or JSON
        status = 200
        if refused is not None:
            status = refused.status
        elif self.request_error and media_type == GRAPHQL_RESPONSE:
            status = 400
            body = {name: value for name, value in body.items() if name != "data"}
        content = body if isinstance(body, bytes) else self.encode_json(body)
        response = HttpResponse(content, status=status, content_type=CONTENT_TYPES[media_type])
        if refused is not None and refused.allow:
            response["Allow"] = ", ".join(refused.allow)
        return response

    def process_result(self, request, result):
        self.request_error = is_request_error(result)
        self.answered = result.data is not None
        return super().process_result(request, result)

    def create_response(self, response_data, sub_response):
        return self.respond(response_data)

    def should_render_graphql_ide(self, request) -> bool:
        """GraphiQL (when it is on) for a browser's GET that carries no operation: a persisted query's GET has
        no `query` either, and is answered like any other."""
        return (
            bool(self.graphql_ide)
            and super().should_render_graphql_ide(request)
            and request.query_params.get("extensions") is None
        )

    @method_decorator(csp_exempt())
    def render_graphql_ide(self, request):
        """GraphiQL (development only unless GRAPHIQL is set) runs inline scripts and loads its code from
        unpkg.com, which the admin's Content Security Policy forbids; its page alone is exempt."""
        return super().render_graphql_ide(request)

    def decode_json(self, data):
        return load_json(data)

    def parse_http_body(self, request):
        """A GET or JSON request was read (and checked) before the response cache was asked; strawberry reads a
        multipart upload's parts as the objects and lists they should be: anything else (`operations` that is a
        number, a `map` that is a list) is the client's error, not ours."""
        if self.operation is not None:
            return self.operation
        try:
            data = super().parse_http_body(request)
        except (AttributeError, TypeError, ValueError, IndexError) as error:
            raise HTTPException(400, "The request body is not a GraphQL request.") from error
        if isinstance(data, list):
            raise HTTPException(400, "One operation per request: batches are not accepted.")
        if not isinstance(data.operation_name, str | None):
            raise HTTPException(400, "The GraphQL operation's `operationName` must be a string or null.")
        data, self.registration = resolve(data)
        check_operation(data.query, data.operation_name)
        return data


def strawberry_refusal(error: HTTPException) -> Refusal:
    """strawberry's refusals, coded like ours. A mutation sent by GET is a 405 that names the method to use (the
    specification's MUST)."""
    if isinstance(error.__cause__, InvalidOperationTypeError):
        return Refusal(405, "Mutations are sent by POST, never by GET.", allow=("POST",))
    return Refusal(error.status_code if error.status_code in STATUS_CODES else 400, error.reason)


def load_json(data: str | bytes):
    """JSON as a client sent it: nested too deeply for Python's decoder, it is invalid JSON like any other."""
    try:
        return json.loads(data)
    except RecursionError:
        raise json.JSONDecodeError("The JSON is nested too deeply.", "", 0) from None


def read_operation(request) -> tuple[GraphQLRequestData | None, Registration | None]:
    """The operation of a GET or JSON POST request, its persisted document looked up, and what to register once
    it is answered; (None, None) for a multipart upload, which strawberry reads. Anything that is not a
    well-formed GraphQL-over-HTTP request (the specification's "Request Parameters") is refused with a 400: a
    body or a `variables` or `extensions` parameter that is not a JSON object, a `query` that is not a string or
    is missing, an `operationName` that is not a string. Raises PersistedQueryError for an unknown hash, and
    UnresolvedOperation when the document has no operation to run for its `operationName`."""
    if request.method == "GET":
        fields = {name: request.GET.get(name) for name in ("query", "variables", "operationName", "extensions")}
        for name in ("variables", "extensions"):
            fields[name] = parsed_json(fields[name], f"The `{name}` parameter") if fields[name] else None
    elif request.content_type == "multipart/form-data":
        return None, None
    elif request.content_type == "application/json":
        fields = parsed_json(request.body, "The request body")
        if not isinstance(fields, dict):
            raise Refusal(400, "The request body must be a JSON object: one operation per request.")
    else:
        raise Refusal(415, f"A POST request's body is {JSON} (or multipart/form-data for an upload).")
    for name in ("variables", "extensions"):
        if not isinstance(fields.get(name), dict | None):
            raise Refusal(400, f"The `{name}` parameter must be a JSON object (a map), or null.")
    if not isinstance(fields.get("query"), str | None):
        raise Refusal(400, "The `query` parameter must be a string: a GraphQL document.")
    if not isinstance(fields.get("operationName"), str | None):
        raise Refusal(400, "The `operationName` parameter must be a string, or null.")
    data, registration = resolve(
        GraphQLRequestData(
            query=fields.get("query"),
            variables=fields.get("variables"),
            operation_name=fields.get("operationName") or None,
            extensions=fields.get("extensions"),
        )
    )
    if not data.query:
        raise Refusal(400, "The request has no `query`: a GraphQL document is required.")
    check_operation(data.query, data.operation_name)
    return data, registration


def parsed_json(text: str | bytes, what: str):
    try:
        return load_json(text)
    except ValueError:
        raise Refusal(400, f"{what} is not valid JSON.") from None


def is_request_error(result) -> bool:
    """Whether the result is a GraphQL request error, raised before execution (the document did not parse or
    validate, or its variables did not coerce): no data, and no error that a field raised (those have a path).
    Our own failures are not: they answer an execution (EXECUTION_FAILURES)."""
    errors = result.errors or []
    return (
        result.data is None
        and bool(errors)
        and not any(error.path for error in errors)
        and not any((error.extensions or {}).get("code") in EXECUTION_FAILURES for error in errors)
    )


def response_media_type(accept: str | None) -> str | None:
    """The answer's media type, by the client's Accept (RFC 9110): of application/graphql-response+json and
    application/json, the one it ranks highest (q, then a type named outright over a wildcard, then the first
    listed); application/json without an Accept header or when a wildcard alone matches both, as the
    specification's legacy watershed says; None when the client accepts neither (406)."""
    if not (accept or "").strip():
        return JSON
    ranges = list(media_ranges(accept))
    ranked = [(rank, media_type) for media_type in (JSON, GRAPHQL_RESPONSE) if (rank := preference(media_type, ranges))]
    ranked = [(rank, media_type) for rank, media_type in ranked if rank[0] > 0]
    if not ranked:
        return None
    return max(ranked, key=lambda ranked_type: ranked_type[0])[1]


def media_ranges(accept: str):
    """(media range, q, position) for each range of an Accept header."""
    for position, item in enumerate(accept.split(",")):
        media_range, *parameters = item.split(";")
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        yield media_range.strip().lower(), quality, position


def preference(media_type: str, ranges) -> tuple[float, int, int] | None:
    """How much the client wants `media_type`: the most specific range that matches it decides its q."""
    specificity = {media_type: 2, media_type.split("/")[0] + "/*": 1, "*/*": 0}
    matches = [(quality, specificity[found], -position) for found, quality, position in ranges if found in specificity]
    return max(matches, key=lambda match: match[1], default=None)


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


def body_limit(request) -> int:
    """A multipart request carries an endorser's logo: room for it, and for one up to twice too large, so that an
    oversized logo gets the logo check's localized field error rather than this limit."""
    if request.content_type == "multipart/form-data":
        return settings.GRAPHQL_MAX_BODY_BYTES + 2 * settings.ENDORSEMENT_LOGO_MAX_BYTES
    return settings.GRAPHQL_MAX_BODY_BYTES


def cached_answer_key(data: GraphQLRequestData | None, host: str) -> str | None:
    """The response-cache key of a query that may be cached; None for anything else (mutations, preview,
    uploads)."""
    if data is None:
        return None
    operation = response_cache.analyse(data.query)
    if not operation.cacheable:
        return None
    return response_cache.cache_key(operation, data.operation_name, data.variables, host)


def http_caching(request, response, *, cacheable: bool):
    """A successful query by GET may be kept by browsers and CDNs; anything else (POST, mutations, preview,
    errors, refusals) must not be stored anywhere. Every answer varies with Accept (its media type, hence its
    status) and Accept-Encoding, and with nothing else of ours: not the browser's language (the API's is an
    argument) nor its cookies. The ETag is the representation's: its media type and its bytes."""
    patch_vary_headers(response, ("Accept", "Accept-Encoding"))
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
    representation = response["Content-Type"].encode() + b"\n" + response.content
    response["ETag"] = f'"{hashlib.sha256(representation).hexdigest()[:40]}"'
    if etag_matches(request.headers.get("If-None-Match", ""), response["ETag"]):
        not_modified = HttpResponseNotModified()
        for header in ("Cache-Control", "ETag", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


def etag_matches(if_none_match: str, etag: str) -> bool:
    return any(candidate.strip() in (etag, "*") for candidate in if_none_match.split(","))


def public_answer(view):
    """Marks a view whose answer is the same for every visitor: its language is chosen by its arguments (each
    field's `locale:`), never by the browser's Accept-Language or language cookie, and it reads no session.
    cms.middleware then runs it in the default language and adds neither `Vary: Accept-Language`,
    `Content-Language`, `Vary: Cookie` nor a `Set-Cookie` deleting a stale session cookie. Django's CSRF middleware
    would replace a malformed CSRF cookie on the way out (`Set-Cookie`, `Vary: Cookie`): the answer leaves that to
    the admin's next page."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response

    answer.public_answer = True
    return answer


def graphql_endpoint(api_schema) -> Callable:
    """The endpoint's view over a schema: cms.urls serves it over the public schema."""
    return public_answer(
        csrf_exempt(
            CampaignGraphQLView.as_view(
                schema=api_schema,
                graphql_ide="graphiql" if settings.GRAPHIQL else None,
                # For an endorser's logo. The endpoint uses no cookies, so a forged cross-site upload gains nothing.
                multipart_uploads_enabled=True,
            )
        )
    )


graphql_view = graphql_endpoint(schema)
