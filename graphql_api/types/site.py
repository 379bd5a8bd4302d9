"""Site-wide data the frontend shows on every page: name, menus, social links, contact, privacy page."""

import strawberry
from wagtail.models import Locale

from campaign import blocks as campaign_blocks
from campaign.catalogue.site_facts import fact_html, sentence_html
from campaign.catalogue.snippets import localized
from campaign.i18n.localization import in_locale
from campaign.models import NavigationMenu, SiteSettings
from campaign.text.hashtags import split_hashtags

from ..cost import sized
from ..registry import builds_block
from ..request_cache import cached
from .blocks import ParagraphBlock, StreamContext, stream_nodes
from .common import Link, code_enum, known_code
from .locales import requested_locale


@strawberry.type(description="A menu entry; its url is a frontend path in the requested locale, or an external URL.")
class MenuItem:
    title: str
    url: str
    children: list["MenuItem"] = strawberry.field(directives=sized(10))


@builds_block(campaign_blocks.MenuItemBlock)
def menu_item(child, context: StreamContext) -> MenuItem | None:
    """Nothing for an entry whose page is not visible; its sub-entries likewise."""
    url = context.url_of(child.value)
    if not url:
        return None
    children = [
        MenuItem(title=sub["title"], url=context.url_of(sub), children=[])
        for sub in child.value["children"]
        if context.url_of(sub)
    ]
    return MenuItem(title=child.value["title"], url=url, children=children)


SocialNetwork = code_enum(
    "SocialNetwork",
    [code for code, _ in campaign_blocks.SOCIAL_NETWORKS],
    "A social network the campaign has an account on (the editors' choices).",
)


@strawberry.type(description="One of the campaign's social accounts.")
class SocialLink:
    network: SocialNetwork
    url: str


@builds_block(campaign_blocks.SocialLinkBlock)
def social_link(child, context: StreamContext) -> SocialLink | None:
    """Nothing for a network editors can no longer choose."""
    network = known_code(SocialNetwork, child.value["network"])
    return SocialLink(network=network, url=child.value["url"]) if network else None


@strawberry.type(description="Site-wide settings, localized like pages.")
class Site:
    name: str
    locale: str
    main_menu: list[MenuItem] = strawberry.field(directives=sized(10))
    footer_menu: list[MenuItem] = strawberry.field(directives=sized(10))
    social_links: list[SocialLink] = strawberry.field(directives=sized(10))
    hashtags: list[str] = strawberry.field(directives=sized(10))
    contact_email: str | None = strawberry.field(description="The public contact address; null until staff fill it.")
    hosting: str | None = strawberry.field(
        description="Who hosts the site (legal notice), in the requested language; null until staff fill it."
    )
    privacy_page: Link | None


def site_settings(info: strawberry.Info, locale: Locale) -> SiteSettings | None:
    rows = SiteSettings.objects.select_related("share_image")
    return cached(info, ("site_settings", locale.pk), lambda: localized(rows, locale))


def default_image(info: strawberry.Info, locale: Locale):
    """The language's default share image (site settings): for pages without their own, and stories without a cover."""
    settings = site_settings(info, locale)
    return settings.share_image if settings else None


@builds_block(campaign_blocks.SiteFactSentenceBlock)
def site_fact(child, context: StreamContext) -> ParagraphBlock | None:
    """A paragraph with the setting filled in; nothing while the setting is empty."""
    html = sentence_html(
        child.value["text"], fact_html(site_settings(context.info, context.locale), child.value["fact"])
    )
    return ParagraphBlock(id=child.id, html=html) if html else None


def menu_items(info: strawberry.Info, handle: str, locale: Locale) -> list[MenuItem]:
    menu = localized(NavigationMenu.objects.filter(handle=handle), locale)
    return stream_nodes(info, menu.items, locale) if menu else []


def site_for(info: strawberry.Info, locale: Locale) -> Site:
    settings = site_settings(info, locale)
    privacy = in_locale([settings.privacy_page], locale) if settings and settings.privacy_page else []
    return Site(
        name=settings.site_name if settings else "",
        locale=locale.language_code,
        main_menu=menu_items(info, "main", locale),
        footer_menu=menu_items(info, "footer", locale),
        social_links=stream_nodes(info, settings.social_links, locale) if settings else [],
        hashtags=split_hashtags(settings.hashtags) if settings else [],
        contact_email=(settings.contact_email or None) if settings else None,
        hosting=(settings.hosting or None) if settings else None,
        privacy_page=Link(title=privacy[0].content.title, url=privacy[0].url) if privacy else None,
    )


@strawberry.type
class SiteQuery:
    @strawberry.field(description="Site name, menus, social links, hashtags, contact and privacy page, localized.")
    def site(self, info: strawberry.Info, locale: str | None = None) -> Site:
        return site_for(info, requested_locale(locale))
