"""``fastapi.websockets`` equivalent: the WebSocket connection and its states and errors."""

from fasterapi_core.exceptions import WebSocketException as WebSocketException
from fasterapi_ws import (
    WebSocket as WebSocket,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketRequestValidationError as WebSocketRequestValidationError,
    WebSocketState as WebSocketState,
)

__all__ = [
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketException",
    "WebSocketRequestValidationError",
    "WebSocketState",
]
