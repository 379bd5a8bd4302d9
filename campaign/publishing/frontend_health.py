"""Whether the frontend answers, so that the admin's preview opens it only when it can show the draft.

Asked when an editor opens a preview, not at each refresh of the panel: the answer is kept a short while in the
cache. Any answer of the server counts (even an error page: it is the frontend's to show); a refused connection,
a time-out or an unset FRONTEND_URL does not.
"""

import urllib.error
import urllib.request

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "campaign:frontend-answers"
CHECK_TIMEOUT_SECONDS = 1.0
REMEMBER_SECONDS = 30


def frontend_answers() -> bool:
    answer = cache.get(CACHE_KEY)
    if answer is None:
        answer = ask_frontend()
        cache.set(CACHE_KEY, answer, REMEMBER_SECONDS)
    return answer


def ask_frontend() -> bool:
    if not settings.FRONTEND_URL:
        return False
    request = urllib.request.Request(settings.FRONTEND_URL + "/", method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=CHECK_TIMEOUT_SECONDS):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False
