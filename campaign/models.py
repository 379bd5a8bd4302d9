"""Every model of the campaign app, gathered for Django; each lives in the module of its concept."""

from .cities import City
from .content_records import ContentRecord
from .endorsements.models import Endorsement, OutgoingEmail
from .navigation import NavigationMenu, SiteSettings
from .pages.campaign_page import CampaignPage
from .pages.charter import CharterChapterPage, CharterPage, PrinciplePage
from .pages.featured import CampaignFeaturedStory, HomeFeaturedChapter, HomeFeaturedStory
from .pages.home import HomePage
from .pages.standard import EndorsePage, StandardPage
from .pages.stories import CityStoryIndexPage, CityStoryPage
from .pages.timeline import MilestonePage, TimelinePage
from .preview import PagePreview
from .revalidation import FrontendNotification
from .taxonomy import ActionPriority, EngagementType, Region, Theme
from .translation_state import PublishedTranslation

__all__ = [
    "ActionPriority",
    "CampaignFeaturedStory",
    "CampaignPage",
    "CharterChapterPage",
    "CharterPage",
    "City",
    "CityStoryIndexPage",
    "CityStoryPage",
    "ContentRecord",
    "EndorsePage",
    "Endorsement",
    "EngagementType",
    "FrontendNotification",
    "HomeFeaturedChapter",
    "HomeFeaturedStory",
    "HomePage",
    "MilestonePage",
    "NavigationMenu",
    "OutgoingEmail",
    "PagePreview",
    "PrinciplePage",
    "PublishedTranslation",
    "Region",
    "SiteSettings",
    "StandardPage",
    "Theme",
    "TimelinePage",
]
