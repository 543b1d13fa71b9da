"""httpx transport for ``AsyncTestClient``: the app runs in the caller's own event loop, body streamed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from ._http import HTTPExchange, with_extensions
from ._scope import ScopeOptions, http_scope
from ._types import ASGIApp

__all__ = ["LoopTransport"]


class _LoopResponseStream(httpx.AsyncByteStream):
    """Yield body chunks as the app sends them; closing early disconnects the app."""

    __slots__ = ("_exchange",)

    def __init__(self, exchange: HTTPExchange) -> None:
        self._exchange = exchange

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (chunk := await self._exchange.next_chunk()) is not None:
            yield chunk

    async def aclose(self) -> None:
        await self._exchange.aclose()


class LoopTransport(httpx.AsyncBaseTransport):
    """Run each request as a task of the running loop (no task group outlives the call)."""

    def __init__(self, app: ASGIApp, options: ScopeOptions, raise_server_exceptions: bool) -> None:
        self.app = app
        self.options = options
        self.raise_server_exceptions = raise_server_exceptions

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        scope = http_scope(request, self.options)
        if not isinstance(request.stream, httpx.AsyncByteStream):
            raise TypeError("AsyncTestClient needs bytes or an async iterator as request content, not a sync iterator")
        exchange = HTTPExchange(self.app, scope, request, request.stream, self.raise_server_exceptions)
        await exchange.start()
        response = httpx.Response(exchange.status, headers=exchange.headers, stream=_LoopResponseStream(exchange))
        return with_extensions(response, exchange)
