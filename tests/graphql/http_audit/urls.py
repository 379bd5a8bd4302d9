"""The audit's server with schema introspection on, as in development (`make demo`): the audit's probes of
variables ask `__type(name: …)`, which the public schema refuses while GRAPHQL_PUBLIC_INTROSPECTION is off."""

from django.urls import path

from graphql_api.schema import build_schema
from graphql_api.views import graphql_endpoint

urlpatterns = [path("graphql/", graphql_endpoint(build_schema(introspection=True)))]
