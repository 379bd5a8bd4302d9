"""The languages of the site, and the `locale` argument every localized field takes."""

import strawberry
from django.conf import settings
from wagtail.models import Locale as WagtailLocale

from campaign.i18n.localization import ServedPage, UnknownLocale, get_locale, section

from ..cost import sized
from ..errors import ApiError


@strawberry.type(description="A language the site is published in.")
class Locale:
    code: str = strawberry.field(
        description="Language code, used as the `locale` argument and URL prefix, e.g. fr, en, es: whichever "
        "locales the site has."
    )
    name: str = strawberry.field(description="The language's name in itself, e.g. Français, English, Español.")
    is_default: bool = strawberry.field(description="True for the source language (French), served when none is asked.")


def requested_locale(code: str | None) -> WagtailLocale:
    try:
        return get_locale(code)
    except UnknownLocale as error:
        raise ApiError(str(error), "UNKNOWN_LOCALE") from None


def required_section(model, locale_code: str | None) -> ServedPage:
    """The one section page of `model` (the charter, the campaign) in the requested locale, or NOT_FOUND."""
    served = section(model, requested_locale(locale_code))
    if served is None:
        raise ApiError(f"No published {model._meta.verbose_name} in this locale.", "NOT_FOUND")
    return served


@strawberry.type
class LocaleQuery:
    @strawberry.field(
        description="The languages the site is published in, the default one first.", directives=sized(10)
    )
    def locales(self) -> list[Locale]:
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        locales = [
            Locale(
                code=locale.language_code,
                name=names.get(locale.language_code, locale.language_code),
                is_default=locale.language_code == settings.LANGUAGE_CODE,
            )
            for locale in WagtailLocale.objects.order_by("pk")
        ]
        return sorted(locales, key=lambda locale: not locale.is_default)
