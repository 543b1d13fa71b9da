"""Exceptions raised by the test client; dependency-free so any framework can subclass or re-export them."""

from __future__ import annotations

__all__ = ["ClientDisconnected", "LifespanShutdownError", "LifespanStartupError", "WebSocketDisconnect"]


class WebSocketDisconnect(Exception):
    """The app closed the WebSocket (``websocket.close``); carries the close ``code`` and ``reason``."""

    def __init__(self, code: int = 1000, reason: str | None = None) -> None:
        super().__init__(code, reason)
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        if self.reason:
            return f"WebSocket closed by the app with code {self.code}: {self.reason}"
        return f"WebSocket closed by the app with code {self.code}"


class ClientDisconnected(OSError):
    """Raised by ``send()`` when the app writes to a connection the test client already closed (ASGI spec)."""


class LifespanStartupError(RuntimeError):
    """The app reported ``lifespan.startup.failed`` or stopped during startup without completing it."""


class LifespanShutdownError(RuntimeError):
    """The app reported ``lifespan.shutdown.failed`` or stopped during shutdown without completing it."""
