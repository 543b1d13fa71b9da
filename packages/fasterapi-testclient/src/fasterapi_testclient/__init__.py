"""fasterapi-testclient: test any ASGI 3 app with httpx, sync or async, with lifespan and WebSockets."""

from __future__ import annotations

from ._websocket import AsyncWebSocketTestSession, WebSocketDenialResponse, WebSocketTestSession
from .client import AsyncTestClient, TestClient
from .exceptions import LifespanShutdownError, LifespanStartupError, WebSocketDisconnect
from .lifespan import LifespanManager

__all__ = [
    "AsyncTestClient",
    "AsyncWebSocketTestSession",
    "LifespanManager",
    "LifespanShutdownError",
    "LifespanStartupError",
    "TestClient",
    "WebSocketDenialResponse",
    "WebSocketDisconnect",
    "WebSocketTestSession",
]
