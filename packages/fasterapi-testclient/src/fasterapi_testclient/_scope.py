"""Build ASGI ``http`` and ``websocket`` scopes from an httpx request, the same way for every client."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from httpx._types import HeaderTypes

from ._types import Scope

__all__ = ["ScopeOptions", "http_scope", "websocket_request_headers", "websocket_scope"]

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
_ASGI = {"version": "3.0", "spec_version": "2.4"}


class ScopeOptions:
    """What a client adds to every scope: root path, client address and the lifespan state."""

    __slots__ = ("client", "root_path", "state")

    def __init__(self, root_path: str, client: tuple[str, int] | None) -> None:
        self.root_path = root_path
        self.client = client
        self.state: dict[str, Any] = {}


def _common(request: httpx.Request, scheme: str, options: ScopeOptions) -> dict[str, Any]:
    url = request.url
    raw_path = url.raw_path.partition(b"?")[0]
    port = _DEFAULT_PORTS.get(scheme, 80) if url.port is None else url.port  # port 0 is a port, not a missing one
    return {
        "asgi": dict(_ASGI),
        "http_version": "1.1",
        "scheme": scheme,
        "path": url.path,
        "raw_path": raw_path,
        "query_string": url.query,
        "root_path": options.root_path,
        "headers": [(name.lower(), value) for name, value in request.headers.raw],
        "client": options.client,
        "server": (url.host, port),
        "state": dict(options.state),
    }


def http_scope(request: httpx.Request, options: ScopeOptions) -> Scope:
    """The ``http`` scope for ``request``; ``path`` is percent-decoded, ``raw_path`` is not.

    It advertises ``http.response.debug`` (template responses then report their template and context,
    exposed as ``response.template`` and ``response.context``) and ``http.response.trailers``.
    """
    scope = _common(request, request.url.scheme, options)
    scope["type"] = "http"
    scope["method"] = request.method
    scope["extensions"] = {"http.response.debug": {}, "http.response.trailers": {}}
    return scope


def websocket_scope(request: httpx.Request, options: ScopeOptions, subprotocols: Sequence[str] | None) -> Scope:
    """The ``websocket`` scope; advertises the ``websocket.http.response`` extension for denial responses."""
    scheme = {"http": "ws", "https": "wss"}.get(request.url.scheme, request.url.scheme)
    scope = _common(request, scheme, options)
    scope["type"] = "websocket"
    scope["subprotocols"] = list(subprotocols or ())
    scope["extensions"] = {"websocket.http.response": {}}
    return scope


def websocket_request_headers(subprotocols: Sequence[str] | None, headers: HeaderTypes | None) -> httpx.Headers:
    """Handshake headers a browser would send; the caller's own headers win over them."""
    handshake = httpx.Headers(
        {
            "connection": "upgrade",
            "upgrade": "websocket",
            "sec-websocket-version": "13",
            "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        }
    )
    if subprotocols:
        handshake["sec-websocket-protocol"] = ", ".join(subprotocols)
    if headers is not None:
        handshake.update(httpx.Headers(headers))
    return handshake
