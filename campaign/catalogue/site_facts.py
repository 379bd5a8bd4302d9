"""Facts of the site settings that pages print in a sentence (the contact address, the hosting provider).

A page does not copy such a fact into its text: it holds a sentence with a `{value}` slot, filled from the
settings of the reader's language when it is served. Until staff fill the setting, the sentence is left out, so no
placeholder ever reaches a visitor, and changing the address in the settings changes every page that prints it.
"""

from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _

SLOT = "{value}"
SITE_FACTS = {"contact_email": _("Contact email"), "hosting": _("Hosting provider")}


def fact_html(settings, fact: str) -> str:
    """The fact as HTML (an address becomes a mailto link); "" when the setting is empty or unknown."""
    value = (getattr(settings, fact, "") or "").strip() if settings else ""
    if not value:
        return ""
    if fact == "contact_email":
        return format_html('<a href="mailto:{}">{}</a>', value, value)
    return escape(value)


def sentence_html(sentence: str, fact: str) -> str:
    """The sentence with its slot filled, as a paragraph; a translation that lost its slot gets the fact after it."""
    if not fact:
        return ""
    text = escape(sentence)
    filled = text.replace(SLOT, fact) if SLOT in text else f"{text} {fact}"
    return f"<p>{filled}</p>"
