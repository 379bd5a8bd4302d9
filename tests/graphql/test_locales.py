"""The GraphQL endpoint answers the languages the site is published in."""

import pytest


@pytest.mark.django_db
def test_locales_lists_french_first_then_english_and_spanish(graphql):
    assert graphql("{ locales { code name isDefault } }") == {
        "data": {
            "locales": [
                {"code": "fr", "name": "Français", "isDefault": True},
                {"code": "en", "name": "English", "isDefault": False},
                {"code": "es", "name": "Español", "isDefault": False},
            ]
        }
    }
