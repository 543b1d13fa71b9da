"""Core's side of WebSocket routes: load ``fasterapi_ws`` on the first websocket route only."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["compile_websocket_route", "load_ws"]


def load_ws() -> Any:
    """Import ``fasterapi_ws``, or explain which package to install."""
    try:
        return importlib.import_module("fasterapi_ws")
    except ImportError as exc:
        raise ImportError(
            "WebSocket routes need the fasterapi-ws package: pip install fasterapi-ws "
            "(or pip install faster-api-web, which includes it)"
        ) from exc


def compile_websocket_route(route: Any) -> None:
    """Let ``fasterapi_ws`` plan the endpoint and set ``route.handle``."""
    load_ws().compile_websocket_route(route)
