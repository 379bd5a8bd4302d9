"""The GraphQL schema the frontend builds on (see ../shared/API-CONTRACT.md)."""

import strawberry
from django.conf import settings
from wagtail.models import Locale as WagtailLocale


@strawberry.type(description="A language the site is published in.")
class Locale:
    code: str = strawberry.field(description="Language code, used as the `locale` argument and URL prefix: fr, en, es.")
    name: str = strawberry.field(description="The language's name in itself: Français, English, Español.")
    is_default: bool = strawberry.field(description="True for the source language (French), served when none is asked.")


def list_locales() -> list[Locale]:
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return [
        Locale(
            code=locale.language_code,
            name=names.get(locale.language_code, locale.language_code),
            is_default=locale.language_code == settings.LANGUAGE_CODE,
        )
        for locale in WagtailLocale.objects.order_by("pk")
    ]


@strawberry.type
class Query:
    @strawberry.field(description="The languages the site is published in, the default one first.")
    def locales(self) -> list[Locale]:
        return sorted(list_locales(), key=lambda locale: not locale.is_default)


schema = strawberry.Schema(query=Query)
