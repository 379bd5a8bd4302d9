"""The product's URLs plus Wagtail's REST API v2 at /api/v2/ and the floor views at /floor/, for the benches only."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from bench import floor_views
from bench.v2_fields import declare_v2_fields
from cms.urls import urlpatterns as product_urlpatterns

declare_v2_fields()

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("floor/story-list/", floor_views.story_list),
    path("floor/story/", floor_views.story),
    path("floor/home/", floor_views.home),
    *product_urlpatterns,
]
