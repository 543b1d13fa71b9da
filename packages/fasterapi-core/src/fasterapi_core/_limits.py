"""Request body size limits: refuse with 413 from Content-Length up front and while streaming."""

from __future__ import annotations

from typing import Any

from .exceptions import HTTPException
from .types import Message, Receive, Scope

__all__ = ["DEFAULT_MAX_BODY_SIZE", "RequestTooLarge", "check_declared_length", "limit_request_body"]

#: ``Faster(max_body_size=...)`` default: 16 MiB. ``None`` turns the limit off.
DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024


class RequestTooLarge(HTTPException):
    """The request body is larger than the route accepts (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Request body is larger than the limit of {limit} bytes")
        self.limit = limit


def _declared_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", ()):
        if key == b"content-length":
            return _parse_length(value)
    return None


def _parse_length(value: bytes) -> int:
    try:
        return int(value)
    except ValueError:
        raise HTTPException(400, "Invalid Content-Length header") from None


def check_declared_length(value: bytes, limit: int) -> None:
    """For code that found the Content-Length header itself: 400 when malformed, 413 above ``limit``."""
    if _parse_length(value) > limit:
        raise RequestTooLarge(limit)


def limit_request_body(scope: Scope, receive: Receive, limit: int) -> Any:
    """``receive`` that raises 413 once more than ``limit`` body bytes arrive (or are announced).

    With a Content-Length the check happens now, before the handler runs, and ``receive`` is
    returned unchanged: HTTP framing means the server never delivers more body than announced. A
    body without one (chunked) is counted as it arrives. Excess bytes are never kept.
    """
    declared = _declared_length(scope)
    if declared is not None:
        if declared > limit:
            raise RequestTooLarge(limit)
        return receive
    received = 0

    async def limited_receive() -> Message:
        nonlocal received
        message: Message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise RequestTooLarge(limit)
        return message

    return limited_receive
