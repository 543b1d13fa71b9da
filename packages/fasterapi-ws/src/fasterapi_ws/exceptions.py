"""Errors specific to websocket routes."""

from __future__ import annotations

from fasterapi_core.exceptions import ValidationException

__all__ = ["WebSocketRequestValidationError"]


class WebSocketRequestValidationError(ValidationException):
    """A websocket route's parameters did not validate: the handshake is refused with close code 1008."""
