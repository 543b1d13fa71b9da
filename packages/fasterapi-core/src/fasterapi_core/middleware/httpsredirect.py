"""``HTTPSRedirectMiddleware``: send ``http``/``ws`` requests to their ``https``/``wss`` twins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datastructures import URL
from ..types import Receive, Scope, Send
from ._denial import refuse

__all__ = ["HTTPSRedirectMiddleware"]

_SECURE = {"http": "https", "ws": "wss"}
_DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}


class HTTPSRedirectMiddleware:
    """Redirect insecure requests with 307 (method and body kept); websockets are refused with the URL."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket") or scope.get("scheme", "http") in ("https", "wss"):
            await self.app(scope, receive, send)
            return
        url = URL(scope=scope)
        scheme = _SECURE.get(url.scheme, "https")
        netloc = url.hostname or "localhost"
        if ":" in netloc:
            netloc = f"[{netloc}]"
        try:
            port = url.port
        except ValueError:  # a malformed port in the Host header: drop it
            port = None
        if port is not None and port != _DEFAULT_PORTS.get(url.scheme):
            netloc = f"{netloc}:{port}"
        location = str(url.replace(scheme=scheme, netloc=netloc)).encode("latin-1")
        await refuse(scope, send, 307, b"", [(b"location", location)])
