"""One GraphQL request as the benches time it, shared by the in-process benches (no Django set-up on import: the
growth bench chooses its database before Django starts)."""

from collections.abc import Callable


def graphql_request(client, document: str, variables: dict) -> Callable[[], object]:
    """A request to send again and again; an answer with errors stops the bench rather than timing an error."""

    def send():
        response = client.post(
            "/graphql/", {"query": document, "variables": variables}, content_type="application/json"
        )
        body = response.json()
        if response.status_code != 200 or "errors" in body:
            raise RuntimeError(f"GraphQL error: {body}")
        return body

    return send
