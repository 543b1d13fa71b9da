"""Exception handlers: the defaults (public so custom handlers can delegate to them, FastAPI style), and
how the app finds and runs the handler for an exception (shared by HTTP and WebSocket routes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._encoding import encode_json
from .concurrency import is_coroutine, run_in_threadpool
from .exceptions import HTTPException, RequestValidationError, ValidationException
from .responses import JSONResponse, Response

__all__ = [
    "http_exception_handler",
    "http_exception_response",
    "lookup_handler",
    "request_validation_exception_handler",
    "run_handler",
    "validation_error_response",
    "websocket_request_validation_exception_handler",
]

_NO_BODY_STATUSES = frozenset({204, 304})


def http_exception_response(exc: HTTPException) -> Response:
    """FastAPI's default answer to an ``HTTPException``: ``{"detail": ...}`` plus its headers."""
    if exc.status_code < 200 or exc.status_code in _NO_BODY_STATUSES:
        return Response(status_code=exc.status_code, headers=exc.headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def validation_error_response(exc: ValidationException) -> JSONResponse:
    """FastAPI's default answer to a ``RequestValidationError``: 422 with ``{"detail": exc.errors()}``.

    ``routing`` sends the same bytes straight from its hot path when the app has no handler for it.
    """
    return JSONResponse({"detail": exc.errors()}, status_code=422)


async def http_exception_handler(request: Any, exc: HTTPException) -> Response:
    """``{"detail": exc.detail}`` with the exception's status code and headers."""
    return http_exception_response(exc)


async def request_validation_exception_handler(request: Any, exc: RequestValidationError) -> JSONResponse:
    """422 with ``{"detail": exc.errors()}``."""
    return validation_error_response(exc)


async def websocket_request_validation_exception_handler(websocket: Any, exc: ValidationException) -> None:
    """Close the WebSocket with 1008 (policy violation) and the errors as the reason (``close`` cuts it to what
    a close frame carries)."""
    await websocket.close(code=1008, reason=encode_json(exc.errors()).decode("utf-8"))


def lookup_handler(handlers: Mapping[Any, Callable[..., Any]], exc: Exception) -> Callable[..., Any] | None:
    """The handler keyed by the status code (``HTTPException``) or by the nearest class in the MRO.

    Catch-all keys (``Exception``, 500) are left out, as in Starlette: they are for unexpected errors only.
    """
    if not handlers:
        return None
    if isinstance(exc, HTTPException) and exc.status_code in handlers:
        return handlers[exc.status_code]
    for cls in type(exc).__mro__:
        if cls is Exception:
            break
        if cls in handlers:
            return handlers[cls]
    return None


async def run_handler(handler: Callable[..., Any], connection: Any, exc: Exception) -> Any:
    """``handler(connection, exc)``: awaited when async, else run in a worker thread; returns its result."""
    if is_coroutine(handler):
        return await handler(connection, exc)
    return await run_in_threadpool(handler, connection, exc)
