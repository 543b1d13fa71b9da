"""``fastapi.websockets`` equivalent: the WebSocket connection and its states and errors."""

from fasterapi_core.exceptions import WebSocketException as WebSocketException
from fasterapi_ws import (
    WebSocket as WebSocket,
    WebSocketClose as WebSocketClose,
    WebSocketDataError as WebSocketDataError,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketRequestValidationError as WebSocketRequestValidationError,
    WebSocketState as WebSocketState,
)

__all__ = [
    "WebSocket",
    "WebSocketClose",
    "WebSocketDataError",
    "WebSocketDisconnect",
    "WebSocketException",
    "WebSocketRequestValidationError",
    "WebSocketState",
]
