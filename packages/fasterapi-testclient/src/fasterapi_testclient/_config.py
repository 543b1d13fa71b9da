"""Process-wide defaults; the pytest plugin sets them from ini options."""

from __future__ import annotations

__all__ = ["default_ws_timeout", "set_default_ws_timeout"]

_ws_timeout: float = 5.0


def default_ws_timeout() -> float:
    """Seconds a WebSocket receive waits when neither the call nor the client gives a timeout."""
    return _ws_timeout


def set_default_ws_timeout(seconds: float) -> None:
    """Change the default WebSocket receive timeout (used by the ``fasterapi_ws_timeout`` ini option)."""
    global _ws_timeout
    if seconds <= 0:
        raise ValueError(f"The WebSocket timeout must be positive, got {seconds!r}")
    _ws_timeout = seconds
