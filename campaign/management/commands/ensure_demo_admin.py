"""Creates the local demo superuser (development only) and prints how to log in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "lampedusa-demo"
FIRST_NAME = "Demo"
LAST_NAME = "Admin"


class Command(BaseCommand):
    help = "Create the demo superuser admin / lampedusa-demo (refuses to run when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo admin is for local development only (DEBUG is off).")
        user_model = get_user_model()
        existing = user_model.objects.filter(username=USERNAME).first()
        if existing is not None:
            # Wagtail's account form requires both names: without them, choosing a language could not be saved.
            existing.first_name = existing.first_name or FIRST_NAME
            existing.last_name = existing.last_name or LAST_NAME
            existing.save(update_fields=["first_name", "last_name"])
            self.stdout.write(
                f"Demo admin already exists: log in at /admin/ as {USERNAME} / {PASSWORD} "
                "(unless its password was changed)"
            )
            return
        user_model.objects.create_superuser(
            USERNAME, email="admin@localhost", password=PASSWORD, first_name=FIRST_NAME, last_name=LAST_NAME
        )
        self.stdout.write(self.style.SUCCESS(f"Demo admin created: log in at /admin/ as {USERNAME} / {PASSWORD}"))
