"""What every page type of this headless site shares: URLs point at the frontend, not at this server."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page

from campaign.publishing.frontend_health import frontend_answers
from campaign.publishing.preview import create_preview, preview_url
from campaign.text.footnotes import markers_without_notes


def frontend_path(page: Page, language_code: str | None = None) -> str:
    """The frontend path of a page: its locale prefix, then its slugs below the locale's home page.

    `url_path` is "/<home slug>/charte/dignite/"; the language code replaces the home segment: "/fr/charte/dignite/".
    """
    below_home = page.url_path.strip("/").split("/")[1:]
    code = language_code or page.locale.language_code
    return "/" + "/".join([code, *below_home]) + "/"


# The admin's preview modes: the frontend and the reading view the backend renders. Both are named: wagtail-localize's
# translation editor puts the mode in a URL path, where Wagtail's unnamed default mode ("") has no place.
HEADLESS_PREVIEW = "frontend"
READING_VIEW = "reading"

PROMOTE_PANELS = [
    MultiFieldPanel(
        [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"), FieldPanel("share_image")],
        heading=_("For search engines and sharing"),
    ),
]


def page_tabs(content: list, details: list | None = None) -> TabbedInterface:
    """Content first, classification second (when a type has some), then promote and settings."""
    tabs = [ObjectList(content, heading=_("Content"))]
    if details:
        tabs.append(ObjectList(details, heading=_("Details")))
    tabs += [
        ObjectList(PROMOTE_PANELS, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ]
    return TabbedInterface(tabs)


class BasePage(Page):
    """Abstract base: no HTML is rendered here; visiting a page on this server sends you to the frontend."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("share image"),
        help_text=_(
            "Shown when the page is shared on social media. Empty: a story's cover, else the site's default "
            "share image (site settings)."
        ),
    )

    promote_panels = PROMOTE_PANELS

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        missing = markers_without_notes(self)
        if missing:
            raise ValidationError(
                _("Footnote %(markers)s has no note on this page: add it in a Footnotes block.")
                % {"markers": ", ".join(missing)}
            )

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        return parts[0], settings.FRONTEND_URL, frontend_path(self)

    def serve(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_full_url(request))

    @property
    def preview_modes(self):
        return [(HEADLESS_PREVIEW, _("Frontend")), (READING_VIEW, _("Reading view"))]

    @property
    def default_preview_mode(self):
        return HEADLESS_PREVIEW if frontend_answers() else READING_VIEW

    def serve_preview(self, request, mode_name):
        """The frontend, which fetches this draft with `preview(token)`; the reading view when asked, or when the
        frontend does not answer (with a notice saying so, instead of a broken page in the panel)."""
        render_reading_view = import_string(settings.PREVIEW_READING_VIEW)
        if mode_name == READING_VIEW:
            return render_reading_view(request, self)
        if not frontend_answers():
            notice = _("The frontend (%(url)s) does not answer: this is the reading view of the draft.")
            return render_reading_view(request, self, notice=notice % {"url": settings.FRONTEND_URL or "—"})
        return HttpResponseRedirect(preview_url(create_preview(self)))
