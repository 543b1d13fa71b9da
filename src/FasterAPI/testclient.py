"""``fastapi.testclient`` equivalent (needs the ``[test]`` extra): sync and async test clients."""

from fasterapi_testclient import (
    AsyncTestClient as AsyncTestClient,
    AsyncWebSocketTestSession as AsyncWebSocketTestSession,
    LifespanManager as LifespanManager,
    TestClient as TestClient,
    WebSocketTestSession as WebSocketTestSession,
)

__all__ = ["AsyncTestClient", "AsyncWebSocketTestSession", "LifespanManager", "TestClient", "WebSocketTestSession"]
