"""Choosers that cannot pick the wrong language.

Pages and snippets point at the French source of what they reference (`campaign.i18n.locales.in_default_locale`,
the `limit_choices_to` of every such field): wagtail-localize then re-points each translation at the translated
copy. Wagtail's choosers know nothing of that rule: its page chooser searches every locale, and a snippet chooser
lists the locale of the object being edited, with a selector for the others. An editor searching "Lampedusa" was
offered three copies with the same title, and one of the two wrong ones ended in Django's "Select a valid choice".

So every field whose `limit_choices_to` is `in_default_locale` (a *source reference*) gets, through Wagtail's
form-field overrides:
- a chooser opened with `?source_locale=fr`, which lists only that locale's items (no locale selector) under a
  title naming the language: for pages, this module's chooser (`SourcePageChooserViewSet`), a searchable list of
  the French pages of the field's type; for snippets, the snippet's own chooser (`SourceLocaleSnippetChooserViewSet`,
  the `chooser_viewset_class` of the translatable snippets' viewsets), which behaves as Wagtail's without the
  parameter (wagtail-localize's translation editor opens it so);
- a form field whose error, for an item of another locale, names the language expected and the one chosen.
Page links in blocks (`campaign.blocks.SourcePageChooserBlock`) use the same page chooser and error. Every other
chooser (rich text links, moving pages, the translation editor) stays Wagtail's.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import AdminPageChooser, BaseChooser
from wagtail.coreutils import resolve_model_string
from wagtail.models import Locale, Page
from wagtail.snippets.views.chooser import ChooseResultsView as SnippetChooseResultsView
from wagtail.snippets.views.chooser import ChooseView as SnippetChooseView
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from campaign.i18n.locales import default_locale, in_default_locale

SOURCE_LOCALE_PARAM = "source_locale"
PAGE_TYPE_PARAM = "page_type"


def is_source_reference(db_field: models.Field) -> bool:
    """Whether an editor's choice for this field must be the French source of a page or snippet."""
    remote = getattr(db_field, "remote_field", None)
    return (
        remote is not None
        and not isinstance(db_field, ParentalKey)
        and getattr(remote, "limit_choices_to", None) is in_default_locale
    )


def source_chooser_url(base_url: str, **params: str) -> str:
    """A chooser's address restricted to the source locale (and to other parameters, e.g. the page types)."""
    return f"{base_url}?{urlencode({SOURCE_LOCALE_PARAM: default_locale().language_code, **params})}"


# Form fields: the error names the language expected and the one of the item chosen.


def wrong_locale_error(model: type[models.Model], value) -> ValidationError | None:
    """The error for `value` when it is the key of an item of `model` in another locale than the source's."""
    try:
        chosen = model._default_manager.select_related("locale").filter(pk=value).first()
    except (ValueError, TypeError, ValidationError):
        return None
    source = default_locale()
    if chosen is None or chosen.locale_id == source.pk:
        return None
    if isinstance(chosen, Page):
        message = _("Choose the %(language)s version of this page: “%(title)s” is in %(other)s.")
        title = chosen.get_admin_display_title()
    else:
        message = _("Choose the %(language)s version of this item: “%(title)s” is in %(other)s.")
        title = str(chosen)
    params = {"language": source.get_display_name(), "title": title, "other": chosen.locale.get_display_name()}
    return ValidationError(message, code="wrong_locale", params=params)


class SourceLocaleModelChoiceField(forms.ModelChoiceField):
    """A ForeignKey's field: Django's "Select a valid choice" becomes the wrong-locale error when that is why."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code == "invalid_choice":
                raise wrong_locale_error(self.queryset.model, value) or error from None
            raise


class SourceLocaleModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ManyToManyField's field, with the same error for the first item of another locale."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except ValidationError as error:
            if error.code == "invalid_choice":
                raise wrong_locale_error(self.queryset.model, error.params["value"]) or error from None
            raise


# Chooser views: the source locale's items only, under a title naming it.


class SourceLocaleChooseMixin:
    """Restricts a chooser listing to the locale named by `?source_locale=` (404 for an unknown one): no locale
    filter or column, and a title that says which language is listed. Without the parameter, Wagtail's listing."""

    restricted_page_title = _("Choose (%(language)s)")

    @cached_property
    def source_locale(self) -> Locale | None:
        code = self.request.GET.get(SOURCE_LOCALE_PARAM)
        return get_object_or_404(Locale, language_code=code) if code else None

    @property
    def i18n_enabled(self) -> bool:
        return self.source_locale is None and super().i18n_enabled

    def get_object_list(self):
        objects = super().get_object_list()
        return objects.filter(locale=self.source_locale) if self.source_locale else objects

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.source_locale:
            context["page_title"] = self.restricted_page_title % {"language": self.source_locale.get_display_name()}
        return context


class SourceLocaleSnippetChooseView(SourceLocaleChooseMixin, SnippetChooseView):
    pass


class SourceLocaleSnippetChooseResultsView(SourceLocaleChooseMixin, SnippetChooseResultsView):
    pass


class SourceLocaleSnippetChooser:
    """Mixed into a snippet's chooser widget class: the widget opens the source-locale listing."""

    def get_chooser_modal_url(self):
        return source_chooser_url(super().get_chooser_modal_url())


class SourceLocaleSnippetChooserViewSet(SnippetChooserViewSet):
    """The chooser of a translatable snippet: Wagtail's, restricted by `?source_locale=`, and the form fields of
    the references to that snippet (source references get the restricted widget and the wrong-locale error)."""

    choose_view_class = SourceLocaleSnippetChooseView
    choose_results_view_class = SourceLocaleSnippetChooseResultsView
    preserve_url_parameters = [*SnippetChooserViewSet.preserve_url_parameters, SOURCE_LOCALE_PARAM]

    @cached_property
    def source_widget_class(self) -> type[BaseChooser]:
        """The snippet's widget class (Wagtail builds one per chooser viewset), opening the restricted listing."""
        return type(self.widget_class.__name__, (SourceLocaleSnippetChooser, self.widget_class), {})

    def form_field_options(self, db_field: models.ForeignKey) -> dict:
        if is_source_reference(db_field):
            return {"widget": self.source_widget_class, "form_class": SourceLocaleModelChoiceField}
        return {"widget": self.widget_class}

    def on_register(self):
        super().on_register()
        if self.register_widget:
            register_form_field_override(models.ForeignKey, to=self.model, override=self.form_field_options)


def page_models(page_type: str) -> tuple[type[Page], ...]:
    """The page classes named by a chooser's `page_type` parameter ("campaign.citystorypage,..."); 404 when one
    is not a page type."""
    try:
        classes = tuple(resolve_model_string(name) for name in page_type.split(","))
    except (ValueError, LookupError) as error:
        raise Http404 from error
    if not all(isinstance(cls, type) and issubclass(cls, Page) for cls in classes):
        raise Http404
    return classes


class SourcePageChooseMixin(SourceLocaleChooseMixin):
    """The pages of the types in `?page_type=` (every page type when absent), searchable, with their type and
    status: a flat list, since a source reference wants one page of a known kind, not a walk through the tree."""

    restricted_page_title = _("Choose a page (%(language)s)")

    def get_object_list(self):
        types = page_models(self.request.GET.get(PAGE_TYPE_PARAM) or "wagtailcore.page")
        return super().get_object_list().exclude(depth=1).type(*types).select_related("locale")

    @property
    def columns(self):
        title = self.title_column
        title.accessor = Page.get_admin_display_title
        return [
            title,
            Column("type", label=_("Type"), accessor="page_type_display_name", width="20%"),
            LiveStatusTagColumn(sort_key=None),
        ]


class SourcePageChooseView(SourcePageChooseMixin, ChooseView):
    pass


class SourcePageChooseResultsView(SourcePageChooseMixin, ChooseResultsView):
    pass


class SourcePageChosenView(ChosenView):
    def get_display_title(self, instance):
        return instance.get_admin_display_title()


class SourcePageChooserViewSet(ChooserViewSet):
    """The chooser of the page references: registered once, for every page type (`?page_type=`)."""

    model = Page
    icon = "doc-empty-inverse"
    choose_one_text = _("Choose a page")
    choose_another_text = _("Choose another page")
    edit_item_text = _("Edit this page")
    choose_view_class = SourcePageChooseView
    choose_results_view_class = SourcePageChooseResultsView
    chosen_view_class = SourcePageChosenView
    preserve_url_parameters = [*ChooserViewSet.preserve_url_parameters, SOURCE_LOCALE_PARAM, PAGE_TYPE_PARAM]
    per_page = 25
    # Wagtail's page chooser stays the widget of every other reference to a page (form_field_options below).
    register_widget = False


source_page_chooser_viewset = SourcePageChooserViewSet("source_page_chooser", url_prefix="campaign/choose-page")


class SourcePageChooser(BaseChooser):
    """The widget of a source reference to a page: opens `source_page_chooser_viewset` on the field's page type."""

    icon = "doc-empty-inverse"
    classname = "page-chooser"
    choose_one_text = _("Choose a page")
    choose_another_text = _("Choose another page")
    link_to_chosen_text = _("Edit this page")

    def __init__(self, target_model: type[Page], **kwargs):
        super().__init__(**kwargs)
        self.model = target_model

    def get_chooser_modal_url(self):
        target = self.model._meta.label_lower
        base_url = reverse(source_page_chooser_viewset.get_url_name("choose"))
        return source_chooser_url(base_url, **({} if self.model is Page else {PAGE_TYPE_PARAM: target}))

    def get_display_title(self, instance):
        return instance.get_admin_display_title()


def page_field_options(db_field: models.ForeignKey) -> dict:
    """A ForeignKey to a page: this module's chooser for a source reference, Wagtail's page chooser otherwise."""
    target = db_field.remote_field.model
    if is_source_reference(db_field):
        return {"widget": SourcePageChooser(target), "form_class": SourceLocaleModelChoiceField}
    return {"widget": AdminPageChooser(target_models=[target])}


def many_to_many_field_options(db_field: models.ManyToManyField) -> dict:
    """A ManyToManyField keeps its widget (a panel's); a source reference gets the wrong-locale error."""
    return {"form_class": SourceLocaleModelMultipleChoiceField} if is_source_reference(db_field) else {}


register_form_field_override(models.ForeignKey, to=Page, override=page_field_options)
register_form_field_override(models.ManyToManyField, override=many_to_many_field_options)


@hooks.register("register_admin_viewset")
def register_source_page_chooser():
    return source_page_chooser_viewset
