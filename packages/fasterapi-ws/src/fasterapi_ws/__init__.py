"""fasterapi-ws: WebSocket connections and routes for FasterAPI."""

from .routes import compile_websocket_route
from .websockets import WebSocket, WebSocketDisconnect, WebSocketState

__all__ = ["WebSocket", "WebSocketDisconnect", "WebSocketState", "compile_websocket_route"]
