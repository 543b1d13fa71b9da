"""The one place core loads ``fasterapi_ws``: on the first websocket route, not at import time.

``FasterRouter.route_class_for`` asks here for the class that serves websocket routes; everything the
WebSocket package needs from core (planning, solving, encoding, exception handlers) is public core API.
"""

from __future__ import annotations

import importlib
from typing import Any

from fasterapi_routing import Route

__all__ = ["load_ws", "websocket_route_class"]


def load_ws() -> Any:
    """Import ``fasterapi_ws``, or explain which package to install."""
    try:
        return importlib.import_module("fasterapi_ws")
    except ImportError as exc:
        raise ImportError(
            "WebSocket routes need the fasterapi-ws package: pip install fasterapi-ws "
            "(or pip install faster-api-web, which includes it)"
        ) from exc


def websocket_route_class() -> type[Route]:
    """``fasterapi_ws.WebSocketRoute``: the route class of websocket routes."""
    route_class: type[Route] = load_ws().WebSocketRoute
    return route_class
