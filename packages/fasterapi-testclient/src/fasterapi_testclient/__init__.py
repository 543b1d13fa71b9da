"""fasterapi-testclient: test any ASGI 3 app with httpx, sync or async, with lifespan and WebSockets.

Names load lazily so that the pytest plugin (loaded in every pytest run) does not import httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._websocket import (
        AsyncWebSocketTestSession as AsyncWebSocketTestSession,
        WebSocketDenialResponse as WebSocketDenialResponse,
        WebSocketTestSession as WebSocketTestSession,
    )
    from .client import AsyncTestClient as AsyncTestClient, TestClient as TestClient
    from .exceptions import (
        LifespanShutdownError as LifespanShutdownError,
        LifespanStartupError as LifespanStartupError,
        WebSocketDisconnect as WebSocketDisconnect,
    )
    from .lifespan import LifespanManager as LifespanManager

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

_HOMES = {
    "AsyncTestClient": ".client",
    "TestClient": ".client",
    "AsyncWebSocketTestSession": "._websocket",
    "WebSocketTestSession": "._websocket",
    "WebSocketDenialResponse": "._websocket",
    "WebSocketDisconnect": ".exceptions",
    "LifespanStartupError": ".exceptions",
    "LifespanShutdownError": ".exceptions",
    "LifespanManager": ".lifespan",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'fasterapi_testclient' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
