"""The endorsement record and the queue of emails about it."""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface

from campaign.catalogue.uclg_regions import region_for_country
from campaign.endorsements import tally
from campaign.endorsements.choices import CONFIRMED_STATUSES, Kind, Language, PopulationBand, Status
from campaign.publishing import generations
from campaign.text.plain import comparison_key, duplicate_key

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud on the phone


def new_reference() -> str:
    """A public reference for the endorser's correspondence; unlike the primary key it reveals no count."""
    return "LC-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class EndorsementQuerySet(models.QuerySet):
    """QuerySet writes send no model signal: each does what the signals do for a saved endorsement, recount the
    public statistics (campaign.endorsements.tally) and start a new generation of endorsement answers
    (campaign.publishing.generations). A deletion sends a signal per row, so it needs nothing here."""

    def public(self) -> "EndorsementQuerySet":
        """Listed by the API and counted in its statistics (`Endorsement.is_public` for one endorsement)."""
        return self.filter(status=Status.APPROVED, consent_publication=True)

    def update(self, **kwargs) -> int:
        with self.writing():
            return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        with self.writing():
            return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        with self.writing():
            return super().bulk_update(objs, fields, *args, **kwargs)

    @contextmanager
    def writing(self) -> Iterator[None]:
        with transaction.atomic():
            yield
            tally.recount(self.model.objects.public())
            generations.advance(generations.ENDORSEMENTS)


class Endorsement(models.Model):
    reference = models.CharField(_("reference"), max_length=16, unique=True, default=new_reference, editable=False)
    institution_name = models.CharField(_("institution"), max_length=200)
    name_key = models.TextField(editable=False, help_text="Normalised institution name: the list sorts by it.")
    duplicate_key = models.CharField(
        max_length=64,
        editable=False,
        help_text="SHA-256 of the name's confusable skeleton (campaign.text.plain.duplicate_key): the duplicate rule "
        "compares it.",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    region = models.CharField(
        _("UCLG region"),
        max_length=40,
        blank=True,
        help_text=_("Code of the UCLG region; derived from the country unless the endorser or staff chose one."),
    )
    population_band = models.CharField(_("population"), max_length=20, choices=PopulationBand.choices, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    email = models.EmailField(_("contact email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=2, choices=Language.choices, default="fr")
    statement = models.TextField(_("public statement"), max_length=1000, blank=True)
    consent_publication = models.BooleanField(_("consents to publication"), default=False)
    consent_contact = models.BooleanField(_("consents to campaign news"), default=False)
    consent_version = models.CharField(_("consent text version"), max_length=40)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    rejected_at = models.DateTimeField(_("rejected"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    review_reason = models.TextField(_("reason given"), blank=True, editable=False)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("institution_name"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("population_band")]),
                    FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                    FieldPanel("website"),
                    FieldPanel("logo"),
                    FieldPanel("statement"),
                ],
                heading=_("Institution"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldPanel("language"),
                    MultiFieldPanel(
                        [
                            FieldPanel("consent_publication"),
                            FieldPanel("consent_contact"),
                            FieldPanel("consent_version"),
                        ],
                        heading=_("Consent"),
                    ),
                ],
                heading=_("Signatory"),
            ),
            ObjectList(
                [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
                heading=_("Map"),
            ),
        ]
    )

    objects = EndorsementQuerySet.as_manager()
    # Whether the row was public as read (a new endorsement was not); None (unknown: read without its status) counts
    # as public. Saving or deleting a row that was or is public recounts the statistics (campaign.endorsements.tally).
    was_public: bool | None = False

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["duplicate_key", "country"],
                condition=Q(status__in=CONFIRMED_STATUSES),
                name="one_confirmed_endorsement_per_institution",
            ),
        ]
        indexes = [models.Index(fields=["status", "approved_at"])]

    def __str__(self) -> str:
        return f"{self.institution_name} ({self.country.code})"

    def save(self, *args, **kwargs):
        """The keys and the region follow the name and country, however they were edited."""
        self.name_key = comparison_key(self.institution_name)
        self.duplicate_key = duplicate_key(self.institution_name)
        if not self.region and self.country:
            self.region = region_for_country(self.country.code)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        endorsement = super().from_db(db, field_names, values)
        deferred = {"status", "consent_publication"} - set(field_names)
        endorsement.was_public = None if deferred else endorsement.is_public
        return endorsement

    @property
    def is_public(self) -> bool:
        """Counted in the public statistics and listed by the API (`Endorsement.objects.public()` in SQL)."""
        return self.status == Status.APPROVED and self.consent_publication


class OutgoingEmail(models.Model):
    """An email waiting to be sent, or sent. Written in the same transaction as the change it reports, so a
    failing mail server loses nothing: `send_queued_emails` retries what failed. A confirmation's token is not in
    its text: only in `secret`, encrypted, until it is sent (campaign.endorsements.mail)."""

    endorsement = models.ForeignKey(Endorsement, null=True, on_delete=models.CASCADE, related_name="emails")
    purpose = models.CharField(max_length=40)
    to = models.JSONField(help_text="Recipients' addresses.")
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    secret = models.TextField(
        blank=True,
        editable=False,
        help_text="The confirmation token, encrypted with a key derived from SECRET_KEY; erased once sent.",
    )

    class Meta:
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} → {', '.join(self.to)}"
