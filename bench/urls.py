"""The product's URLs plus Wagtail's REST API v2 at /api/v2/, for the comparison bench only."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from bench.v2_fields import declare_v2_fields
from cms.urls import urlpatterns as product_urlpatterns

declare_v2_fields()

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *product_urlpatterns]
