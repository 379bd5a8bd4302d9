"""Grows the demo site to a given size: generated city stories and approved endorsements, to measure how the API's
cost follows the size of the site (bench/growth_bench.py).

Run after `load_campaign_content`. Generated stories look like the real ones to the catalogue: published in the
French tree under the stories index, with English and Spanish aliases (as an untranslated story has), cities,
priorities, principles, themes, a scope, an engagement type, a period and a cover reused from the real stories.
They are numbered by their slug (`generated-story-N`), so a second run with the same numbers adds nothing, and a
larger number adds only the difference. Endorsements are written in bulk, already approved. ANALYZE closes the
run, as after the loader: the planner must know the tables grew.
"""

import itertools
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail_localize.synctree import create_aliases_for_new_page

from campaign.catalogue.cities import City
from campaign.catalogue.uclg_regions import region_for_country
from campaign.endorsements.choices import Kind, Status
from campaign.endorsements.models import Endorsement
from campaign.i18n.locales import default_locale
from campaign.loader.statistics import analyze
from campaign.models import ActionPriority, CityStoryIndexPage, CityStoryPage, EngagementType, PrinciplePage, Theme
from campaign.text.plain import comparison_key, duplicate_key

SLUG = "generated-story-"
ENDORSER = "Generated endorser "
# Generated stories are listed after the real ones' first publications, each a minute apart: no two share an instant.
FIRST_PUBLISHED = datetime(2026, 1, 1, tzinfo=UTC)
ENDORSEMENT_BATCH = 1000


class Command(BaseCommand):
    help = "Add generated city stories and approved endorsements to the loaded demo content, up to the given totals."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=0, help="City stories in the French tree in all.")
        parser.add_argument("--endorsements", type=int, default=0, help="Approved endorsements in all.")

    def handle(self, *args, stories: int = 0, endorsements: int = 0, **options):
        if stories < 0 or endorsements < 0:
            raise CommandError("--stories and --endorsements are totals: zero or more.")
        french = default_locale()
        index = CityStoryIndexPage.objects.filter(locale=french).first()
        if index is None:
            raise CommandError("No stories index: run `manage.py load_campaign_content` first.")
        added = self.grow_stories(index, stories)
        approved = self.grow_endorsements(endorsements)
        analyze()
        self.stdout.write(self.style.SUCCESS(f"{added} stories and {approved} endorsements added."))

    def grow_stories(self, index: CityStoryIndexPage, total: int) -> int:
        existing = CityStoryPage.objects.filter(locale=index.locale)
        missing = total - existing.count()
        if missing <= 0:
            return 0
        models = StoryModels(index)
        taken = {
            int(slug.removeprefix(SLUG))
            for slug in existing.filter(slug__startswith=SLUG).values_list("slug", flat=True)
        }
        numbers = (n for n in itertools.count(1) if n not in taken)
        for done, number in enumerate(itertools.islice(numbers, missing), start=1):
            with transaction.atomic():
                page = models.story(number)
                index.add_child(instance=page)
                create_aliases_for_new_page(page)
            if done % 100 == 0:
                self.stdout.write(f"  {done} of {missing} stories")
        return missing

    def grow_endorsements(self, total: int) -> int:
        approved = Endorsement.objects.public()
        missing = total - approved.count()
        if missing <= 0:
            return 0
        start = Endorsement.objects.filter(institution_name__startswith=ENDORSER).count()
        countries = [city.country.code for city in City.objects.filter(locale=default_locale())] or ["FR"]
        rows = (endorsement(start + n, countries) for n in range(missing))
        while batch := list(itertools.islice(rows, ENDORSEMENT_BATCH)):
            Endorsement.objects.bulk_create(batch)
        return missing


class StoryModels:
    """What generated stories are made of: the real stories' classifications, cities and covers, in rotation."""

    def __init__(self, index: CityStoryIndexPage):
        locale = index.locale
        real = list(CityStoryPage.objects.filter(locale=locale).exclude(slug__startswith=SLUG).order_by("path"))
        if not real:
            raise CommandError("No story to model generated ones on: run `manage.py load_campaign_content` first.")
        self.real = real
        self.locale = locale
        self.cities = list(City.objects.filter(locale=locale).order_by("pk"))
        self.principles = list(PrinciplePage.objects.filter(locale=locale).order_by("number"))
        self.priorities = list(ActionPriority.objects.filter(locale=locale).order_by("number"))
        self.themes = list(Theme.objects.filter(locale=locale).order_by("pk"))
        self.engagements = list(EngagementType.objects.filter(locale=locale).order_by("pk"))
        self.covers = [story.cover_image_id for story in real if story.cover_image_id]

    def story(self, n: int) -> CityStoryPage:
        model = self.real[n % len(self.real)]
        city = self.cities[n % len(self.cities)] if self.cities else None
        place = city.name if city else model.title
        published = FIRST_PUBLISHED + timedelta(minutes=n)
        page = CityStoryPage(
            title=f"{place}: {model.title} ({n})",
            slug=f"{SLUG}{n}",
            locale=self.locale,
            summary=model.summary,
            body=list(model.body.raw_data),
            scope="local" if city else model.scope,
            kind=model.kind,
            cover_image_id=self.covers[n % len(self.covers)] if self.covers else None,
            cover_credit=model.cover_credit,
            period_start_year=2005 + n % 20,
            period_start_month=(n % 13) or None,
            ongoing=n % 3 == 0,
            engagement_type=self.engagements[n % len(self.engagements)] if self.engagements else None,
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        page.cities = [city] if city else []
        page.principles = rotation(self.principles, n, 1 + n % 3)
        page.action_priorities = rotation(self.priorities, n, 1 + n % 2)
        page.themes = rotation(self.themes, n, 1 + n % 3)
        return page


def rotation(items: list, n: int, count: int) -> list:
    """`count` items from position n on, wrapping around: every item is used, in varied combinations."""
    return [items[(n + i * 3) % len(items)] for i in range(min(count, len(items)))] if items else []


def endorsement(n: int, countries: list[str]) -> Endorsement:
    name = f"{ENDORSER}{n}"
    country = countries[n % len(countries)]
    approved = FIRST_PUBLISHED + timedelta(hours=n)
    return Endorsement(
        institution_name=name,
        name_key=comparison_key(name),
        duplicate_key=duplicate_key(name),
        kind=Kind.values[n % len(Kind.values)],
        country=country,
        region=region_for_country(country),
        signatory_name=f"Signatory {n}",
        signatory_title="Mayor",
        consent_publication=True,
        consent_version="generated",
        status=Status.APPROVED,
        submitted_at=approved,
        confirmed_at=approved,
        approved_at=approved,
    )
