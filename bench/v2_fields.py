"""What Wagtail's REST API v2 serialises in the benches: the fields the GraphQL side is asked for.

Declared here, not on the models, because the product does not serve v2; bench/urls.py applies them.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField

from campaign.catalogue.cities import City
from campaign.catalogue.taxonomy import ActionPriority
from campaign.pages.charter import PrinciplePage
from campaign.pages.stories import CityStoryPage


class CitySerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["name", "latitude", "longitude"]


class PrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionPriority
        fields = ["number", "title"]


def declare_v2_fields() -> None:
    """What v2 serialises for the comparison: the same fields the GraphQL side asks for."""
    CityStoryPage.api_fields = [
        APIField("summary"),
        APIField("cover", serializer=ImageRenditionField("fill-400x225", source="cover_image")),
        APIField("cities", serializer=CitySerializer(many=True)),
        APIField("action_priorities", serializer=PrioritySerializer(many=True)),
    ]
    PrinciplePage.api_fields = [APIField("number"), APIField("theme"), APIField("priorities")]
