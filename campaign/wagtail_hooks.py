"""Admin registration: snippets grouped in one menu, the dashboard's site-structure panel, CSV exports without
formulas (campaign.spreadsheets)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboard import SiteStructurePanel
from .endorsements.admin import BULK_ACTIONS, LOG_ACTIONS, REVIEW_PERMISSION, EndorsementsPanel, EndorsementViewSet
from .endorsements.admin import listing_buttons as endorsement_buttons
from .endorsements.logo_permissions import logo_aware_image_policy
from .endorsements.models import Endorsement
from .models import ActionPriority, City, EngagementType, NavigationMenu, Region, SiteSettings, Theme
from .revalidation import FrontendNotification
from .spreadsheets import neutralise_csv_exports


class CityViewSet(SnippetViewSet):
    model = City
    icon = "site"
    list_display = ["name", "country", "region", "locale"]
    list_filter = ["country", "locale"]
    search_fields = ["name"]


class ActionPriorityViewSet(SnippetViewSet):
    model = ActionPriority
    icon = "list-ol"
    list_display = ["number", "title", "locale"]
    list_filter = ["locale"]


class TermViewSet(SnippetViewSet):
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


class SiteGroup(SnippetViewSetGroup):
    menu_label = _("Site")
    menu_icon = "cogs"
    menu_order = 260
    items = (NavigationMenuViewSet, SiteSettingsViewSet)


neutralise_csv_exports()
# Endorsers' logos only for endorsement reviewers (see logo_permissions). For the exact class, which the registry
# reads first: wagtail.images registers its own policy in its ready(), which may run after this module's import.
register_permission_policy(get_image_model(), logo_aware_image_policy(), exact_class=True)

register_snippet(TaxonomyGroup)
register_snippet(SiteGroup)
register_snippet(EndorsementViewSet)

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_snippet_listing_buttons")
def add_endorsement_buttons(snippet, user, next_url=None):
    return endorsement_buttons(snippet, user, next_url or "") if isinstance(snippet, Endorsement) else []


@hooks.register("register_log_actions")
def register_endorsement_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_site_structure_panel(request, panels):
    panels.append(SiteStructurePanel())
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
