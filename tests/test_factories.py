"""The factories build objects an editor could have saved: valid, published, where the page tree allows them."""

import pytest
from wagtail.models import Page

from campaign.models import ActionPriority, NavigationMenu, SiteSettings

from . import factories

pytestmark = pytest.mark.django_db

SECTIONS = [
    factories.CharterPageFactory,
    factories.TimelinePageFactory,
    factories.CityStoryIndexPageFactory,
    factories.CampaignPageFactory,
    factories.EndorsePageFactory,
    factories.StandardPageFactory,
]
CHILDREN = [
    (factories.CharterPageFactory, factories.CharterChapterPageFactory),
    (factories.CharterPageFactory, factories.PrinciplePageFactory),
    (factories.TimelinePageFactory, factories.MilestonePageFactory),
    (factories.CityStoryIndexPageFactory, factories.CityStoryPageFactory),
    (factories.CampaignPageFactory, factories.StandardPageFactory),
]


@pytest.fixture
def new_home():
    """A second home page at the root, so that sections of which a home holds one can be built under it."""
    return factories.HomePageFactory(parent=Page.get_first_root_node())


def assert_published_under(page: Page, parent: Page) -> None:
    page.full_clean()
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.get_parent().specific == parent
    assert type(page) in parent.specific_class.allowed_subpage_models()


def assert_aliased_everywhere(page: Page) -> None:
    aliases = Page.objects.filter(alias_of=page)
    assert {alias.locale.language_code for alias in aliases} == {"en", "es"}
    assert all(alias.live for alias in aliases)


def test_a_home_page_is_published_at_the_root_and_aliased(new_home):
    assert_published_under(new_home, Page.get_first_root_node())
    assert_aliased_everywhere(new_home)


@pytest.mark.parametrize("factory", SECTIONS, ids=lambda factory: factory.__name__)
def test_a_section_is_published_under_its_home_page_and_aliased(new_home, factory):
    page = factory(parent=new_home)
    assert_published_under(page, new_home)
    assert_aliased_everywhere(page)


@pytest.mark.parametrize(("parent_factory", "factory"), CHILDREN, ids=lambda factory: factory.__name__)
def test_a_page_is_published_under_its_section_and_aliased(new_home, parent_factory, factory):
    parent = parent_factory(parent=new_home)
    page = factory(parent=parent)
    assert_published_under(page, parent)
    assert_aliased_everywhere(page)


def test_pages_built_under_the_loaded_home_page_go_there():
    page = factories.StandardPageFactory(parent=factories.home("en"))
    assert_published_under(page, factories.home("en"))
    assert page.locale.language_code == "en"


def test_a_translation_replaces_the_alias_with_the_translators_fields():
    page = factories.StandardPageFactory(parent=factories.home(), title="Page d'essai", slug="page-d-essai")
    translated = factories.translate(page, "es", title="Página de prueba", slug="pagina-de-prueba")
    translated.refresh_from_db()
    assert translated.alias_of_id is None and translated.live and not translated.has_unpublished_changes
    assert (translated.title, translated.slug, translated.locale.language_code) == (
        "Página de prueba",
        "pagina-de-prueba",
        "es",
    )
    assert translated.translation_key == page.translation_key
    assert translated.get_parent().specific == factories.home("es")


@pytest.mark.parametrize(
    "factory",
    [
        factories.RegionFactory,
        factories.ThemeFactory,
        factories.EngagementTypeFactory,
        factories.CityFactory,
        factories.EndorsementFactory,
        factories.ImageFactory,
    ],
    ids=lambda factory: factory.__name__,
)
def test_a_snippet_endorsement_or_image_is_valid(factory):
    factory().full_clean()


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (ActionPriority, factories.ActionPriorityFactory),
        (NavigationMenu, factories.NavigationMenuFactory),
        (SiteSettings, factories.SiteSettingsFactory),
    ],
    ids=lambda value: value.__name__,
)
def test_a_snippet_unique_per_language_is_valid_once_the_loaded_one_is_gone(model, factory):
    model.objects.filter(locale=factories.french()).delete()
    factory().full_clean()
