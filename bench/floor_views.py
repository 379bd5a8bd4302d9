"""The floor of this stack: hand-written Django views that answer what three frontend operations answer (the
`data` of story_list.graphql, story.graphql and home_page.graphql), reading the same rows with no more SQL queries,
but with no GraphQL in between: no parsing, validation, cost measure, field-by-field execution or type checks.

They call the same domain code the resolvers call (campaign.catalogue, campaign.i18n, the renditions) and build
the JSON directly, as a view written for one page would. What GraphQL costs beyond them is the execution layer's
overhead: the bench (bench/load_test.py) prints each operation's cold time against its floor.
tests/test_bench_floor.py holds them to the GraphQL answers.
"""

from types import SimpleNamespace

from django.http import Http404, JsonResponse

from campaign.i18n.localization import page_at_path
from campaign.text.rich_text import served_at
from graphql_api.types.blocks import CallToActionBlock, HeadingBlock, KeyFiguresBlock, ParagraphBlock
from graphql_api.types.common import YearMonth
from graphql_api.types.facets import FacetOrder
from graphql_api.types.home import HomePage
from graphql_api.types.images import Image, ImageFormat, Rendition, image_node
from graphql_api.types.locales import requested_locale
from graphql_api.types.page import PageNode, page_node
from graphql_api.types.site import default_image
from graphql_api.types.stories import CityStoryPage
from graphql_api.types.story_list import CityStoryOrder, city_stories
from graphql_api.types.taxonomy import City, Term

STORY_LIST_SRCSET = [320, 640, 1024]


def request_info(request) -> SimpleNamespace:
    """What the shared lookups need of a GraphQL `info`: the request their per-request memo hangs on."""
    return SimpleNamespace(context=SimpleNamespace(request=request))


def answer(request, build) -> JsonResponse:
    """Absolute media URLs name the host the request reached, as the GraphQL view's do."""
    with served_at(f"{request.scheme}://{request.get_host()}"):
        return JsonResponse(build(request_info(request)))


def story_list(request) -> JsonResponse:
    """`cityStories(locale, limit, offset)` as story_list.graphql selects it (no filter)."""
    locale = requested_locale(request.GET.get("locale"))
    limit, offset = int(request.GET.get("limit", 12)), int(request.GET.get("offset", 0))

    def build(info):
        dimensions = ("countries", "regions", "themes", "years")
        listing = city_stories(info, locale, None, limit, offset, CityStoryOrder.NEWEST, dimensions)
        facets = listing.faceted(info, dimensions, FacetOrder.COUNT)
        return {
            "cityStories": {
                "totalCount": listing.total_count,
                "items": [listed_story(info, item) for item in listing.items],
                "facets": {
                    "countries": [labelled(value) for value in facets.countries],
                    "regions": [labelled(value) for value in facets.regions],
                    "themes": [labelled(value) for value in facets.themes],
                    "years": [{"value": value.value, "count": value.count} for value in facets.years],
                },
            }
        }

    return answer(request, build)


def story(request) -> JsonResponse:
    """`page(path)` on a city story, as story.graphql selects it."""
    node = page_or_404(request, CityStoryPage)

    def build(info):
        cover = cover_image(info, node)
        return {
            "page": {
                "__typename": "CityStoryPage",
                **page_head(node),
                "contentLocale": node.content_locale(),
                "breadcrumbs": [{"title": crumb.title, "url": crumb.url} for crumb in node.breadcrumbs()],
                "translations": [
                    {"locale": item.locale, "url": item.url, "isFallback": item.is_fallback}
                    for item in node.translations(info)
                ],
                "seo": seo(node),
                "summary": node.summary(),
                "ongoing": node.ongoing(),
                "periodStart": year_month(node.period_start()),
                "periodEnd": year_month(node.period_end()),
                "body": [story_block(block) for block in node.body(info)],
                "coverImage": cover
                and {
                    "alt": cover.alt(),
                    "width": cover.width(),
                    "height": cover.height(),
                    "rendition": rendition(cover.rendition(info, "fill-1200x675", ImageFormat.WEBP)),
                },
                "quote": (quote := node.quote()) and {"text": quote.text, "author": quote.author, "role": quote.role},
                "cities": [{**place(city), "region": region_label(info, city)} for city in node.cities(info)],
                "engagementType": (engagement := node.engagement_type(info)) and {"label": engagement.label},
                "actionPriorities": [
                    {"number": one.number, "title": one.title} for one in node.action_priorities(info)
                ],
                "principles": [
                    {"number": one.number(), "title": one.title(), "url": one.url()} for one in node.principles(info)
                ],
                "themes": [{"label": theme.label} for theme in node.themes(info)],
                "relatedStories": [{"title": item.title(), "url": item.url()} for item in node.related_stories(info)],
            }
        }

    return answer(request, build)


def home(request) -> JsonResponse:
    """`page(path)` on the home page, as home_page.graphql selects it."""
    node = page_or_404(request, HomePage)

    def build(info):
        return {
            "page": {
                "__typename": "HomePage",
                **page_head(node),
                "translations": [{"locale": item.locale, "url": item.url} for item in node.translations(info)],
                "seo": seo(node),
                "heroTitle": node.hero_title(),
                "tagline": node.tagline(),
                "body": [home_block(block) for block in node.body(info)],
                "featuredChapters": [
                    {"title": item.title(), "url": item.url(), "subtitle": item.subtitle()}
                    for item in node.featured_chapters()
                ],
                "featuredStories": [featured_story(info, item) for item in node.featured_stories()],
            }
        }

    return answer(request, build)


def page_or_404(request, node_type: type) -> PageNode:
    node = page_node(page_at_path(request.GET.get("path", "")))
    if not isinstance(node, node_type):
        raise Http404
    return node


def page_head(node: PageNode) -> dict:
    return {"title": node.title(), "url": node.url(), "locale": node.locale(), "isFallback": node.is_fallback()}


def seo(node: PageNode) -> dict:
    content = node.served.content
    return {
        "title": content.seo_title or content.title,
        "description": content.search_description,
        "canonicalUrl": node.served.canonical_url,
    }


def story_heading(item: CityStoryPage) -> dict:
    """What every selection of a story in a list starts with."""
    return {"title": item.title(), "url": item.url(), "summary": item.summary(), "isFallback": item.is_fallback()}


def listed_story(info, item: CityStoryPage) -> dict:
    cover = cover_image(info, item)
    return {
        **story_heading(item),
        "periodStart": year_month(item.period_start()),
        "periodEnd": year_month(item.period_end()),
        "ongoing": item.ongoing(),
        "cities": [
            {**place(city), "region": (region := city.region(info)) and term(region)} for city in item.cities(info)
        ],
        "engagementType": (engagement := item.engagement_type(info)) and term(engagement),
        "actionPriorities": [{"number": one.number, "title": one.title} for one in item.action_priorities(info)],
        "principles": [{"number": one.number(), "title": one.title()} for one in item.principles(info)],
        "themes": [term(theme) for theme in item.themes(info)],
        "coverImage": cover
        and {
            "alt": cover.alt(),
            "srcset": cover.srcset(info, STORY_LIST_SRCSET, ImageFormat.WEBP),
            "rendition": rendition(cover.rendition(info, "fill-400x225")),
        },
        "translations": [
            {"locale": one.locale, "url": one.url, "isFallback": one.is_fallback} for one in item.translations(info)
        ],
    }


def featured_story(info, item: CityStoryPage) -> dict:
    cover = cover_image(info, item)
    return {
        **story_heading(item),
        "coverImage": cover
        and {"alt": cover.alt(), "rendition": rendition(cover.rendition(info, "fill-800x450", ImageFormat.WEBP))},
        "cities": [{"name": city.name, "country": {"name": city.country().name}} for city in item.cities(info)],
    }


def cover_image(info, item: CityStoryPage) -> Image | None:
    locale = item.served.page.locale
    return image_node(info, item.served.specific.cover_image or default_image(info, locale), locale=locale)


def story_block(block) -> dict:
    if isinstance(block, ParagraphBlock):
        return {"__typename": "ParagraphBlock", "html": block.html}
    if isinstance(block, HeadingBlock):
        return {"__typename": "HeadingBlock", "text": block.text, "level": block.level}
    return {"__typename": type(block).__name__}


def home_block(block) -> dict:
    if isinstance(block, ParagraphBlock):
        return {"__typename": "ParagraphBlock", "html": block.html}
    if isinstance(block, KeyFiguresBlock):
        figures = [{"value": figure.value, "label": figure.label} for figure in block.figures]
        return {"__typename": "KeyFiguresBlock", "figures": figures}
    if isinstance(block, CallToActionBlock):
        return {
            "__typename": "CallToActionBlock",
            "title": block.title,
            "buttonLabel": block.button_label,
            "url": block.url,
        }
    return {"__typename": type(block).__name__}


def place(city: City) -> dict:
    return {
        "name": city.name,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "country": {"code": city.country_code, "name": city.country().name},
    }


def region_label(info, city: City) -> dict | None:
    return (region := city.region(info)) and {"label": region.label}


def term(value: Term) -> dict:
    return {"code": value.code, "label": value.label}


def labelled(value) -> dict:
    return {"value": value.value, "label": value.label, "count": value.count}


def year_month(value: YearMonth | None) -> dict | None:
    return value and {"year": value.year, "month": value.month}


def rendition(value: Rendition | None) -> dict | None:
    return value and {"url": value.url, "width": value.width, "height": value.height}
