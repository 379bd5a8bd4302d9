"""A text missing from a language's catalogues shows its msgid, never another language.

Django's DjangoTranslation._add_fallback (django/utils/translation/trans_real.py) chains every language's
catalogue to settings.LANGUAGE_CODE's. Ours is "fr" (French is the source of the site's content), so in the
Spanish admin each string that Wagtail's or wagtail-localize's Spanish catalogue lacks appeared in French
("Rechercher...", "Afficher les filtres"). The msgids of Django, Wagtail, wagtail-localize and this project are
English: with no fallback at all, a missing string shows in English, the interface's source language, and our
catalogues (locale/<lang>/LC_MESSAGES/django.po) supply what the apps' catalogues lack.

French users still get French (their own catalogue), English users the msgids; regional variants ("es-ar") still
find their base language's catalogue, since gettext itself looks up "es_AR" then "es".
"""

from django.utils.translation import gettext_noop, ngettext_lazy, trans_real


def _no_fallback(self, localedirs=None):
    """Replaces DjangoTranslation._add_fallback: no catalogue behind this one, so gettext answers the msgid."""


def apply():
    """Installs the rule once at startup (cms.apps.CmsConfig.ready) and drops translations already built, which
    would still hold the French fallback."""
    if trans_real.DjangoTranslation._add_fallback is _no_fallback:
        return
    trans_real.DjangoTranslation._add_fallback = _no_fallback
    trans_real._translations = {}
    trans_real._default = None


# The strings locale/<lang>/LC_MESSAGES/django.po supply for Wagtail and wagtail-localize: missing from their
# Spanish catalogue, wrong there (a missing space, a typo), or where their French and Spanish say "Région" for a
# locale (a language here: "Région" is UCLG's regions). Named here so that `makemessages` keeps them in our
# catalogues: it drops any msgid no source file of the project uses. Their translations live in the .po files only.
SUPPLIED_STRINGS = (
    # An inline panel's add button: our labels carry their article ("a featured story"), which French and Spanish
    # need for gender ("une histoire", "un chapitre"); Wagtail's "Ajouter un(e) %(label)s" cannot know it.
    gettext_noop("Add %(label)s"),
    gettext_noop("Locale"),
    gettext_noop("locale"),
    gettext_noop("Locales"),
    gettext_noop("Locale: "),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Switch locales"),
    gettext_noop("Wagtail locales"),
    gettext_noop("This locale's language code is not supported"),
    gettext_noop(
        "This locale's current language code is not supported. Please choose a new language or delete this locale."
    ),
    gettext_noop("Add a locale"),
    gettext_noop("Add locale"),
    gettext_noop("Locale '%(object)s' created."),
    gettext_noop("Locale '%(object)s' updated."),
    gettext_noop("Locale '%(object)s' deleted."),
    gettext_noop("The locale could not be saved due to errors."),
    gettext_noop("Delete locale"),
    gettext_noop("Are you sure you want to delete this locale?"),
    gettext_noop("This locale cannot be deleted because there are no other locales."),
    gettext_noop("This locale cannot be deleted because there are pages and/or other objects using it."),
    gettext_noop("This locale cannot be synced into itself."),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop(
        "Choose a locale to synchronise content from. Any existing and future content authored in the "
        "selected locale will be automatically copied to this one."
    ),
    gettext_noop("{} locales"),
    gettext_noop("Current page status:"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Editing %(object_type)s %(title)s"),
    gettext_noop("Any"),
    gettext_noop("Monospace (code)"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    gettext_noop("A network error occurred"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Add or show comments"),
    gettext_noop("All keyboard shortcuts"),
    gettext_noop("Anyone"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Application"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Button text is empty"),
    gettext_noop("By task"),
    gettext_noop("Checks"),
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Content metrics"),
    gettext_noop("Cut"),
    gettext_noop("Dark"),
    gettext_noop("Date updated"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Edited by"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Empty heading found"),
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
    gettext_noop("Exploring"),
    gettext_noop("Filter by"),
    gettext_noop("First published"),
    gettext_noop("Has child pages"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Is commenting action"),
    gettext_noop("Keyboard shortcut"),
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."),
    gettext_noop("Last edit"),
    gettext_noop("Last edited page"),
    gettext_noop("Light"),
    gettext_noop("Link text is empty"),
    gettext_noop("Locked by"),
    gettext_noop("Locking: "),
    gettext_noop("Meta description is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("More bulk actions"),
    gettext_noop("More contrast"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("No pages/snippets have been submitted for moderation yet"),
    gettext_noop("Page type"),
    gettext_noop("Page types usage"),
    gettext_noop("Paste"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Readability"),
    gettext_noop("Reading time"),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times"),
    gettext_noop("Save changes"),
    gettext_noop("Save your changes before leaving"),
    gettext_noop("Saved"),
    gettext_noop("Search all pages…"),
    gettext_noop("Search…"),
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on '
        "how content metrics are calculated."
    ),
    gettext_noop("Shortcuts"),
    gettext_noop("Show disabled"),
    gettext_noop("Show filters"),
    gettext_noop("Show issue"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Snug"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Strike-through"),
    gettext_noop("System default"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Text editing"),
    gettext_noop("Text formatting"),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),
    gettext_noop("This data explained"),
    gettext_noop('This publishing schedule will only take effect after you select the "Schedule to publish" option'),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle minimap"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to "
        "view the last saved version."
    ),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Use server language: %(language_name)s"),
    gettext_noop("Use server time zone"),
    gettext_noop("View latest version"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("We calculate reading time from word count, using different reading speeds for different languages."),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words "
        "result in a worse readability score."
    ),
    gettext_noop("Words"),
    gettext_noop("account"),
    gettext_noop("admin theme"),
    gettext_noop("contrast"),
    gettext_noop("density"),
)
