"""The /graphql/ endpoint. Mutations only by POST; GraphiQL only where settings allow it."""

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from .schema import schema

graphql_view = csrf_exempt(GraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.DEBUG else None))
