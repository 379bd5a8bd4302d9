"""Builds loader specs from each content file. One function per part of the site; each validates as it reads."""

from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify

from campaign import models as m
from campaign.catalogue.countries import country_name
from campaign.catalogue.uclg_regions import REGION_CODES
from campaign.loader.errors import ContentError
from campaign.loader.reader import Entry, read_directory, read_file
from campaign.loader.specs import ImageSpec, PageSpec, SnippetSpec
from campaign.loader.streams import page_keys_in

HOME_KEY = ""
STORIES_KEY = "histoires"
ENGAGEMENT_TYPES = {"both", "gcm_only", "gcr_only", "idp"}


def child_key(parent_key: str, slug: str) -> str:
    return f"{parent_key}/{slug}" if parent_key else slug


def page(entry: Entry, model: type, parent_key: str | None, *, slug: str | None = None, **extra) -> PageSpec:
    """A page spec with the fields every page has: title, slug, search description."""
    slug = slug if slug is not None else entry.text("slug")
    entry.check(slug == slugify(slug), "slug", f"{slug!r} is not a valid slug (lowercase letters, digits, hyphens)")
    key = HOME_KEY if parent_key is None else child_key(parent_key, slug)
    spec = PageSpec(
        key=key,
        model=model,
        parent_key=parent_key,
        slug=slug,
        title=entry.text("title", max_length=255),
        where=entry.where,
        **extra,
    )
    spec.fields["search_description"] = entry.text("search_description", required=False, max_length=300)
    return spec


def body(entry: Entry, field: str, *, required: bool = False) -> list:
    return entry.items(field, required=required)


# Taxonomies ---------------------------------------------------------------------------------------------------


def taxonomy_specs() -> list[SnippetSpec]:
    data = read_file("taxonomies.yaml")
    check_uclg_regions(data)
    specs = []
    for field, prefix, model in (("regions", "region", m.Region), ("themes", "theme", m.Theme)):
        for term in data.entries(field):
            code = term.text("code")
            specs.append(
                SnippetSpec(f"{prefix}:{code}", model, {"code": code}, term.where, {"label": term.text("label")})
            )
    for term in data.entries("engagement_types"):
        code = term.text("code")
        term.check(code in ENGAGEMENT_TYPES, "code", f"must be one of {', '.join(sorted(ENGAGEMENT_TYPES))}")
        specs.append(
            SnippetSpec(
                f"engagement:{code}",
                m.EngagementType,
                {"code": code},
                term.where,
                {"label": term.text("label"), "description": term.text("description", required=False)},
            )
        )
    priorities = data.entries("action_priorities", count=8)
    for priority in priorities:
        number = priority.integer("number", low=1, high=8)
        specs.append(
            SnippetSpec(
                f"priority:{number}",
                m.ActionPriority,
                {"number": number},
                priority.where,
                {
                    "title": priority.text("title", max_length=255),
                    "description": priority.text("description"),
                    "gcm_objectives": ",".join(str(n) for n in priority.items("gcm_objectives", required=False)),
                    "gcr_areas": "; ".join(priority.texts("gcr_areas", required=False)),
                    "sdgs": ",".join(str(n) for n in priority.items("sdgs", required=False)),
                },
            )
        )
    return specs


def check_uclg_regions(data: Entry) -> None:
    """The endorsement form names the regions of campaign.catalogue.uclg_regions by these labels: one for each."""
    codes = sorted(term.text("code") for term in data.entries("regions"))
    data.check(codes == REGION_CODES, "regions", f"must label each UCLG region once: {', '.join(REGION_CODES)}")


# Cities and stories -------------------------------------------------------------------------------------------


def city_key(name: str, country: str) -> str:
    return f"city:{slugify(name)}-{country.lower()}"


def city_specs(stories: list[Entry]) -> list[SnippetSpec]:
    """Cities are declared inside the stories that mention them; the same city must be declared the same way."""
    specs: dict[str, SnippetSpec] = {}
    for story in stories:
        for city in story.entries("cities", required=False):
            country = city.text("country")
            city.check(len(country) == 2 and country.isupper(), "country", "expected an ISO 3166-1 alpha-2 code")
            key = city_key(city.text("name"), country)
            fields = {
                "name": city.text("name"),
                "country": country,
                "latitude": coordinate(city.number("latitude", low=-90, high=90)),
                "longitude": coordinate(city.number("longitude", low=-180, high=180)),
            }
            spec = SnippetSpec(
                key,
                m.City,
                {"name": fields["name"], "country": country},
                city.where,
                fields,
                snippet_links={"region": f"region:{city.text('region')}"},
            )
            previous = specs.get(key)
            if previous and (previous.fields, previous.snippet_links) != (spec.fields, spec.snippet_links):
                raise ContentError(city.where, f"{fields['name']} is declared differently in {previous.where}")
            specs.setdefault(key, spec)
    return list(specs.values())


def coordinate(value: float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.0001")))


def story_entries() -> list[Entry]:
    return read_directory("stories")


def cover_image_specs(stories: list[Entry]) -> list[ImageSpec]:
    return [
        ImageSpec(
            key=f"image:{story.text('slug')}",
            title=f"Image provisoire — {story.text('title')}"[:255],
            label=cover_label(story),
            caption="Image provisoire : à remplacer par une photo de l'action",
            alt=cover_alt(story),
        )
        for story in stories
    ]


def cover_alt(story: Entry) -> str:
    """A placeholder says what it is and whom it names; translators give the place names in their language."""
    label = cover_label(story).replace(" · ", ", ")
    return f"Image provisoire : {label}" if label else "Image provisoire"


def cover_label(story: Entry) -> str:
    """What a placeholder cover names: the cities, or for a story without any, its country, region or "Monde"."""
    cities = [city.text("name") for city in story.entries("cities", required=False)]
    scope = story.entry("scope", required=False)
    if cities or scope is None:
        return " · ".join(cities)
    level = scope.text("level")
    if level == "national":
        return country_name(scope.text("country"), settings.LANGUAGE_CODE)
    return scope.text("evidence") if level == "regional" else "Monde"


def year_month(entry: Entry | None, field: str) -> tuple[int | None, int | None]:
    part = entry.entry(field, required=False) if entry else None
    if part is None:
        return None, None
    return part.integer("year", low=1900, high=2100), part.integer("month", required=False, low=1, high=12)


def story_spec(story: Entry, principle_keys: dict[int, str]) -> PageSpec:
    filename = story.where.rsplit("/", 1)[-1].removesuffix(".yaml")
    story.check(story.text("slug") == filename, "slug", f"must match the file name {filename!r}")
    period = story.entry("period", required=False)
    start_year, start_month = year_month(period, "start")
    end_year, end_month = year_month(period, "end")
    quote = story.entry("quote", required=False)
    source = story.entry("source")
    engagement = story.text("engagement_type", required=False)
    story.check(
        not engagement or engagement in ENGAGEMENT_TYPES,
        "engagement_type",
        f"must be one of {', '.join(sorted(ENGAGEMENT_TYPES))}",
    )
    kind = story.text("kind")
    story.check(kind in {"action", "case_study"}, "kind", "must be action or case_study")
    spec = page(story, m.CityStoryPage, STORIES_KEY)
    spec.fields.update(
        {
            "kind": kind,
            "original_title": story.text("original_title", required=False, max_length=255),
            "summary": story.text("summary", max_length=400),
            "body": body(story, "body", required=True),
            "head_of_executive": story.text("head_of_executive", required=False, max_length=255),
            "head_of_executive_title": story.text("head_of_executive_title", required=False, max_length=100),
            "period_start_year": start_year,
            "period_start_month": start_month,
            "period_end_year": end_year,
            "period_end_month": end_month,
            "ongoing": period.boolean("ongoing") if period else False,
            "global_cities_fund": story.boolean("global_cities_fund"),
            "quote_text": quote.text("text") if quote else "",
            "quote_author": quote.text("author") if quote else "",
            "quote_role": quote.text("role", required=False) if quote else "",
            "source_document": source.text("document"),
            "source_reference": source.text("lines", required=False),
        }
    )
    scope_fields, scope_region = story_scope(story)
    spec.fields.update(scope_fields)
    spec.snippet_links["engagement_type"] = f"engagement:{engagement}" if engagement else None
    spec.snippet_links["cover_image"] = f"image:{spec.slug}"
    spec.snippet_links["scope_region"] = f"region:{scope_region}" if scope_region else None
    report_priority = story.integer("report_priority", required=False, low=1, high=8)
    spec.snippet_links["report_priority"] = f"priority:{report_priority}" if report_priority else None
    spec.relations = {
        "cities": [city_key(c.text("name"), c.text("country")) for c in story.entries("cities", required=False)],
        "action_priorities": [f"priority:{n}" for n in story.items("action_priorities")],
        "principles": [f"page:{principle_key(story, n, principle_keys)}" for n in story.items("principles")],
        "themes": [f"theme:{code}" for code in story.texts("themes")],
    }
    return spec


def story_scope(story: Entry) -> tuple[dict, str | None]:
    """A local story (no `scope` key) happens in its cities; a national, regional or global one has none, and
    names the country or region it covers, with the source's words that say so (`evidence`)."""
    scope = story.entry("scope", required=False)
    cities = story.entries("cities", required=False)
    if scope is None:
        story.check(bool(cities), "cities", "a local story takes place in at least one city")
        return {"scope": "local", "scope_country": ""}, None
    level = scope.text("level")
    scope.check(level in {"national", "regional", "global"}, "level", "must be national, regional or global")
    scope.text("evidence")
    story.check(not cities, "cities", f"a {level} story has no city (its place is its scope)")
    country = scope.text("country", required=level == "national")
    region = scope.text("region", required=level == "regional")
    scope.check(bool(country) == (level == "national"), "country", "only a national story names a country")
    scope.check(bool(region) == (level == "regional"), "region", "only a regional story names a region")
    scope.check(not region or region in REGION_CODES, "region", f"must be one of {', '.join(REGION_CODES)}")
    return {"scope": level, "scope_country": country}, region or None


# The charter --------------------------------------------------------------------------------------------------


def principle_key(story: Entry, number: int, principle_keys: dict[int, str]) -> str:
    story.check(number in principle_keys, "principles", f"the charter has no principle {number}")
    return principle_keys[number]


def charter_specs() -> list[PageSpec]:
    data = read_file("charter.yaml")
    charter = page(data, m.CharterPage, HOME_KEY)
    charter.fields.update(
        {
            "subtitle": data.text("subtitle", required=False),
            "hashtags": " ".join(data.texts("hashtags", required=False)),
            "intro": body(data, "intro"),
            "closing": body(data, "closing"),
            "contributors": [{"type": "name", "value": name} for name in data.texts("contributors")],
            "partners": [{"type": "name", "value": name} for name in data.texts("partners")],
        }
    )
    specs = [charter]
    for chapter in data.entries("chapters"):
        spec = page(chapter, m.CharterChapterPage, charter.key)
        spec.fields.update(
            {
                "number": chapter.integer("number", low=1, high=20),
                "subtitle": chapter.text("subtitle", required=False),
                "body": body(chapter, "body"),
            }
        )
        specs.append(spec)
    for principle in data.entries("principles", count=7):
        number = principle.integer("number", low=1, high=7)
        spec = page(principle, m.PrinciplePage, charter.key)
        spec.fields.update(
            {
                "number": number,
                "theme": principle.text("theme", max_length=255),
                "body": body(principle, "body", required=True),
                "priorities": [{"type": "priority", "value": text} for text in principle.texts("priorities", count=5)],
            }
        )
        specs.append(spec)
    return specs


# Timeline -----------------------------------------------------------------------------------------------------


def timeline_specs() -> list[PageSpec]:
    data = read_file("milestones.yaml")
    timeline = page(data, m.TimelinePage, HOME_KEY)
    timeline.fields["intro"] = body(data, "intro")
    specs = [timeline]
    for milestone in data.entries("milestones", count=12):
        spec = page(milestone, m.MilestonePage, timeline.key)
        spec.fields.update(
            {
                "year": milestone.integer("year", low=1900, high=2100),
                "month": milestone.integer("month", required=False, low=1, high=12),
                "day": milestone.integer("day", required=False, low=1, high=31),
                "sort_key": milestone.integer("sort_key", low=0),
                "summary": milestone.text("summary"),
            }
        )
        spec.page_links["link"] = milestone.text("link", required=False) or None
        specs.append(spec)
    return specs


# Home, stories index, campaign, endorse, standard pages ---------------------------------------------------------


def home_spec() -> PageSpec:
    data = read_file("home.yaml")
    spec = page(data, m.HomePage, None, slug="accueil")
    spec.fields.update(
        {
            "hero_title": data.text("hero_title", max_length=255),
            "tagline": data.text("tagline", max_length=255),
            "body": body(data, "body"),
        }
    )
    spec.inlines = {
        "featured_chapters": [{"chapter": key} for key in data.texts("featured_chapters", required=False)],
        "featured_stories": [{"story": key} for key in data.texts("featured_stories", required=False)],
    }
    return spec


def stories_index_spec() -> PageSpec:
    data = read_file("stories_index.yaml")
    data.check(data.text("slug") == STORIES_KEY, "slug", f"the stories index's slug is {STORIES_KEY!r}")
    spec = page(data, m.CityStoryIndexPage, HOME_KEY)
    spec.fields["intro"] = body(data, "intro")
    return spec


def campaign_spec() -> PageSpec:
    data = read_file("campaign.yaml")
    spec = page(data, m.CampaignPage, HOME_KEY)
    launch_year, launch_month = year_month(data, "launch")
    spec.fields.update(
        {
            "tagline": data.text("tagline", max_length=255),
            "launch_year": launch_year,
            "launch_month": launch_month,
            "hashtags": " ".join(data.texts("hashtags", required=False)),
            "key_messages": [
                {"type": "message", "value": {"title": msg.text("title"), "text": msg.text("text")}}
                for msg in data.entries("key_messages")
            ],
            "share_texts": [
                {"type": "share", "value": {"network": share.text("network"), "text": share.text("text")}}
                for share in data.entries("share_texts", required=False)
            ],
            "body": body(data, "body"),
        }
    )
    spec.inlines = {"featured_stories": [{"story": key} for key in data.texts("featured_stories", required=False)]}
    return spec


def endorse_spec() -> PageSpec:
    data = read_file("endorse.yaml")
    spec = page(data, m.EndorsePage, HOME_KEY)
    spec.fields.update(
        {
            field: data.text(field)
            for field in (
                "consent_text",
                "consent_version",
                "thank_you_title",
                "thank_you_text",
                "confirmed_title",
                "confirmed_text",
            )
        }
    )
    spec.fields["intro"] = body(data, "intro")
    return spec


def standard_page_specs() -> list[PageSpec]:
    data = read_file("standard_pages.yaml")
    specs = []
    for entry in data.entries("pages"):
        spec = page(entry, m.StandardPage, HOME_KEY)
        spec.fields["body"] = body(entry, "body", required=True)
        specs.append(spec)
    return specs


# Navigation and site settings -----------------------------------------------------------------------------------


def menu_items(entries: list[Entry]) -> list[dict]:
    return [{"type": "item", "value": link_value(item, with_children=True)} for item in entries]


def link_value(item: Entry, *, with_children: bool = False) -> dict:
    value = {"title": item.text("title", max_length=80)}
    target = item.text("page", required=False) if "page" in item.data else None
    value["page" if target is not None else "url"] = target if target is not None else item.text("url")
    if with_children:
        value["children"] = [link_value(child) for child in item.entries("children", required=False)]
    return value


def navigation_specs() -> list[SnippetSpec]:
    data = read_file("navigation.yaml")
    menus = [
        SnippetSpec(
            f"menu:{handle}",
            m.NavigationMenu,
            {"handle": handle},
            f"{data.where} › {handle}_menu",
            {"items": menu_items(data.entries(f"{handle}_menu"))},
        )
        for handle in ("main", "footer")
    ]
    site_settings = SnippetSpec(
        "settings:site",
        m.SiteSettings,
        {},
        data.where,
        {
            "site_name": data.text("site_name", max_length=255),
            "contact_email": data.text("contact_email", required=False),
            "hosting": data.text("hosting", required=False, max_length=255),
            "hashtags": " ".join(data.texts("hashtags", required=False)),
            "social_links": [
                {"type": "link", "value": {"network": link.text("network"), "url": link.text("url")}}
                for link in data.entries("social_links", required=False)
            ],
        },
        page_links={"privacy_page": data.text("privacy_page", required=False) or None},
        snippet_links={"share_image": share_card_key(settings.LANGUAGE_CODE)},
    )
    return [*menus, site_settings]


def share_card_key(language_code: str) -> str:
    return f"image:share-card-{language_code}"


def share_card_spec(language_code: str, title: str, subtitle: str, hashtags: str) -> ImageSpec:
    """A language's default share card, from its charter title and subtitle and the campaign's hashtags."""
    return ImageSpec(
        key=share_card_key(language_code),
        title=f"{title} — share card ({language_code})",
        label=title,
        caption=subtitle,
        kind="share_card",
        footer=hashtags,
        alt=f"{title} — {subtitle}" if subtitle else title,
    )


def source_share_card_spec() -> ImageSpec:
    charter = read_file("charter.yaml")
    hashtags = " ".join(read_file("navigation.yaml").texts("hashtags", required=False))
    return share_card_spec(
        settings.LANGUAGE_CODE, charter.text("title"), charter.text("subtitle", required=False), hashtags
    )


# Everything, in the order it must be written --------------------------------------------------------------------


def page_specs() -> list[PageSpec]:
    """Parents before children; charter before stories (stories name principles by number)."""
    charter = charter_specs()
    principle_keys = {spec.fields["number"]: spec.key for spec in charter if spec.model is m.PrinciplePage}
    stories = [story_spec(story, principle_keys) for story in story_entries()]
    return [
        home_spec(),
        *charter,
        *timeline_specs(),
        stories_index_spec(),
        *stories,
        campaign_spec(),
        endorse_spec(),
        *standard_page_specs(),
    ]


def check_page_links(specs: list[PageSpec], snippets: list[SnippetSpec]) -> None:
    """Every page a body, link, menu or featured list names must be one the files define."""
    keys = {spec.key for spec in specs}
    for spec in [*specs, *snippets]:
        named = page_keys_in(spec.fields) | {key for key in spec.page_links.values() if key}
        named |= {key for rows in getattr(spec, "inlines", {}).values() for row in rows for key in row.values()}
        missing = sorted(named - keys)
        if missing:
            raise ContentError(spec.where, f"links to page(s) that no file defines: {', '.join(missing)}")
