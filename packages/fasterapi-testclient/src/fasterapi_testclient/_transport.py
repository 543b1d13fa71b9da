"""httpx transport for the sync ``TestClient``: each request runs in the client's portal loop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx
from anyio.from_thread import BlockingPortal

from ._http import HTTPExchange, with_extensions
from ._scope import ScopeOptions, http_scope
from ._types import ASGIApp, Scope

__all__ = ["PortalTransport"]


class _PortalResponseStream(httpx.SyncByteStream):
    """Body chunks: those fetched with the head first, then pulled across the portal as the caller iterates."""

    __slots__ = ("_exchange", "_portal", "_prefetched")

    def __init__(self, portal: BlockingPortal, exchange: HTTPExchange, prefetched: list[bytes]) -> None:
        self._portal = portal
        self._exchange = exchange
        self._prefetched = prefetched

    def __iter__(self) -> Iterator[bytes]:
        prefetched, self._prefetched = self._prefetched, []
        yield from prefetched
        if self._exchange.finished:
            self._exchange.close_finished()
            return
        while (chunk := self._portal.call(self._exchange.next_chunk)) is not None:
            yield chunk

    def close(self) -> None:
        if self._exchange.finished:
            self._exchange.close_finished()
        else:
            self._portal.call(self._exchange.aclose)


async def _replay(chunks: list[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


class PortalTransport(httpx.BaseTransport):
    """Build the scope in the caller's thread, run the app in the portal, stream the body back."""

    def __init__(
        self,
        app: ASGIApp,
        portal: Callable[[], BlockingPortal],
        options: ScopeOptions,
        raise_server_exceptions: bool,
    ) -> None:
        self.app = app
        self._portal = portal
        self.options = options
        self.raise_server_exceptions = raise_server_exceptions

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        scope = http_scope(request, self.options)
        if not isinstance(request.stream, httpx.SyncByteStream):
            raise TypeError("TestClient needs sync request content; use AsyncTestClient to send an async iterator")
        chunks = list(request.stream)  # a sync body is read here, in the caller's thread
        portal = self._portal()
        exchange, prefetched = portal.call(self._start, scope, request, chunks)
        stream = _PortalResponseStream(portal, exchange, prefetched)
        response = httpx.Response(exchange.status, headers=exchange.headers, stream=stream)
        return with_extensions(response, exchange)

    async def _start(
        self, scope: Scope, request: httpx.Request, chunks: list[bytes]
    ) -> tuple[HTTPExchange, list[bytes]]:
        exchange = HTTPExchange(self.app, scope, request, _replay(chunks), self.raise_server_exceptions)
        return exchange, await exchange.start_and_prefetch()
