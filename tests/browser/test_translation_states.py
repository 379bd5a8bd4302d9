"""Translators take city stories through every translation state in the admin, and the API tells the truth at each
step: what a page, the story list, the search, the sitemap and the language versions say in Spanish and English.

UNTRANSLATED (an alias of the French page) → "Translate this page" → Submit: IN_PROGRESS, still the French source
for visitors → some segments translated and published: TRANSLATED, the missing segments in French → the rest
translated and published again (the slug too: the old address redirects) → the French source published again:
OUTDATED, the Spanish text still served, the English fallback serving the new French text. A second story goes
from UNTRANSLATED to IN_PROGRESS and TRANSLATED by a PO file downloaded from the translation editor, filled in
offline and uploaded.

Every state is read with the one document STATE (variables change, the query text never does).
"""

import re
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from ..sitemaps import read_sitemap

STATE = """query TranslationState($path: String!, $locale: String!, $french: String!, $spanish: String!,
  $changed: String!) {
  page(path: $path) {
    ...Version
    translations { locale url title isFallback translationStatus }
  }
  redirect(path: $path) { url permanent }
  cityStories(locale: $locale, filter: {countries: ["US"]}, limit: 20) { items { ...Version } }
  french: search(query: $french, locale: $locale, limit: 20) { items { id } }
  spanish: search(query: $spanish, locale: $locale, limit: 20) { items { id } }
  changed: search(query: $changed, locale: $locale, limit: 20) { items { id } }
}

fragment Version on CityStoryPage {
  id url title summary locale contentLocale isFallback translationStatus
  translationProgress { translatedSegments totalSegments translatedAt }
  body { ... on ParagraphBlock { html } }
  seo { canonicalUrl alternates { locale url } }
}"""
STORIES = """query ($locale: String!) {
  cityStories(locale: $locale, filter: {countries: ["US"]}, limit: 20) {
    items { id url title translationStatus translations { locale url translationStatus } }
  }
}"""
FRENCH_PAGE = """query ($path: String!) { page(path: $path) { id } }"""

# Words the search looks for: one of the French text, its Spanish translation, and the French text changed at (e).
SEARCH = {"french": "ordonnance", "spanish": "ordenanza", "changed": "pionnière"}

STORY = "lancaster-plan-accueil"
TITLE = (
    "Lancaster accueille : embrasser la diversité avec un plan stratégique d'accueil pour les immigrants et les "
    "réfugiés"
)
SUMMARY = (
    "Lancaster, ville accueillante certifiée par Welcoming America, institutionnalise son plan d'accueil par des "
    "politiques, une ordonnance d'accueil, un Bureau de l'accueil et des services linguistiques et une coalition de "
    "partenaires."
)
PARAGRAPHS = [
    "Lancaster s'engage à institutionnaliser le «Plan d'accueil pour la ville de Lancaster» par le biais de "
    "politiques, de lois et de programmes.",
    "La ville de Lancaster, en Pennsylvanie, est devenue une ville accueillante certifiée en 2019 par le biais de "
    "Welcoming America. La ville peut se targuer d'une histoire de 300 ans d'hospitalité et est reconnue comme « la "
    "capitale américaine des réfugiés » en 2019 pour avoir réinstallé 20 fois plus de réfugiés par habitant que le "
    "reste du pays.",
    "La Ville a effectué une évaluation intensive en 2019 et à nouveau en 2022 pour le renouvellement de la "
    "certification d'Accueil, à laquelle ont participé plus de 40 organisations partenaires. La Norme d'accueil est "
    "une feuille de route exhaustive pour bâtir des communautés accueillantes guidées par les sept cadres suivants : "
    "Leadership gouvernemental, Accès équitable, Engagement civique, Communautés connectées, Éducation, "
    "Développement économique et Communautés sûres.",
    "La ville élabore actuellement des voies pour institutionnaliser un plan d'accueil pour la ville de Lancaster par "
    "le biais de politiques, de lois et de programmes. Le Département de l'engagement de voisinage sera chargé de "
    "superviser la norme d'accueil. Dans leur plan triennal, la ville vise à mettre en œuvre un plan d'accueil, à "
    "élaborer une ordonnance d'accueil, à établir un Bureau de l'accueil et des services linguistiques, ainsi qu'à "
    "réunir et à développer une coalition de partenaires communautaires axés sur l'intégration des immigrants et "
    "des réfugiés.",
]
# The Spanish the translator types, by the segment's French text. Title and summary first (step b), the rest at (d).
TITLE_ES = "Lancaster acoge: abrazar la diversidad con un plan estratégico de acogida para inmigrantes y refugiados"
SUMMARY_ES = (
    "Lancaster, ciudad acogedora certificada por Welcoming America, institucionaliza su plan de acogida mediante "
    "políticas, una ordenanza de acogida, una Oficina de Acogida y Servicios Lingüísticos y una coalición de socios."
)
SLUG_ES = "lancaster-plan-acogida"
PARAGRAPHS_ES = [
    "Lancaster se compromete a institucionalizar el «Plan de acogida para la ciudad de Lancaster» mediante "
    "políticas, leyes y programas.",
    "La ciudad de Lancaster, en Pensilvania, se convirtió en 2019 en una ciudad acogedora certificada por Welcoming "
    "America. La ciudad puede presumir de 300 años de hospitalidad y fue reconocida en 2019 como «la capital "
    "estadounidense de los refugiados» por haber reasentado 20 veces más refugiados por habitante que el resto del "
    "país.",
    "La Ciudad realizó una evaluación intensiva en 2019 y de nuevo en 2022 para renovar la certificación de Acogida, "
    "en la que participaron más de 40 organizaciones asociadas. La Norma de acogida es una hoja de ruta exhaustiva "
    "para construir comunidades acogedoras guiadas por los siete marcos siguientes: Liderazgo gubernamental, Acceso "
    "equitativo, Compromiso cívico, Comunidades conectadas, Educación, Desarrollo económico y Comunidades seguras.",
    "La ciudad está desarrollando vías para institucionalizar un plan de acogida para la ciudad de Lancaster "
    "mediante políticas, leyes y programas. El Departamento de Participación Vecinal se encargará de supervisar la "
    "norma de acogida. En su plan trienal, la ciudad se propone aplicar un plan de acogida, elaborar una ordenanza de "
    "acogida, crear una Oficina de Acogida y Servicios Lingüísticos, y reunir y ampliar una coalición de socios "
    "comunitarios centrados en la integración de inmigrantes y refugiados.",
]
# Segments of the Details and Promote tabs, by tab: (the French text, the Spanish).
OTHER_TABS_ES = {
    "Details": [("Maire", "Alcaldesa")],
    "Promote": [
        (STORY, SLUG_ES),
        (
            "Lancaster (Pennsylvanie) institutionnalise son plan d'accueil des immigrants et des réfugiés : "
            "ordonnance, bureau, coalition.",
            "Lancaster (Pensilvania) institucionaliza su plan de acogida de inmigrantes y refugiados: ordenanza, "
            "oficina, coalición.",
        ),
    ],
}
SEGMENTS = 9  # title, slug, meta description, summary, four paragraphs, the head of executive's title
# What an editor changes in the French source at (e).
NEW_SUMMARY = (
    "Lancaster, ville accueillante pionnière certifiée par Welcoming America, a adopté son ordonnance d'accueil et "
    "ouvert un Bureau de l'accueil et des services linguistiques."
)

PO_STORY = "salt-lake-city-semaine-accueil"
PO_TITLE_ES = (
    "Acoger Salt Lake: reunión semestral del gobierno y del liderazgo comunitario en el marco de la Semana de Acogida"
)
PO_SLUG_ES = "salt-lake-city-semana-acogida"
PO_SUMMARY_ES = (
    "Salt Lake City reúne dos veces al año al gobierno y a los líderes comunitarios durante la Semana de Acogida."
)

UNTRANSLATED, IN_PROGRESS, TRANSLATED, OUTDATED, SOURCE = (
    "UNTRANSLATED",
    "IN_PROGRESS",
    "TRANSLATED",
    "OUTDATED",
    "SOURCE",
)


# ---------------------------------------------------------------------------------------------------------------
# What the API says


# The admin's rich text editor gives each paragraph it saves a key of its own: bookkeeping, not content.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def paragraph(text: str) -> str:
    return f"<p>{text}</p>"


def french_stories(servers) -> dict[str, dict]:
    """The US stories as the Spanish tree lists them, by their French slug."""
    items = servers.graphql(STORIES, locale="es")["cityStories"]["items"]
    return {item["url"].rstrip("/").rsplit("/", 1)[-1]: item for item in items}


def untranslated_story(servers, slug: str) -> dict:
    """A story whose Spanish and English copies are aliases of the French page."""
    story = french_stories(servers)[slug]
    assert story["translationStatus"] == UNTRANSLATED, story
    assert {item["locale"]: item["translationStatus"] for item in story["translations"]} == {
        "fr": SOURCE,
        "en": UNTRANSLATED,
    }, story
    return story


def read_state(servers, locale: str, path: str, story_id: str, slugs: tuple[str, ...]) -> dict:
    """The STATE document's answer about one story in one locale, reduced to that story: the page at `path`, the
    redirect from it, the story's item in the list of US stories (a short list), which SEARCH words find it, and
    its sitemap entries (under any of the story's `slugs`)."""
    data = servers.graphql(STATE, path=path, locale=locale, **SEARCH)
    page = data["page"]
    progress = page["translationProgress"] if page else None
    if progress:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT.+", progress.pop("translatedAt")), progress
    listed = [item for item in data["cityStories"]["items"] if item["id"] == story_id]
    for item in listed:
        if item["translationProgress"]:
            item["translationProgress"].pop("translatedAt")
    for version in [page, *listed] if page else listed:
        for block in version["body"]:
            block["html"] = BLOCK_KEY.sub("", block["html"])
    return {
        "page": page,
        "redirect": data["redirect"],
        "listed": listed,
        "found_by": sorted(name for name in SEARCH if story_id in {item["id"] for item in data[name]["items"]}),
        "sitemap": [
            entry
            for entry in read_sitemap(servers.graphql, locale, "url alternates { locale url }")
            if entry["url"].rstrip("/").rsplit("/", 1)[-1] in slugs
        ],
    }


def translated_at(servers, locale: str, path: str) -> str:
    data = servers.graphql(STATE, path=path, locale=locale, **SEARCH)
    return data["page"]["translationProgress"]["translatedAt"]


@dataclass(frozen=True)
class Version:
    """What the API should say about one language version of a story."""

    locale: str
    id: str
    url: str
    status: str
    title: str
    summary: str
    paragraphs: list[str]
    progress: dict | None = None
    # Which of the SEARCH words find it in its locale.
    found_by: tuple[str, ...] = ()

    @property
    def is_fallback(self) -> bool:
        return self.status in (UNTRANSLATED, IN_PROGRESS)

    def as_translation(self) -> dict:
        return {
            "locale": self.locale,
            "url": self.url,
            "title": self.title,
            "isFallback": self.is_fallback,
            "translationStatus": self.status,
        }


@dataclass(frozen=True)
class Story:
    """The French original and its English and Spanish versions, as the API should serve them."""

    frontend: str
    fr: Version
    en: Version
    es: Version

    @property
    def versions(self) -> list[Version]:
        return [self.fr, self.en, self.es]

    def hreflang(self) -> list[dict]:
        """The versions written in their own language, and x-default → the French original."""
        own = [{"locale": item.locale, "url": item.url} for item in self.versions if not item.is_fallback]
        return [*own, {"locale": "x-default", "url": self.fr.url}]

    def served(self, version: Version) -> dict:
        original = self.fr.url if version.is_fallback else version.url
        return {
            "id": version.id,
            "url": version.url,
            "title": version.title,
            "summary": version.summary,
            "locale": version.locale,
            "contentLocale": "fr" if version.is_fallback else version.locale,
            "isFallback": version.is_fallback,
            "translationStatus": version.status,
            "translationProgress": version.progress,
            "body": [{"html": paragraph(text)} for text in version.paragraphs],
            "seo": {
                "canonicalUrl": self.frontend + original,
                "alternates": [] if version.is_fallback else self.hreflang(),
            },
        }

    def expected(self, version: Version) -> dict:
        others = [item.as_translation() for item in self.versions if item is not version]
        return {
            "page": {**self.served(version), "translations": others},
            "redirect": None,
            "listed": [self.served(version)],
            "found_by": sorted(version.found_by),
            "sitemap": [] if version.is_fallback else [{"url": version.url, "alternates": self.hreflang()}],
        }


def assert_state(servers, story: Story, step: str, slugs: tuple[str, ...]) -> None:
    """Each language version as a page, in the story list, the search and the sitemap: the one STATE document."""
    for version in story.versions:
        state = read_state(servers, version.locale, version.url, version.id, slugs)
        assert state == story.expected(version), f"after {step}, in {version.locale}"


# ---------------------------------------------------------------------------------------------------------------
# What the translator does in the admin


def segment(page, source: str, state: str = "complete"):
    """The segment of wagtail-localize's editor whose French text is `source` (incomplete: not translated yet)."""
    return page.locator(f"li.{state}", has=page.get_by_text(source, exact=True))


def translate_segment(page, source: str, text: str) -> None:
    untranslated = segment(page, source, "incomplete")
    untranslated.get_by_role("button", name="Translate").click()
    untranslated.locator("textarea").fill(text)
    untranslated.get_by_role("button", name="Save").click()
    segment(page, source).get_by_text(text, exact=True).wait_for()


def open_alias(page, servers, spanish_id: str) -> None:
    """The Spanish copy's edit view, which for an alias only offers to translate it."""
    page.goto(f"{servers.cms}/admin/pages/{spanish_id}/edit/")
    page.get_by_text("This page hasn't been translated yet.").wait_for()


def choose_spanish(page) -> None:
    """The alias's "Translate this page" → the locales to translate into: Spanish only."""
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label("English").uncheck()
    page.get_by_label("Español").check()


def submit(page, title: str) -> None:
    page.get_by_role("button", name="Submit").click()
    page.get_by_text(f"The page '{title}' was successfully submitted for translation into Español").wait_for()
    page.get_by_role("button", name="Publish in Español").wait_for()


def publish_in_spanish(page, title: str, *, missing: bool) -> None:
    page.get_by_role("button", name="Publish in Español").click()
    done = " with missing translations - see below." if missing else "."
    page.get_by_text(f"Published '{title}' in Español{done}", exact=True).wait_for()


# ---------------------------------------------------------------------------------------------------------------
# The tests


def test_a_city_story_goes_through_every_translation_state(page, servers, log_in, shot):
    alias = untranslated_story(servers, STORY)
    urls = {item["locale"]: item["url"] for item in alias["translations"]} | {"es": alias["url"]}
    french_id = servers.graphql(FRENCH_PAGE, path=urls["fr"])["page"]["id"]
    english_id = servers.graphql(FRENCH_PAGE, path=urls["en"])["page"]["id"]
    french = Version("fr", french_id, urls["fr"], SOURCE, TITLE, SUMMARY, PARAGRAPHS, found_by=("french",))
    story = Story(
        frontend=servers.frontend,
        fr=french,
        en=replace(french, locale="en", id=english_id, url=urls["en"], status=UNTRANSLATED),
        es=replace(french, locale="es", id=alias["id"], url=urls["es"], status=UNTRANSLATED),
    )
    slugs = (STORY, SLUG_ES)
    assert_state(servers, story, "nothing (an alias)", slugs)

    # (a) "Translate this page" → Submit, Spanish only: the translation is started, visitors still read French.
    log_in("translator")
    open_alias(page, servers, alias["id"])
    shot(page, "untranslated-alias", doc="translators-alias")
    choose_spanish(page)
    shot(page, "translate-this-page-into-spanish", doc="translators-submit")
    submit(page, TITLE)
    shot(page, "translation-started", doc="translators-started")
    story = replace(story, es=replace(story.es, status=IN_PROGRESS))
    assert_state(servers, story, "(a) the translation started", slugs)

    # (b) Title and summary translated and saved: still nothing for visitors.
    translate_segment(page, TITLE, TITLE_ES)
    translate_segment(page, SUMMARY, SUMMARY_ES)
    segment(page, SUMMARY).scroll_into_view_if_needed()
    shot(page, "title-and-summary-translated", doc="translators-partial")
    assert_state(servers, story, "(b) two segments saved", slugs)

    # (c) Published with seven segments missing: the Spanish title and summary, the rest in French.
    publish_in_spanish(page, TITLE_ES, missing=True)
    shot(page, "published-with-missing-segments", doc="translators-published-missing")
    story = replace(
        story,
        es=replace(
            story.es,
            status=TRANSLATED,
            title=TITLE_ES,
            summary=SUMMARY_ES,
            progress={"translatedSegments": 2, "totalSegments": SEGMENTS},
            found_by=("french", "spanish"),
        ),
    )
    assert_state(servers, story, "(c) published with missing segments", slugs)
    first_publication = translated_at(servers, "es", story.es.url)

    # (d) Every other segment translated, the slug too, and published again: the old address redirects.
    for source, text in zip(PARAGRAPHS, PARAGRAPHS_ES, strict=True):
        translate_segment(page, source, text)
    for tab, segments in OTHER_TABS_ES.items():
        page.get_by_role("tab", name=tab).click()
        for source, text in segments:
            translate_segment(page, source, text)
    publish_in_spanish(page, TITLE_ES, missing=False)
    old_url = story.es.url
    story = replace(
        story,
        es=replace(
            story.es,
            url=old_url.replace(f"/{STORY}/", f"/{SLUG_ES}/"),
            paragraphs=PARAGRAPHS_ES,
            progress={"translatedSegments": SEGMENTS, "totalSegments": SEGMENTS},
            found_by=("spanish",),
        ),
    )
    assert_state(servers, story, "(d) every segment published", slugs)
    assert translated_at(servers, "es", story.es.url) > first_publication
    moved = read_state(servers, "es", old_url, story.es.id, slugs)
    assert (moved["page"], moved["redirect"]) == (None, {"url": story.es.url, "permanent": True})

    # (e) An editor changes the French summary and publishes it: the Spanish translation is outdated but still
    # served; the English alias serves the new French text.
    page.context.clear_cookies()
    log_in("editor")
    page.goto(f"{servers.cms}/admin/pages/{french_id}/edit/")
    page.locator("#id_summary").fill(NEW_SUMMARY)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text(re.compile(f"Page '{re.escape(TITLE)}' .*published")).wait_for()
    changed = ("french", "changed")
    story = replace(
        story,
        fr=replace(story.fr, summary=NEW_SUMMARY, found_by=changed),
        en=replace(story.en, summary=NEW_SUMMARY, found_by=changed),
        es=replace(story.es, status=OUTDATED),
    )
    assert_state(servers, story, "(e) the French source published again", slugs)


PO_STATE_KEYS = ("title", "summary", "contentLocale", "isFallback", "translationStatus", "translationProgress")


def po_version(servers, path: str) -> dict:
    data = servers.graphql(STATE, path=path, locale="es", **SEARCH)
    progress = data["page"]["translationProgress"]
    if progress:
        progress.pop("translatedAt")
    in_sitemap = any(entry["url"] == path for entry in read_sitemap(servers.graphql, "es"))
    return {key: data["page"][key] for key in PO_STATE_KEYS} | {"inSitemap": in_sitemap}


def fill_po_file(path: Path) -> int:
    """The translator's work offline: title, slug and summary in Spanish, the other segments marked as translated."""
    po = polib.pofile(str(path))
    spanish = {"title": PO_TITLE_ES, "slug": PO_SLUG_ES, "summary": PO_SUMMARY_ES}
    for entry in po:
        assert not entry.msgstr, entry
        entry.msgstr = spanish.get(entry.msgctxt, f"[es] {entry.msgid}")
    po.save()
    return len(po)


def test_a_translator_translates_a_city_story_offline_with_a_po_file(page, servers, log_in, shot, tmp_path):
    alias = untranslated_story(servers, PO_STORY)
    french = servers.graphql(STATE, path=alias["url"], locale="es", **SEARCH)["page"]
    untranslated = {
        "title": french["title"],
        "summary": french["summary"],
        "contentLocale": "fr",
        "isFallback": True,
        "translationStatus": UNTRANSLATED,
        "translationProgress": None,
        "inSitemap": False,
    }
    assert po_version(servers, alias["url"]) == untranslated

    log_in("translator")
    open_alias(page, servers, alias["id"])
    choose_spanish(page)
    submit(page, french["title"])
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PO file").click()
    po_file = tmp_path / download.value.suggested_filename
    download.value.save_as(po_file)
    assert po_file.suffix == ".po"
    segments = fill_po_file(po_file)

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload PO file").click()
    chooser.value.set_files(po_file)
    page.get_by_text("Successfully imported translations from PO File.").wait_for()
    segment(page, french["title"]).get_by_text(PO_TITLE_ES, exact=True).wait_for()
    shot(page, "po-file-uploaded", doc="translators-po-uploaded")
    assert po_version(servers, alias["url"]) == {**untranslated, "translationStatus": IN_PROGRESS}, "not published"

    publish_in_spanish(page, PO_TITLE_ES, missing=False)
    assert po_version(servers, alias["url"].replace(f"/{PO_STORY}/", f"/{PO_SLUG_ES}/")) == {
        "title": PO_TITLE_ES,
        "summary": PO_SUMMARY_ES,
        "contentLocale": "es",
        "isFallback": False,
        "translationStatus": TRANSLATED,
        "translationProgress": {"translatedSegments": segments, "totalSegments": segments},
        "inSitemap": True,
    }
