"""Refusing a request before the app sees it, for HTTP and websocket scopes alike."""

from __future__ import annotations

from ..types import Scope, Send

__all__ = ["refuse"]


async def refuse(
    scope: Scope, send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    """Answer ``status`` with a plain-text ``body``; websockets get an HTTP denial or a 1008 close."""
    raw = list(headers or [])
    raw.append((b"content-type", b"text/plain; charset=utf-8"))
    raw.append((b"content-length", str(len(body)).encode("latin-1")))
    if scope["type"] == "websocket":
        if "websocket.http.response" in scope.get("extensions", {}):
            await send({"type": "websocket.http.response.start", "status": status, "headers": raw})
            await send({"type": "websocket.http.response.body", "body": body})
        else:
            await send({"type": "websocket.close", "code": 1008, "reason": body.decode("utf-8", "replace")[:120]})
        return
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
