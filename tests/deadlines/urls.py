"""Views that exist only for the deadline tests, never in the product's URLs."""

import os
import time

from django.conf import settings
from django.http import JsonResponse
from django.urls import path


def worker(request):
    """Which worker answered, and the database settings it computed."""
    return JsonResponse({"pid": os.getpid(), "database_options": settings.DATABASES["default"].get("OPTIONS", {})})


def slow(request):
    """Longer than any timeout the tests set: only gunicorn's timeout can end it."""
    time.sleep(120)
    return JsonResponse({"pid": os.getpid()})


urlpatterns = [path("worker/", worker), path("slow/", slow)]
