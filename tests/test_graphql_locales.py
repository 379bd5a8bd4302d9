"""The GraphQL endpoint answers the languages the site is published in."""

import pytest


@pytest.mark.django_db
def test_locales_lists_french_first_then_english_and_spanish(client):
    response = client.post(
        "/graphql/", {"query": "{ locales { code name isDefault } }"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "locales": [
                {"code": "fr", "name": "Français", "isDefault": True},
                {"code": "en", "name": "English", "isDefault": False},
                {"code": "es", "name": "Español", "isDefault": False},
            ]
        }
    }
