"""``fastapi.exceptions`` equivalent: the exceptions a handler raises or an exception handler receives."""

from fasterapi_core.exceptions import (
    DependencyScopeError as DependencyScopeError,
    FastAPIDeprecationWarning as FastAPIDeprecationWarning,
    FastAPIError as FastAPIError,
    FasterAPIError as FasterAPIError,
    HTTPException as HTTPException,
    RequestValidationError as RequestValidationError,
    ResponseValidationError as ResponseValidationError,
    ValidationException as ValidationException,
    WebSocketException as WebSocketException,
)
from fasterapi_ws import WebSocketRequestValidationError as WebSocketRequestValidationError

__all__ = [
    "DependencyScopeError",
    "FastAPIDeprecationWarning",
    "FastAPIError",
    "FasterAPIError",
    "HTTPException",
    "RequestValidationError",
    "ResponseValidationError",
    "ValidationException",
    "WebSocketException",
    "WebSocketRequestValidationError",
]
