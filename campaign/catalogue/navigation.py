"""Navigation menus and site-wide settings, both translatable snippets with one version per locale."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaign.blocks import MenuItemBlock, SocialLinkBlock
from campaign.i18n.locales import in_default_locale
from campaign.text.hashtags import validate_hashtags


class NavigationMenu(TranslatableMixin, models.Model):
    """A menu the frontend renders (main, footer). Links to pages are localized by the API."""

    HANDLES = [("main", _("Main menu")), ("footer", _("Footer menu"))]

    handle = models.CharField(
        max_length=20,
        choices=HANDLES,
        verbose_name=_("menu"),
        help_text=_("Where the frontend shows this menu."),
    )
    items = StreamField(
        [("item", MenuItemBlock())],
        blank=True,
        verbose_name=_("items"),
        help_text=_(
            "Menu entries in order; each links to a page of this site or to another site, with optional sub-items."
        ),
    )

    panels = [FieldPanel("handle"), FieldPanel("items")]
    translatable_fields = [SynchronizedField("handle"), TranslatableField("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")
        constraints = [models.UniqueConstraint(fields=["handle", "locale"], name="unique_menu_handle_per_locale")]

    def __str__(self) -> str:
        return str(self.get_handle_display())


class SiteSettings(TranslatableMixin, models.Model):
    """Site-wide facts the frontend shows on every page. One record, translated like a page."""

    site_name = models.CharField(
        max_length=255, verbose_name=_("site name"), help_text=_("Shown by the frontend in titles and link previews.")
    )
    contact_email = models.EmailField(
        blank=True,
        verbose_name=_("contact email"),
        help_text=_(
            "Public address for questions about the charter and the campaign. Until it is filled, the API answers "
            "null and pages leave out the sentences that would print it."
        ),
    )
    hashtags = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_hashtags],
        verbose_name=_("hashtags"),
        help_text=_("Separated by spaces, each starting with #: #LampedusaCharter #NotABorderTale"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("privacy page"),
        help_text=_("The page explaining what the endorsement form collects and why."),
    )
    hosting = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("hosting provider"),
        help_text=_(
            "Name and address of the company hosting the site, for the legal notice (per language). Until it is "
            "filled, the legal notice leaves its hosting sentence out."
        ),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social links"),
        help_text=_("The campaign's accounts, in the order shown."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default share image"),
        help_text=_(
            "Shown when a page without its own share image is shared (1200 × 630). It carries text, so each "
            "language may override it with its own."
        ),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("contact_email"),
        FieldPanel("hashtags"),
        FieldPanel("privacy_page"),
        FieldPanel("hosting"),
        FieldPanel("social_links"),
        FieldPanel("share_image"),
    ]
    translatable_fields = [
        TranslatableField("site_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("hashtags"),
        SynchronizedField("privacy_page"),
        SynchronizedField("social_links"),
        TranslatableField("hosting"),
        SynchronizedField("share_image", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return self.site_name

    def clean(self):
        super().clean()
        others = SiteSettings.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("This language already has its site settings: edit those instead."))
