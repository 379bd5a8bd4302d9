"""The StreamField block library shared by every page type.

Each block is typed (a StructBlock with named children rather than free HTML) so that the GraphQL API can expose
it as a typed union member and wagtail-localize can offer translators one segment per sentence.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from campaign.catalogue.site_facts import SITE_FACTS, SLOT
from campaign.i18n.choosers import SourcePageChooser, wrong_locale_error

# Rich text stays semantic: no headings (the heading block carries them), no embedded media (blocks carry them).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


def require_page_or_url(value):
    """A link block points either inside the site (a page, localized by the API) or outside it (a URL)."""
    if bool(value.get("page")) == bool(value.get("url")):
        message = _("Choose either a page or an external link, not both and not neither.")
        raise blocks.StructBlockValidationError(
            block_errors={"page": ValidationError(message), "url": ValidationError(message)}
        )
    return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255, label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("2", _("Section heading (h2)")), ("3", _("Sub-heading (h3)"))],
        default="2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    author = blocks.CharBlock(max_length=255, label=_("Author"))
    role = blocks.CharBlock(max_length=255, required=False, label=_("Role"), help_text=_("e.g. Mayor of Milan"))

    class Meta:
        icon = "openquote"
        label = _("Quote")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(max_length=255, required=False, label=_("Caption"))
    credit = blocks.CharBlock(max_length=255, required=False, label=_("Credit"), help_text=_("e.g. © City of Milan"))

    class Meta:
        icon = "image"
        label = _("Image")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=20, label=_("Figure"), help_text=_("e.g. 90+"))
    label = blocks.CharBlock(max_length=255, label=_("What it counts"))


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, required=False, label=_("Title"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Key figures")


class SourcePageChooserBlock(blocks.PageChooserBlock):
    """A link from a block to a page of this site. Like every reference (campaign.i18n.choosers), it points at the
    French source, which wagtail-localize re-points at the translated copy: its chooser lists only French pages,
    and another language's copy is refused with an error naming both languages."""

    @cached_property
    def widget(self):
        return SourcePageChooser(Page)

    def get_form_state(self, value):
        """The state the generic chooser widget reads (Wagtail's page chooser block adds the parent's id for its
        tree chooser, which this widget has not)."""
        return self.widget.get_value_data(value)

    def clean(self, value):
        value = super().clean(value)
        error = wrong_locale_error(Page, value.pk) if value is not None else None
        if error:
            raise error
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=80, label=_("Button label"))
    page = SourcePageChooserBlock(required=False, label=_("Page"), help_text=_("A page of this site, or…"))
    url = blocks.URLBlock(required=False, label=_("External link"), help_text=_("…an address on another site."))

    class Meta:
        icon = "pick"
        label = _("Call to action")

    def clean(self, value):
        return require_page_or_url(super().clean(value))


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        max_length=255, required=False, label=_("Link text"), help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")


class CommitmentsBlock(blocks.StructBlock):
    """A verb and the list it governs, as the charter writes its commitments: "We recognise: …"."""

    verb = blocks.CharBlock(max_length=120, label=_("Verb"), help_text=_("e.g. Reconnaissons"))
    intro = blocks.TextBlock(required=False, label=_("Introduction"))
    items = blocks.ListBlock(blocks.TextBlock(label=_("Item")), min_num=1, label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("List of commitments")


class FootnoteBlock(blocks.StructBlock):
    marker = blocks.CharBlock(max_length=8, label=_("Marker"), help_text=_("As in the text: 1, 2, *"))
    text = blocks.TextBlock(label=_("Note"))


class FootnotesBlock(blocks.StructBlock):
    items = blocks.ListBlock(FootnoteBlock(), min_num=1, label=_("Notes"))

    class Meta:
        icon = "comment"
        label = _("Footnotes")


def require_slot(value):
    if value.get("text") and value["text"].count(SLOT) != 1:
        message = _("Write {value} once, where the setting goes.")
        raise blocks.StructBlockValidationError(block_errors={"text": ValidationError(message)})
    return value


class SiteFactSentenceBlock(blocks.StructBlock):
    """A sentence printing a site setting; left out while the setting is empty (campaign.catalogue.site_facts)."""

    fact = blocks.ChoiceBlock(choices=list(SITE_FACTS.items()), label=_("Setting"))
    text = blocks.CharBlock(
        max_length=255,
        label=_("Sentence"),
        help_text=_("Write {value} where the setting goes, e.g. “Contact: {value}”."),
    )

    class Meta:
        icon = "cogs"
        label = _("Sentence with a site setting")

    def clean(self, value):
        return require_slot(super().clean(value))


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow", label=_("Paragraph"))
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
    key_figures = KeyFiguresBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(icon="media", label=_("Embedded media"), help_text=_("A YouTube or Vimeo address"))
    document = DocumentDownloadBlock()
    commitments = CommitmentsBlock()
    footnotes = FootnotesBlock()
    site_fact = SiteFactSentenceBlock()


class NameListBlock(blocks.StreamBlock):
    """A plain list of names (contributors, partners): one translatable segment per name."""

    name = blocks.CharBlock(max_length=255, label=_("Name"))


class KeyMessageBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Message"))
    text = blocks.TextBlock(required=False, label=_("Explanation"))

    class Meta:
        icon = "bold"
        label = _("Key message")


SHARE_NETWORKS = [
    ("generic", _("Any network")),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("linkedin", "LinkedIn"),
    ("whatsapp", "WhatsApp"),
]


class ShareTextBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(choices=SHARE_NETWORKS, default="generic", label=_("Network"))
    text = blocks.TextBlock(label=_("Text to share"))

    class Meta:
        icon = "link"
        label = _("Share text")


SOCIAL_NETWORKS = [
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
]


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(choices=SOCIAL_NETWORKS, label=_("Network"))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")


class MenuLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, label=_("Title"))
    page = SourcePageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External link"))

    def clean(self, value):
        return require_page_or_url(super().clean(value))


class MenuItemBlock(MenuLinkBlock):
    children = blocks.ListBlock(MenuLinkBlock(), required=False, default=[], label=_("Sub-items"))

    class Meta:
        icon = "list-ul"
        label = _("Menu item")
