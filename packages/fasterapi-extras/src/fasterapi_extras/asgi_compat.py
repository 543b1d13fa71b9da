"""Small helpers that read facts from a raw ASGI scope (HTTP version, host, one header).

Useful in pure ASGI middleware, where building a ``Request`` for one header would be wasteful.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["get_header", "get_server_host", "http_version", "is_http2"]


def http_version(scope: Mapping[str, Any]) -> str:
    """The HTTP version the server reported (``"1.1"`` when it said nothing)."""
    version = scope.get("http_version")
    return version if isinstance(version, str) and version else "1.1"


def is_http2(scope: Mapping[str, Any]) -> bool:
    """True for HTTP/2 connections (``http_version`` ``"2"`` or ``"2.0"``)."""
    return http_version(scope).startswith("2")


def get_header(scope: Mapping[str, Any], name: str) -> str | None:
    """The first value of header ``name`` (case-insensitive), decoded as latin-1, or ``None``."""
    wanted = name.lower().encode("latin-1")
    for key, value in scope.get("headers") or ():
        if key.lower() == wanted:
            text: str = value.decode("latin-1")
            return text
    return None


def get_server_host(scope: Mapping[str, Any]) -> str | None:
    """The host the client asked for, without port: ``Host`` (or HTTP/2 ``:authority``), else the server's."""
    host = get_header(scope, "host") or get_header(scope, ":authority")
    if host:
        if host.startswith("["):  # IPv6 literal: [::1]:8000
            return host[: host.index("]") + 1] if "]" in host else host
        return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    server = scope.get("server")
    if server:
        return str(server[0])
    return None
