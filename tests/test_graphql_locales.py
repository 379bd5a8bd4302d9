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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "frontend_path"),
    [("/fr/charte/", "/fr/charte/"), ("/en/charter/", "/en/charter/"), ("/es/historias/", "/es/historias/")],
)
def test_a_page_path_on_this_server_redirects_to_the_frontend(client, settings, path, frontend_path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == settings.FRONTEND_URL + frontend_path
