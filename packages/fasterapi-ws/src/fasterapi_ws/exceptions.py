"""Errors specific to websocket routes."""

from __future__ import annotations

from fasterapi_core.exceptions import ValidationException, WebSocketException

__all__ = ["WebSocketDataError", "WebSocketRequestValidationError"]


class WebSocketRequestValidationError(ValidationException):
    """A websocket route's parameters did not validate: the handshake is refused with close code 1008."""


class WebSocketDataError(WebSocketException, ValueError):
    """The client sent a message the endpoint cannot read: binary where text was expected (code 1003)
    or invalid JSON (code 1007). Uncaught, it closes the connection with that code; it is also a
    ``ValueError``, like the ``json`` module's decode error."""
