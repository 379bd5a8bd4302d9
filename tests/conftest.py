"""Shared fixtures. The campaign content is loaded once per test session, as `make demo` loads it."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_campaign_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (GraphQL responses, rate-limit counters): its database changes are
    rolled back at the end, and what was cached from them must go too."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-password")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a change and its on-commit callbacks, as a committed transaction would (tests run inside one that
    is rolled back, so callbacks registered with transaction.on_commit would otherwise never run)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run
