"""``fastapi.testclient`` equivalent (needs the ``[test]`` extra): sync and async test clients.

``WebSocketDisconnect`` here is the client-side exception a test session raises when the app closes
the socket; ``FasterAPI.WebSocketDisconnect`` is the server-side one handlers catch.
"""

from fasterapi_testclient import (
    AsyncTestClient as AsyncTestClient,
    AsyncWebSocketTestSession as AsyncWebSocketTestSession,
    LifespanManager as LifespanManager,
    LifespanShutdownError as LifespanShutdownError,
    LifespanStartupError as LifespanStartupError,
    TestClient as TestClient,
    WebSocketDenialResponse as WebSocketDenialResponse,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketTestSession as WebSocketTestSession,
)

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
