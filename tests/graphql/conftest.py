import pytest


@pytest.fixture
def graphql(client):
    """POSTs a query to /graphql/ as the frontend does; returns the decoded JSON body."""

    def run(document: str, **variables):
        response = client.post(
            "/graphql/", {"query": document, "variables": variables}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        return response.json()

    return run
