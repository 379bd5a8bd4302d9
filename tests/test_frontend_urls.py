"""Page paths on this server lead to the frontend, in the same locale."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "frontend_path"),
    [("/fr/charte/", "/fr/charte/"), ("/en/charter/", "/en/charter/"), ("/es/historias/", "/es/historias/")],
)
def test_a_page_path_on_this_server_redirects_to_the_frontend(client, settings, path, frontend_path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == settings.FRONTEND_URL + frontend_path
