"""An execution deadline: a query still running GRAPHQL_EXECUTION_SECONDS after it started is stopped and
answered with one TIMEOUT error, so that the worker is free again.

The cost limits (graphql_api.limits) keep ordinary queries far below the deadline; it is the guard against what
they cannot foresee (a slow database, an unlucky plan). It is checked before each field is resolved, which costs
one clock read per field; a single slow SQL statement is cut by PostgreSQL's statement timeout instead.

The same execution context hides "Did you mean …?" suggestions from variable errors when introspection is off.
"""

import time

from django.conf import settings
from graphql import ExecutionResult
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from .errors import ApiError


class DeadlineExceeded(ApiError):
    def __init__(self):
        super().__init__("The query took too long and was stopped; try again, or ask for less.", "TIMEOUT")


class DeadlineExecutionContext(StrawberryGraphQLCoreExecutionContext):
    hide_suggestions_always = False

    @classmethod
    def build(cls, *args, **kwargs):
        if cls.hide_suggestions_always:
            kwargs["hide_suggestions"] = True
        return super().build(*args, **kwargs)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = time.monotonic() + settings.GRAPHQL_EXECUTION_SECONDS
        self.exceeded = False

    def execute_field(self, *args, **kwargs):
        if self.exceeded or time.monotonic() > self.deadline:
            self.exceeded = True
            raise DeadlineExceeded()
        return super().execute_field(*args, **kwargs)

    def execute_operation(self, *args, **kwargs):
        """Once the deadline has passed, the partial answer is dropped: one error says what happened."""
        result = super().execute_operation(*args, **kwargs)
        if self.exceeded:
            return ExecutionResult(data=None, errors=[DeadlineExceeded()])
        return result


class QuietDeadlineExecutionContext(DeadlineExecutionContext):
    hide_suggestions_always = True
