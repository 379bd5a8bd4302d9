"""Guessing admin passwords: after five failures for one username from one address, that pair is locked out;
behind proxies the address is the client's, not one it wrote. Password-reset emails are throttled too."""

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


PROXY = "10.0.0.2"


def attempt_behind_proxy(client, password: str, forwarded: str):
    return client.post(
        LOGIN, {"username": "editor", "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )


def test_rotating_a_spoofed_forwarded_address_does_not_escape_the_lock_out(client, editor, settings):
    settings.CLIENT_IP_PROXY_COUNT, settings.CLIENT_IP_HEADER = 1, "HTTP_X_FORWARDED_FOR"
    for index in range(30):
        attempt_behind_proxy(client, "wrong", f"203.0.113.{index}, 198.51.100.7")
    assert attempt_behind_proxy(client, "editor-password", "6.6.6.6, 198.51.100.7").status_code == 429


def test_behind_a_proxy_one_guesser_does_not_lock_the_real_editor_out(client, editor, settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt_behind_proxy(client, "wrong", "198.51.100.66")
    assert attempt_behind_proxy(client, "editor-password", "198.51.100.7").status_code == 302


RESET = "/admin/password_reset/"


def reset(client, email: str, forwarded: str = "198.51.100.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_password_reset_emails_are_throttled_per_account_without_telling(client, editor, settings, mailoutbox):
    settings.CLIENT_IP_PROXY_COUNT = 1
    settings.PASSWORD_RESET_RATE_PER_ACCOUNT = "3/h"
    answers = [reset(client, "editor@example.org", f"198.51.100.{index}") for index in range(20)]
    assert len(mailoutbox) == 3
    unknown = reset(client, "nobody@example.org", "198.51.100.99")
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {
        (unknown.status_code, unknown["Location"])
    }, "the same answer whether an email was sent, throttled, or the account does not exist"


def test_password_reset_requests_are_throttled_per_client_address(client, editor, settings, mailoutbox):
    settings.CLIENT_IP_PROXY_COUNT = 1
    settings.PASSWORD_RESET_RATE_PER_IP = "3/h"
    for index in range(3):
        reset(client, f"nobody{index}@example.org", f"203.0.113.{index}, 198.51.100.7")
    assert reset(client, "editor@example.org", "6.6.6.6, 198.51.100.7").status_code == 302
    assert mailoutbox == []
    reset(client, "editor@example.org", "198.51.100.8")
    assert len(mailoutbox) == 1, "another client still can"
