"""Cities (and other local governments) that city stories are about."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaign.i18n.locales import in_default_locale


class City(TranslatableMixin, index.Indexed, models.Model):
    """A city, region or other territory. Only its name is translated ("La Haye", "The Hague", "La Haya")."""

    name = models.CharField(
        max_length=255, verbose_name=_("name"), help_text=_("The city's name as written in this language.")
    )
    country = CountryField(verbose_name=_("country"), help_text=_("ISO 3166-1 country."))
    region = models.ForeignKey(
        "campaign.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("UCLG region"),
        help_text=_("The UCLG section the city belongs to; used to filter stories by region."),
    )
    latitude = models.DecimalField(
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        verbose_name=_("latitude"),
        help_text=_("Decimal degrees, north positive: 45.1885"),
    )
    longitude = models.DecimalField(
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        verbose_name=_("longitude"),
        help_text=_("Decimal degrees, east positive: 5.7245"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Position on the map"),
        ),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("country"),
        SynchronizedField("region"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("country")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name
