"""``fastapi.datastructures`` equivalent: request data views and the state bag."""

from fasterapi_core.datastructures import (
    URL as URL,
    Address as Address,
    Headers as Headers,
    QueryParams as QueryParams,
    State as State,
)

__all__ = ["URL", "Address", "Headers", "QueryParams", "State"]
