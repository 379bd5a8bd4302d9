"""Site-wide data the frontend shows on every page: name, menus, social links, contact, privacy page."""

import strawberry
from wagtail.models import Locale

from campaign.catalogue.snippets import localized
from campaign.i18n.localization import in_locale
from campaign.models import NavigationMenu, SiteSettings
from campaign.text.hashtags import split_hashtags
from campaign.text.rich_text import page_urls

from ..cost import sized
from .common import Link


@strawberry.type(description="A menu entry; its url is a frontend path in the requested locale, or an external URL.")
class MenuItem:
    title: str
    url: str
    children: list["MenuItem"] = strawberry.field(directives=sized(10))


@strawberry.type(description="One of the campaign's social accounts.")
class SocialLink:
    network: str = strawberry.field(description="x, facebook, instagram, linkedin, youtube, mastodon or bluesky.")
    url: str


@strawberry.type(description="Site-wide settings, localized like pages.")
class Site:
    name: str
    locale: str
    main_menu: list[MenuItem] = strawberry.field(directives=sized(10))
    footer_menu: list[MenuItem] = strawberry.field(directives=sized(10))
    social_links: list[SocialLink] = strawberry.field(directives=sized(10))
    hashtags: list[str] = strawberry.field(directives=sized(10))
    contact_email: str | None
    privacy_page: Link | None


def menu_items(handle: str, locale: Locale) -> list[MenuItem]:
    menu = localized(NavigationMenu.objects.filter(handle=handle), locale)
    if menu is None:
        return []
    values = [block.value for block in menu.items]
    linked = [value["page"].pk for item in values for value in (item, *item["children"]) if value["page"]]
    urls = page_urls(linked, locale)

    def url_of(value) -> str | None:
        return urls.get(value["page"].pk) if value["page"] else value["url"]

    items = []
    for item in values:
        children = [MenuItem(title=c["title"], url=url_of(c), children=[]) for c in item["children"] if url_of(c)]
        if url_of(item):
            items.append(MenuItem(title=item["title"], url=url_of(item), children=children))
    return items


def site_for(locale: Locale) -> Site:
    settings = localized(SiteSettings.objects.all(), locale)
    privacy = in_locale([settings.privacy_page], locale) if settings and settings.privacy_page else []
    return Site(
        name=settings.site_name if settings else "",
        locale=locale.language_code,
        main_menu=menu_items("main", locale),
        footer_menu=menu_items("footer", locale),
        social_links=[SocialLink(network=b.value["network"], url=b.value["url"]) for b in settings.social_links]
        if settings
        else [],
        hashtags=split_hashtags(settings.hashtags) if settings else [],
        contact_email=(settings.contact_email or None) if settings else None,
        privacy_page=Link(title=privacy[0].content.title, url=privacy[0].url) if privacy else None,
    )
