"""``GZipMiddleware``: compress responses for clients that accept gzip, streaming as it goes."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import Any

from ..types import Message, Receive, Scope, Send

__all__ = ["GZipMiddleware"]

#: Never compressed: event streams must reach the client event by event.
DEFAULT_EXCLUDED_CONTENT_TYPES = ("text/event-stream",)


def _accepts_gzip(scope: Scope) -> bool:
    for key, value in scope.get("headers", ()):
        if key == b"accept-encoding":
            return b"gzip" in value.lower()
    return False


class GZipMiddleware:
    """Gzip bodies of at least ``minimum_size`` bytes; bodies sent in pieces are compressed piece by piece.

    Responses that already carry a ``Content-Encoding`` and ``text/event-stream`` pass through.
    """

    def __init__(
        self,
        app: Callable[..., Any],
        minimum_size: int = 500,
        compresslevel: int = 9,
        excluded_content_types: Sequence[str] = DEFAULT_EXCLUDED_CONTENT_TYPES,
    ) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.compresslevel = compresslevel
        self.excluded = tuple(t.encode("latin-1") for t in excluded_content_types)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _accepts_gzip(scope):
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _GZipSender(self, send))


class _GZipSender:
    """The ``send`` given to the app: holds the start message until the first body chunk decides."""

    __slots__ = ("compressor", "mode", "options", "send", "start")

    def __init__(self, options: GZipMiddleware, send: Send) -> None:
        self.options = options
        self.send = send
        self.start: Message | None = None
        self.mode = "undecided"  # then "identity" or "gzip"
        self.compressor: Any = None

    async def __call__(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.start = message
            headers = message.get("headers", ())
            for key, value in headers:
                name = key.lower()
                if name == b"content-encoding" or (
                    name == b"content-type" and value.split(b";", 1)[0].strip().lower() in self.options.excluded
                ):
                    self.mode = "identity"
                    await self.send(message)
                    return
            return
        if kind != "http.response.body" or self.mode == "identity":
            await self.send(message)
            return
        body: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        if self.mode == "undecided":
            start = self.start
            assert start is not None, "http.response.body sent before http.response.start"
            if not more and (not body or len(body) < self.options.minimum_size):
                self.mode = "identity"
                await self.send(start)
                await self.send(message)
                return
            self.mode = "gzip"
            self.compressor = zlib.compressobj(self.options.compresslevel, zlib.DEFLATED, 31)
            headers = [(k, v) for k, v in start.get("headers", ()) if k.lower() != b"content-length"]
            headers.append((b"content-encoding", b"gzip"))
            _add_vary(headers)
            if not more:
                data = self.compressor.compress(body) + self.compressor.flush()
                headers.append((b"content-length", str(len(data)).encode("latin-1")))
                await self.send({**start, "headers": headers})
                await self.send({"type": "http.response.body", "body": data})
                return
            await self.send({**start, "headers": headers})
        if more:
            data = self.compressor.compress(body) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
        else:
            data = self.compressor.compress(body) + self.compressor.flush()
        await self.send({"type": "http.response.body", "body": data, "more_body": more})


def _add_vary(headers: list[tuple[bytes, bytes]]) -> None:
    for index, (key, value) in enumerate(headers):
        if key.lower() == b"vary":
            if b"accept-encoding" not in value.lower():
                headers[index] = (key, value + b", Accept-Encoding")
            return
    headers.append((b"vary", b"Accept-Encoding"))
