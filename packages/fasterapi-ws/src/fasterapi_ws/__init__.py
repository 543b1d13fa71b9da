"""fasterapi-ws: WebSocket connections and routes for FasterAPI."""

from .exceptions import WebSocketDataError, WebSocketRequestValidationError
from .routes import WebSocketRoute, compile_websocket_route
from .websockets import WebSocket, WebSocketClose, WebSocketDisconnect, WebSocketState

__all__ = [
    "WebSocket",
    "WebSocketClose",
    "WebSocketDataError",
    "WebSocketDisconnect",
    "WebSocketRequestValidationError",
    "WebSocketRoute",
    "WebSocketState",
    "compile_websocket_route",
]
