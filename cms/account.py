"""The admin's account page, saying at the top when the form could not be saved.

Wagtail re-renders the form with each field's error but no message: a user who changed their language in the
"Preferences" panel while a required name was empty in another panel saw the page reload and thought it saved.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.views.account import AccountView


class AccountViewSayingWhatFailed(AccountView):
    def post(self, request):
        response = super().post(request)
        if response.status_code == 200:  # re-rendered with errors (a saved form redirects)
            messages.error(request, _("Your account settings could not be saved: correct the fields marked below."))
        return response
