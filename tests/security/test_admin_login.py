"""Guessing admin passwords: after five failures for one username from one address, that pair is locked out."""

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, password: str, language: str = "en"):
    return client.post(
        LOGIN, {"username": "editor", "password": password}, REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE=language
    )


def test_repeated_failures_lock_the_login_with_a_clear_message(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200  # the form again, with its error
    locked = attempt(client, "wrong")
    assert locked.status_code == 429 and "Too many failed sign-in attempts" in locked.content.decode()
    assert "Demasiados intentos" in attempt(client, "wrong", "es").content.decode()
    assert attempt(client, "editor-password").status_code == 429, "even the right password, until the cool-off"


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, "editor-password").status_code == 302
    client.logout()
    assert attempt(client, "wrong").status_code == 200
