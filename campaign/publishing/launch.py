"""The launch check: site settings that are still empty or still a placeholder (`manage.py check --deploy`).

The seeds give no contact address, hosting provider or social accounts, so the site ships without them and prints
nothing in their place (campaign.catalogue.site_facts). Before launch, staff fill them in the admin; this check
lists, per language where the setting is text, every one still to fill. It reads the database, so it runs only
with --deploy, and says so when the database cannot be read.
"""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

# Values written while the site was built, never real ones.
PLACEHOLDER_EMAILS = {"contact@lampedusa-charter.org"}
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net")
PLACEHOLDER_PHRASES = ("documentation de déploiement", "to be confirmed", "à préciser", "placeholder", "todo")


def is_placeholder(value: str) -> bool:
    text = value.strip().lower()
    if not text:
        return True
    if text in PLACEHOLDER_EMAILS or text.rsplit("@", 1)[-1] in PLACEHOLDER_DOMAINS:
        return True
    return any(phrase in text for phrase in PLACEHOLDER_PHRASES)


def unfilled_settings() -> list[str]:
    """What is still to fill, e.g. "contact_email", "hosting (en)", "social_links"; [] when ready."""
    from campaign.models import SiteSettings

    rows = list(SiteSettings.objects.select_related("locale").order_by("locale__language_code"))
    if not rows:
        return ["site settings (none loaded)"]
    # Address and accounts are the same in every language (synchronised): the French settings hold them.
    source = next((row for row in rows if row.locale.language_code == settings.LANGUAGE_CODE), rows[0])
    missing = []
    if is_placeholder(source.contact_email):
        missing.append("contact_email")
    missing += [f"hosting ({row.locale.language_code})" for row in rows if is_placeholder(row.hosting)]
    if not len(source.social_links):
        missing.append("social_links")
    missing += [f"share_image ({row.locale.language_code})" for row in rows if not row.share_image_id]
    return missing


@checks.register(checks.Tags.compatibility, deploy=True)
def check_launch_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        missing = unfilled_settings()
    except DatabaseError as error:
        return [checks.Warning(f"The launch settings could not be read: {error}", id="campaign.W201")]
    return [
        checks.Warning(
            f"Launch setting still empty or a placeholder: {name}.",
            hint="Fill it in the admin: Site › Site settings (in each language for text).",
            id="campaign.W200",
        )
        for name in missing
    ]
