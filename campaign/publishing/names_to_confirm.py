"""Names the sources print but an editor must confirm before launch (a title, a spelling, a translator's doubt).

The site keeps the source's words; the list says what to check and where. It comes from
campaign/content/names_to_confirm.yaml (also printed in docs/editors.md), and the dashboard shows staff every entry
not yet marked confirmed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component


class NameToConfirm(models.Model):
    # The content file's key for loaded entries (the loader finds them again by it); empty for one added by staff.
    key = models.SlugField(max_length=80, unique=True, null=True, blank=True, editable=False, verbose_name=_("key"))
    name = models.CharField(max_length=255, verbose_name=_("name as printed"))
    doubt = models.TextField(verbose_name=_("what to confirm"))
    where = models.CharField(
        max_length=255, verbose_name=_("where it appears"), help_text=_("Source line and content file.")
    )
    confirmed = models.BooleanField(
        default=False,
        verbose_name=_("checked and confirmed"),
        help_text=_("Tick once checked (and corrected in the content if needed): the dashboard stops listing it."),
    )
    confirmed_note = models.TextField(
        blank=True, verbose_name=_("how it was confirmed"), help_text=_("Who confirmed it, and against what.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("doubt"),
        FieldPanel("where"),
        FieldPanel("confirmed"),
        FieldPanel("confirmed_note"),
    ]

    class Meta:
        verbose_name = _("name to confirm")
        verbose_name_plural = _("names to confirm")
        ordering = ["confirmed", "name"]

    def __str__(self) -> str:
        return self.name


class NamesToConfirmPanel(Component):
    """The dashboard's reminder: every name still to confirm, each linking to the form that marks it confirmed."""

    name = "names_to_confirm"
    order = 90
    template_name = "campaign/admin/names_to_confirm_panel.html"

    def get_context_data(self, parent_context=None):
        pending = NameToConfirm.objects.filter(confirmed=False).order_by("name")
        return {"pending": pending, "language_code": settings.LANGUAGE_CODE}
