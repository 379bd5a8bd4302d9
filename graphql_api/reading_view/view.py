"""The reading view: the admin's preview of a page, rendered here from what the API answers for the draft.

Editors preview in the real frontend when one runs. Without it (`make demo`, a frontend being deployed or down)
the preview panel would show a broken page; the reading view shows the draft instead, from the same `preview`
query the frontend sends, so what an editor reads is what the API serves: its blocks, its pictures through the
allowed renditions, its language and the fallback notice of a translation still in progress.
"""

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import camel_case_to_spaces, capfirst
from django.utils.translation import get_language_info
from strawberry.django.context import StrawberryDjangoContext
from strawberry.django.views import TemporalHttpResponse
from wagtail.models import Page

from campaign.models import EndorsePage
from campaign.publishing.preview import create_preview
from campaign.text.rich_text import served_at

from ..registry import page_type_for
from ..schema import schema
from .document import reading_document
from .render import body

# No script at all, pictures from this server (and its media storage), the campaign's inline styles.
POLICY = "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'"


def reading_view(request: HttpRequest, page: Page, *, notice: str = "") -> HttpResponse:
    """The draft `page` as the API serves it; `notice` says why this view shows instead of the frontend."""
    language = page.locale.language_code
    answer = ask_api(request, page, language)
    data = answer.data or None
    with translation.override(language):
        html = render_to_string(
            "graphql_api/reading_view.html",
            {
                "language": language,
                "bidi": get_language_info(language)["bidi"],
                "page": data and data["preview"],
                "form": data and data.get("endorsementForm"),
                "body": body(data["preview"], labeller(page)) if data else "",
                "errors": [error.message for error in answer.errors or ()],
                "notice": notice,
            },
        )
    response = HttpResponse(html)
    response["Content-Security-Policy"] = POLICY
    return response


def ask_api(request: HttpRequest, page: Page, language: str):
    type_name = page_type_for(type(page)).__strawberry_definition__.name
    document = reading_document(schema._schema, type_name, with_endorsement_form=isinstance(page, EndorsePage))
    context = StrawberryDjangoContext(request=request, response=TemporalHttpResponse())
    with served_at(f"{request.scheme}://{request.get_host()}"):
        return schema.execute_sync(
            document, variable_values={"token": create_preview(page), "locale": language}, context_value=context
        )


def labeller(page: Page):
    """A detail's label: the model field's own name (translated) when the API field mirrors one, else its words."""

    def label(name: str) -> str:
        snake = camel_case_to_spaces(name).replace(" ", "_")
        try:
            field = page._meta.get_field(snake)
        except FieldDoesNotExist:
            return capfirst(snake.replace("_", " "))
        return capfirst(getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural)

    return label
