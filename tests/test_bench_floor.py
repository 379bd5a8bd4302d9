"""The bench's floor views (bench/floor_views.py) answer exactly what GraphQL answers for the same operation and
variables, with no more SQL queries: otherwise the bench's ratio of GraphQL to its floor would compare unlike work."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from bench import floor_views
from campaign.publishing.generations import forget_all

pytestmark = pytest.mark.django_db

OPERATIONS = Path(__file__).parent / "graphql" / "operations"
CASES = [
    ("story_list", floor_views.story_list, {"locale": "en", "limit": 20}),
    ("story_list", floor_views.story_list, {"locale": "fr", "limit": 20, "offset": 5}),
    ("story", floor_views.story, {"path": "/es/historias/milan-primeros-pasos/"}),
    ("story", floor_views.story, {"path": "/en/stories/milan-first-steps/"}),
    ("home_page", floor_views.home, {"path": "/fr/"}),
    ("home_page", floor_views.home, {"path": "/es/"}),
]


def counted(send) -> tuple[dict, int]:
    """A second, cold answer (the first made the renditions) and its SQL queries."""
    send()
    forget_all()
    with CaptureQueriesContext(connection) as queries:
        answer = send()
    return answer, len(queries)


@pytest.mark.parametrize(("operation", "view", "variables"), CASES)
def test_a_floor_view_answers_graphqls_data_with_no_more_queries(graphql, operation, view, variables):
    document = (OPERATIONS / f"{operation}.graphql").read_text()
    body, graphql_queries = counted(lambda: graphql(document, **variables))
    assert "errors" not in body and body["data"]

    def floor():
        response = view(RequestFactory().get("/floor/", variables))
        assert response.status_code == 200
        return json.loads(response.content)

    answer, floor_queries = counted(floor)
    assert answer == body["data"]
    assert floor_queries <= graphql_queries
