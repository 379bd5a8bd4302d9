"""Every model of the campaign app, gathered for Django; each lives in the module of its concept."""

from campaign.assets.alt_text import ImageAltText
from campaign.catalogue.cities import City
from campaign.catalogue.navigation import NavigationMenu, SiteSettings
from campaign.catalogue.served_stories import ServedStoriesState, ServedStory
from campaign.catalogue.taxonomy import ActionPriority, EngagementType, Region, Theme
from campaign.endorsements.models import Endorsement, OutgoingEmail
from campaign.endorsements.tally import EndorsementTally
from campaign.i18n.translation_state import PublishedTranslation
from campaign.loader.records import ContentRecord
from campaign.pages.campaign_page import CampaignPage
from campaign.pages.charter import CharterChapterPage, CharterPage, PrinciplePage
from campaign.pages.endorse import EndorsePage
from campaign.pages.featured import CampaignFeaturedStory, HomeFeaturedChapter, HomeFeaturedStory
from campaign.pages.home import HomePage
from campaign.pages.standard import StandardPage
from campaign.pages.stories import CityStoryIndexPage, CityStoryPage
from campaign.pages.timeline import MilestonePage, TimelinePage
from campaign.publishing.names_to_confirm import NameToConfirm
from campaign.publishing.preview import PagePreview
from campaign.publishing.revalidation.notifications import FrontendNotification
from campaign.search.models import SearchDocument, SearchWord

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
    "EndorsementTally",
    "EngagementType",
    "FrontendNotification",
    "HomeFeaturedChapter",
    "HomeFeaturedStory",
    "HomePage",
    "ImageAltText",
    "MilestonePage",
    "NameToConfirm",
    "NavigationMenu",
    "OutgoingEmail",
    "PagePreview",
    "PrinciplePage",
    "PublishedTranslation",
    "Region",
    "SearchDocument",
    "SearchWord",
    "ServedStoriesState",
    "ServedStory",
    "SiteSettings",
    "StandardPage",
    "Theme",
    "TimelinePage",
]
