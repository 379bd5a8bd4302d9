"""The story form's city list: checkboxes that can be searched, and a missing city added without leaving the story.

A story's cities stay a many-to-many field of checkboxes (the API and the catalogue read it, and without JavaScript
every city is still there to tick). city-chooser.js adds a search that ignores case and accents ("sao" finds "São
Paulo"), a summary of the ticked cities (a search hides the others), and "Add a city": a small form in a modal,
served by AddCityView, whose new city comes back ticked in the list. A city added so is French, the language every
story points at (campaign.i18n.locales.in_default_locale); its translations follow as for any other city.
"""

from django import forms
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log

from campaign.catalogue.cities import City
from campaign.i18n.locales import default_locale
from campaign.text.plain import comparison_key, name_text

ADD_CITY_URL_NAME = "story_cities:add"


class CityChooserWidget(forms.CheckboxSelectMultiple):
    """Django's checkboxes, inside the search box, summary and "Add a city" button that city-chooser.js brings to
    life (they stay hidden without it)."""

    template_name = "campaign/admin/widgets/city_chooser.html"

    class Media:
        js = ["campaign/admin/city-chooser.js"]
        css = {"all": ["campaign/admin/city-chooser.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["add_url"] = reverse(ADD_CITY_URL_NAME)
        return context


class CityCreationForm(forms.ModelForm):
    """What a city needs to be placed and filtered: its French name, its country, and its region when known.

    A city already in the list under the same name (case, accents and punctuation aside) in the same country is
    refused: ticking it is what the editor wants, and a second copy would split the stories between two pins.
    """

    class Meta:
        model = City
        fields = ["name", "country", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.locale = default_locale()

    def clean_name(self) -> str:
        return name_text(self.cleaned_data["name"])

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        if name and country:
            existing = same_city(name, country)
            if existing is not None:
                raise ValidationError(
                    _("%(city)s is already in the list: search for it there and tick it."),
                    code="duplicate",
                    params={"city": existing},
                )
        return cleaned


def same_city(name: str, country: str) -> City | None:
    """The French city of that country whose name compares equal to `name`, if there is one."""
    key = comparison_key(name)
    candidates = City.objects.filter(locale=default_locale(), country=country)
    return next((city for city in candidates if comparison_key(city.name) == key), None)


class AddCityView(View):
    """The modal's form (GET, with the name the editor searched for), then its submission (POST): the form again
    with its errors, in the editor's language, or the new city for the story's list."""

    template_name = "campaign/admin/widgets/add_city.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not request.user.has_perm(f"{City._meta.app_label}.{get_permission_codename('add', City._meta)}"):
            return self.modal(request, {"refused": True})
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest):
        return self.form_response(request, CityCreationForm(initial={"name": request.GET.get("name", "")}))

    def post(self, request: HttpRequest):
        form = CityCreationForm(request.POST)
        if not form.is_valid():
            return self.form_response(request, form)
        city = form.save()
        log(instance=city, action="wagtail.create", user=request.user)
        return JsonResponse({"step": "city_added", "result": {"id": str(city.pk), "label": str(city)}})

    def form_response(self, request: HttpRequest, form: CityCreationForm):
        return self.modal(request, {"form": form, "form_url": reverse(ADD_CITY_URL_NAME)})

    def modal(self, request: HttpRequest, context: dict):
        return render_modal_workflow(request, self.template_name, None, context, json_data={"step": "city_form"})


class StoryCitiesViewSet(ViewSet):
    """The admin URL of AddCityView, behind the admin's login like every viewset's."""

    name = "story_cities"

    def get_urlpatterns(self):
        return [path("add/", AddCityView.as_view(), name="add")]
