"""Django's LocaleMiddleware and SessionMiddleware, except for the views whose answer is the
same for every visitor (the GraphQL API, marked by graphql_api.views.public_answer).

The admin speaks the language its user chose, else the browser's (Accept-Language, the language cookie), and keeps
its staff's sessions: its pages answer `Vary: Accept-Language`, `Content-Language` and, where the session was read,
`Vary: Cookie`. The API takes its language from its arguments (a field's `locale:`, a page's path) and reads no
session: one URL (with its body and Accept) is one answer, whoever asks. A CDN must then not split its cache by the
visitor's language or cookies, nor see a `Set-Cookie` (the session middleware's deletion of a stale session
cookie; the CSRF middleware's replacement of a malformed one is turned off by the view) on an answer it could
share; and a `Content-Language` echoing the browser would misstate the body, which may hold several locales.
"""

from django.conf import settings
from django.contrib.sessions import middleware as sessions
from django.middleware import locale
from django.utils import translation


def public_answer(view_func) -> bool:
    return getattr(view_func, "public_answer", False)


class LocaleMiddleware(locale.LocaleMiddleware):
    """A public answer is made in the default language (settings.LANGUAGE_CODE) whatever the browser sends, and
    carries neither `Vary: Accept-Language` nor `Content-Language`."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if public_answer(view_func):
            request.public_answer = True
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if getattr(request, "public_answer", False):
            return response
        return super().process_response(request, response)


class SessionMiddleware(sessions.SessionMiddleware):
    """A public answer reads no session, so it neither varies with Cookie nor deletes a stale session cookie. Were
    a public view ever to read the session, Django's rules would apply again (its answer would then vary with it)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if public_answer(view_func):
            request.public_answer = True

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if getattr(request, "public_answer", False) and session is not None and not session.accessed:
            return response
        return super().process_response(request, response)
