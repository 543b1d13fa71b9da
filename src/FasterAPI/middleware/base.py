"""``starlette.middleware.base`` equivalent: middleware written as ``dispatch(request, call_next)``."""

from fasterapi_core.middleware.base import (
    BaseHTTPMiddleware as BaseHTTPMiddleware,
    CallNext as CallNext,
    DispatchFunction as DispatchFunction,
)

__all__ = ["BaseHTTPMiddleware", "CallNext", "DispatchFunction"]
