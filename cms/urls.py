"""URL map: the Wagtail admin for staff, the GraphQL API for the frontend, public media (cms.media).

There is no public HTML site here: the separate frontend renders pages from /graphql/.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from graphql_api.views import graphql_view

from .account import AccountViewSayingWhatFailed
from .health import healthz
from .media import serve_media

urlpatterns = [
    path("admin/account/", AccountViewSayingWhatFailed.as_view(), name="wagtailadmin_account"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", graphql_view, name="graphql"),
    path("healthz", healthz, name="healthz"),
    # Images and renditions outside restricted collections, in every environment; documents go by /documents/.
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", serve_media, name="media"),
]

# Page paths carry the locale prefix, as on the frontend (/fr/charte/); serving one redirects to the frontend.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
