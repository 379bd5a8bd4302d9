"""Page paths on this server lead to the frontend, in the same locale."""

import pytest

from campaign.models import CharterPage, CityStoryIndexPage

from .factories import section


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "language_code"), [(CharterPage, "fr"), (CharterPage, "en"), (CityStoryIndexPage, "es")]
)
def test_a_page_path_on_this_server_redirects_to_the_frontend(client, settings, model, language_code):
    path = f"/{language_code}/{section(model, language_code).slug}/"
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == settings.FRONTEND_URL + path
