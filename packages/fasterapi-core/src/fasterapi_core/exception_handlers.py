"""The default exception handlers, public so custom handlers can delegate to them (FastAPI style)."""

from __future__ import annotations

from typing import Any

from ._encoding import encode_json
from .exceptions import HTTPException, RequestValidationError, ValidationException
from .responses import JSONResponse, Response

__all__ = [
    "http_exception_handler",
    "http_exception_response",
    "request_validation_exception_handler",
    "websocket_request_validation_exception_handler",
]

_NO_BODY_STATUSES = frozenset({204, 304})


def http_exception_response(exc: HTTPException) -> Response:
    """FastAPI's default answer to an ``HTTPException``: ``{"detail": ...}`` plus its headers."""
    if exc.status_code < 200 or exc.status_code in _NO_BODY_STATUSES:
        return Response(status_code=exc.status_code, headers=exc.headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def http_exception_handler(request: Any, exc: HTTPException) -> Response:
    """``{"detail": exc.detail}`` with the exception's status code and headers."""
    return http_exception_response(exc)


async def request_validation_exception_handler(request: Any, exc: RequestValidationError) -> JSONResponse:
    """422 with ``{"detail": exc.errors()}``."""
    return JSONResponse({"detail": exc.errors()}, status_code=422)


async def websocket_request_validation_exception_handler(websocket: Any, exc: ValidationException) -> None:
    """Close the WebSocket with 1008 (policy violation) and the errors as the reason."""
    reason = encode_json(exc.errors()).decode("utf-8")
    if len(reason.encode("utf-8")) > 123:  # a close frame's reason is limited to 123 bytes
        reason = reason.encode("utf-8")[:120].decode("utf-8", "ignore") + "..."
    await websocket.close(code=1008, reason=reason)
