"""Every page type can be created, edited and published by an editor through the Wagtail admin."""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from campaign.models import (
    ActionPriority,
    CampaignPage,
    CharterChapterPage,
    CharterPage,
    CityStoryIndexPage,
    CityStoryPage,
    EndorsePage,
    HomePage,
    MilestonePage,
    PrinciplePage,
    StandardPage,
    TimelinePage,
)

from .factories import CityFactory, EngagementTypeFactory, PrinciplePageFactory, ThemeFactory, make_image, section


def form_data(fields: dict) -> dict:
    """Nested values (StreamFields, formsets) flattened; lists of ids kept as multiple values of one field."""
    data = nested_form_data({name: value for name, value in fields.items() if not isinstance(value, list)})
    return {**data, **{name: value for name, value in fields.items() if isinstance(value, list)}}


def paragraph(text: str) -> dict:
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


class AdminEditingTests(WagtailPageTestCase):
    def setUp(self):
        # Signed in without a password check: admin logins go through django-axes, which needs a request.
        user = self.create_superuser("editor", "editor@example.org", "editor-password")
        self.client.force_login(user)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        self.root = Page.get_first_root_node()

    def create(self, parent: Page, model: type, **fields) -> Page:
        self.assertCanCreate(parent, model, form_data(fields))
        return model.objects.child_of(parent).get(slug=fields["slug"])

    def new_home(self) -> HomePage:
        return self.create(
            self.root,
            HomePage,
            title="Autre accueil",
            slug="autre-accueil",
            hero_title="Titre",
            tagline="Devise",
            body=paragraph("Bienvenue"),
            featured_chapters=inline_formset([]),
            featured_stories=inline_formset([]),
        )

    def test_each_page_type_can_be_created_and_published(self):
        home = self.new_home()
        charter = self.create(
            home,
            CharterPage,
            title="Charte",
            slug="charte-test",
            subtitle="",
            hashtags="#NotABorderTale",
            intro=paragraph("Préambule"),
            closing=streamfield([]),
            contributors=streamfield([("name", "Sfax")]),
            partners=streamfield([]),
        )
        self.create(
            charter,
            CharterChapterPage,
            title="Ambition",
            slug="ambition",
            number=1,
            subtitle="",
            body=paragraph("Texte"),
        )
        self.create(
            charter,
            PrinciplePage,
            title="Dignité",
            slug="dignite",
            number=1,
            theme="Réponses humanitaires",
            body=paragraph("Deux paragraphes"),
            priorities=streamfield([("priority", f"Priorité {n}") for n in range(5)]),
        )
        timeline = self.create(home, TimelinePage, title="Chronologie", slug="chronologie", intro=streamfield([]))
        self.create(
            timeline,
            MilestonePage,
            title="Adoption",
            slug="adoption",
            year=2022,
            month=10,
            day="",
            sort_key=10,
            summary="Adoptée à Daejeon.",
        )
        stories = self.create(home, CityStoryIndexPage, title="Histoires", slug="histoires", intro=streamfield([]))
        self.create(stories, CityStoryPage, **self.story_fields())
        self.create(
            home,
            CampaignPage,
            title="Campagne",
            slug="campagne",
            tagline="Pas qu'une histoire de frontière",
            launch_year=2021,
            launch_month=12,
            hashtags="#NotABorderTale",
            key_messages=streamfield([]),
            share_texts=streamfield([]),
            body=paragraph("Texte"),
            featured_stories=inline_formset([]),
        )
        self.create(
            home,
            EndorsePage,
            title="Adhérer",
            slug="adherer",
            intro=streamfield([]),
            consent_text="J'accepte.",
            consent_version="2026-11",
            thank_you_title="Merci",
            thank_you_text="Confirmez par courriel.",
            confirmed_title="Confirmé",
            confirmed_text="Nous vérifions.",
        )
        self.create(home, StandardPage, title="À propos", slug="a-propos", body=paragraph("Qui nous sommes"))

        created = home.get_descendants().live().specific()
        self.assertEqual(
            {type(page) for page in created},
            {
                CharterPage,
                CharterChapterPage,
                PrinciplePage,
                TimelinePage,
                MilestonePage,
                CityStoryIndexPage,
                CityStoryPage,
                CampaignPage,
                EndorsePage,
                StandardPage,
            },
        )

    def story_fields(self, **overrides) -> dict:
        fields = {
            "title": "Une histoire de Grenoble",
            "slug": "une-histoire-de-grenoble",
            "kind": "action",
            "summary": "Grenoble accueille.",
            "body": paragraph("Récit"),
            "cover_image": make_image().pk,
            "cover_credit": "© Ville de Grenoble",
            "quote_text": "Une ville accueillante.",
            "quote_author": "Éric Piolle",
            "quote_role": "Maire",
            "scope": "local",
            "cities": [CityFactory(name="Grenoble").pk],
            "scope_country": "",
            "scope_region": "",
            "report_priority": "",
            "head_of_executive": "Éric Piolle",
            "head_of_executive_title": "Maire",
            "period_start_year": 2023,
            "period_start_month": 6,
            "period_end_year": "",
            "period_end_month": "",
            "ongoing": "on",
            "engagement_type": EngagementTypeFactory().pk,
            "action_priorities": [ActionPriority.objects.filter(locale__language_code="fr").first().pk],
            "principles": [PrinciplePageFactory(parent=section(CharterPage)).pk],
            "themes": [ThemeFactory().pk],
            "original_title": "",
            "source_document": "",
            "source_reference": "",
        }
        return {**fields, **overrides}

    def test_an_editor_creates_and_publishes_a_city_story_with_an_image(self):
        stories = CityStoryIndexPage.objects.get(locale__language_code="fr")
        story = self.create(stories, CityStoryPage, **self.story_fields())
        self.assertTrue(story.live)
        self.assertEqual(story.cover_image.title, "Test cover")
        self.assertEqual([city.name for city in story.cities.all()], ["Grenoble"])
        self.assertEqual(story.quote_author, "Éric Piolle")

    def test_a_story_ending_before_it_starts_is_refused_with_a_clear_message(self):
        stories = CityStoryIndexPage.objects.get(locale__language_code="fr")
        data = form_data(self.story_fields(ongoing="", period_end_year=2020))
        data["action-publish"] = "action-publish"
        url = reverse("wagtailadmin_pages:add", args=["campaign", "citystorypage", stories.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        with translation.override("en"):  # errors are lazy: read them in the editor's language
            self.assertIn("The end comes before the start.", response.context["form"].errors["period_end_year"])
        self.assertFalse(CityStoryPage.objects.filter(slug="une-histoire-de-grenoble").exists())

    def refused(self, fields: dict) -> dict:
        """Posts a new story for publication; returns its form's errors (in English), having checked nothing saved."""
        stories = CityStoryIndexPage.objects.get(locale__language_code="fr")
        data = form_data(self.story_fields(**fields))
        data["action-publish"] = "action-publish"
        url = reverse("wagtailadmin_pages:add", args=["campaign", "citystorypage", stories.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CityStoryPage.objects.filter(slug="une-histoire-de-grenoble").exists())
        with translation.override("en"):
            return {name: [str(error) for error in errors] for name, errors in response.context["form"].errors.items()}

    def test_where_a_story_happens_follows_its_scope(self):
        self.assertIn("A local action takes place in at least one city.", self.refused({"cities": []})["cities"])
        self.assertIn(
            "Only a local action has cities: clear them, or make the scope local.",
            self.refused({"scope": "global"})["cities"],
        )
        errors = self.refused({"scope": "national", "cities": []})
        self.assertIn("A national action, and only a national action, names its country.", errors["scope_country"])
        errors = self.refused({"scope_country": "FR"})
        self.assertIn("A national action, and only a national action, names its country.", errors["scope_country"])

    def test_a_national_story_has_a_country_and_no_city(self):
        stories = CityStoryIndexPage.objects.get(locale__language_code="fr")
        story = self.create(
            stories, CityStoryPage, **self.story_fields(scope="national", cities=[], scope_country="FR")
        )
        self.assertEqual((story.scope, story.scope_country.code, story.cities.count()), ("national", "FR", 0))

    def test_a_footnote_marker_needs_its_note_on_the_same_page(self):
        marked = rich_text("<p>Un chiffre<sup>3</sup> sans sa note.</p>", features=["superscript"])
        errors = self.refused({"body": streamfield([("paragraph", marked)])})
        self.assertIn("Footnote 3 has no note on this page: add it in a Footnotes block.", errors["__all__"])

    def test_a_principle_needs_exactly_five_priorities(self):
        charter = CharterPage.objects.get(locale__language_code="fr")
        data = nested_form_data(
            {
                "title": "Huitième",
                "slug": "huitieme",
                "number": 7,
                "theme": "Thème",
                "body": paragraph("Texte"),
                "priorities": streamfield([("priority", "Une seule")]),
                "action-publish": "action-publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["campaign", "principlepage", charter.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("priorities", response.context["form"].errors)
        self.assertFalse(PrinciplePage.objects.filter(slug="huitieme").exists())

    def test_every_loaded_page_type_opens_in_the_editor(self):
        for model in (
            HomePage,
            CharterPage,
            PrinciplePage,
            MilestonePage,
            CityStoryPage,
            CampaignPage,
            EndorsePage,
            StandardPage,
            TimelinePage,
            CityStoryIndexPage,
            CharterChapterPage,
        ):
            page = model.objects.filter(locale__language_code="fr").first()
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(response.status_code, 200, model.__name__)

    def test_an_editor_edits_and_republishes_a_story(self):
        stories = CityStoryIndexPage.objects.get(locale__language_code="fr")
        story = self.create(stories, CityStoryPage, **self.story_fields())
        data = form_data(self.story_fields(summary="Grenoble accueille toutes et tous."))
        data["action-publish"] = "action-publish"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual(story.summary, "Grenoble accueille toutes et tous.")
        self.assertTrue(story.live)
        self.assertFalse(story.has_unpublished_changes)
