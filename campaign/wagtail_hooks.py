"""Admin registration: snippets grouped in one menu, the dashboard's site-structure panel, CSV exports without
formulas (campaign.security.spreadsheets), the page explorer with each page's translation status."""

from django.conf import settings
from django.forms import CheckboxSelectMultiple
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters.filters import MultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaign.assets.alt_text import ImageAltText
from campaign.endorsements.admin import (
    BULK_ACTIONS,
    REVIEW_PERMISSION,
    EndorsementsPanel,
    EndorsementViewSet,
)
from campaign.endorsements.admin import register_log_actions as register_endorsement_log_actions
from campaign.endorsements.logo_permissions import logo_aware_image_policy
from campaign.i18n.choosers import SourceLocaleSnippetChooserViewSet
from campaign.i18n.dashboard import SiteStructurePanel
from campaign.i18n.status_queries import filter_by_status, status_choices, statuses_by_page_id
from campaign.i18n.translation_state import TranslationStatus
from campaign.models import ActionPriority, City, EngagementType, NavigationMenu, Region, SiteSettings, Theme
from campaign.pages.city_chooser import StoryCitiesViewSet
from campaign.publishing.names_to_confirm import NamesToConfirmPanel, NameToConfirm
from campaign.publishing.revalidation.notifications import FrontendNotification
from campaign.security.spreadsheets import neutralise_spreadsheet_exports


class CityViewSet(SnippetViewSet):
    model = City
    chooser_viewset_class = SourceLocaleSnippetChooserViewSet  # source references list French only
    icon = "site"
    list_display = ["name", "country", "region", "locale"]
    list_filter = ["country", "locale"]
    search_fields = ["name"]


class ActionPriorityViewSet(SnippetViewSet):
    model = ActionPriority
    chooser_viewset_class = SourceLocaleSnippetChooserViewSet  # source references list French only
    icon = "list-ol"
    list_display = ["number", "title", "locale"]
    list_filter = ["locale"]


class TermViewSet(SnippetViewSet):
    chooser_viewset_class = SourceLocaleSnippetChooserViewSet  # source references list French only
    icon = "tag"
    list_display = ["label", "code", "locale"]
    list_filter = ["locale"]


class ThemeViewSet(TermViewSet):
    model = Theme


class RegionViewSet(TermViewSet):
    model = Region


class EngagementTypeViewSet(TermViewSet):
    model = EngagementType


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Classification")
    menu_icon = "tag"
    menu_order = 250
    items = (CityViewSet, ActionPriorityViewSet, ThemeViewSet, EngagementTypeViewSet, RegionViewSet)


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    list_display = ["__str__", "locale"]
    list_filter = ["locale"]


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cogs"
    list_display = ["site_name", "locale"]


class NameToConfirmViewSet(SnippetViewSet):
    model = NameToConfirm
    icon = "help"
    list_display = ["name", "where", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["name", "doubt"]


class ImageAltTextViewSet(SnippetViewSet):
    """Translators find each image's alt text here, beside menus and settings (campaign.assets.alt_text)."""

    model = ImageAltText
    icon = "image"
    list_display = ["text", "image", "locale"]
    list_filter = ["locale"]


class SiteGroup(SnippetViewSetGroup):
    menu_label = _("Site")
    menu_icon = "cogs"
    menu_order = 260
    items = (NavigationMenuViewSet, SiteSettingsViewSet, NameToConfirmViewSet, ImageAltTextViewSet)


neutralise_spreadsheet_exports()
# Endorsers' logos only for endorsement reviewers (see logo_permissions). For the exact class, which the registry
# reads first: wagtail.images registers its own policy in its ready(), which may run after this module's import.
register_permission_policy(get_image_model(), logo_aware_image_policy(), exact_class=True)

register_snippet(TaxonomyGroup)
register_snippet(SiteGroup)
register_snippet(EndorsementViewSet)

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


# The endorsements' row buttons come from their listing view (campaign.endorsements.admin.EndorsementIndexView).
hooks.register("register_log_actions", register_endorsement_log_actions)


@hooks.register("insert_editor_js")
def length_counter_js():
    """Long text fields show how many characters are left as the editor types (static/campaign/admin/)."""
    return format_html('<script src="{}" defer></script>', static("campaign/admin/length-counter.js"))


@hooks.register("register_admin_viewset")
def register_story_cities():
    """The story form's "Add a city" modal (campaign.pages.city_chooser)."""
    return StoryCitiesViewSet()


@hooks.register("construct_homepage_panels")
def add_site_structure_panel(request, panels):
    panels.append(SiteStructurePanel())
    if request.user.has_perm("campaign.change_nametoconfirm"):
        panels.append(NamesToConfirmPanel())
    if request.user.has_perm(REVIEW_PERMISSION):
        panels.append(EndorsementsPanel())


class FrontendNotificationViewSet(ModelViewSet):
    """The latest revalidation notices sent to the frontend, delivered or failing (Settings menu, admins only)."""

    model = FrontendNotification
    icon = "resubmit"
    add_to_settings_menu = True
    menu_label = _("Frontend notifications")
    list_display = ["created_at", "__str__", "delivered_at", "attempts", "last_status", "last_error"]
    list_filter = ["delivered_at"]
    inspect_view_enabled = True
    form_fields = ["next_attempt_at"]


@hooks.register("register_admin_viewset")
def register_frontend_notifications():
    return FrontendNotificationViewSet("frontend_notifications")


class TranslationStatusFilterSet(GenericPageFilterSet):
    """Wagtail's explorer filters, and "Translation status": what is left to translate in a language's tree."""

    translation_status = MultipleChoiceFilter(
        label=_("Translation status"),
        choices=status_choices,
        widget=CheckboxSelectMultiple,
        method="filter_translation_status",
    )

    def __init__(self, *args, with_translation_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_translation_status:
            del self.filters["translation_status"]

    def filter_translation_status(self, queryset, name, value):
        return filter_by_status(queryset, value)


class TranslationStatusColumn(StatusTagColumn):
    """The page's translation status as a tag: TranslationStatusIndexView reads them for the listed pages at once."""

    def get_value(self, instance):
        status = getattr(instance, "translation_status", None)
        return status.label if status else ""

    def get_primary(self, instance):
        return getattr(instance, "translation_status", None) == TranslationStatus.TRANSLATED


class TranslationStatusIndexView(ExplorableIndexView):
    """The explorer listing of a page's children, with their translation status in a non-French tree.

    The column and the filter are only shown where they say something: below a page of another locale than French
    (or at the root, where every locale's home page is listed). The statuses of the listed pages are read in one
    query after pagination, so that a search result or a specific page (whose annotations Wagtail may not keep)
    gets its status as well.
    """

    @cached_property
    def shows_translation_status(self) -> bool:
        return self.locale is None or self.locale.language_code != settings.LANGUAGE_CODE

    @cached_property
    def explorable_columns(self):
        columns = super().explorable_columns
        if not self.shows_translation_status:
            return columns
        column = TranslationStatusColumn("translation_status", label=_("Translation"), width="12%")
        return [*columns[:-1], column, columns[-1]]  # before the "navigate to children" arrow

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "with_translation_status": self.shows_translation_status}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.shows_translation_status:
            pages = list(context["object_list"])
            statuses = statuses_by_page_id(page.pk for page in pages)
            for page in pages:
                page.translation_status = statuses.get(page.pk)
        return context


class TranslatorPageViewSet(PageViewSet):
    """Wagtail's page viewset with the translation-status column and filter in the explorer.

    Wagtail's supported way to customise the explorer listing ("Customizing the default page listings"): a
    PageViewSet for `Page`, registered with `register_admin_viewset`. Wagtail registers its own base viewset with
    order -1, so this one (order 0) replaces it for every page type; every other view stays Wagtail's.
    """

    index_view_class = TranslationStatusIndexView
    filterset_class = TranslationStatusFilterSet


@hooks.register("register_admin_viewset")
def register_translator_page_viewset():
    return TranslatorPageViewSet()
