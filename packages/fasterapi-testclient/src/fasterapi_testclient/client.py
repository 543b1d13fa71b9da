"""``TestClient`` (sync, one portal loop per client) and ``AsyncTestClient`` (the test's own loop)."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Literal

import httpx
from httpx._client import USE_CLIENT_DEFAULT, UseClientDefault
from httpx._types import AuthTypes, CookieTypes, HeaderTypes, QueryParamTypes, TimeoutTypes

from ._asgi2 import ASGI2App, as_asgi3
from ._async_transport import LoopTransport
from ._lifespan import LifespanRunner
from ._portal import PortalThread
from ._scope import ScopeOptions, websocket_request_headers, websocket_scope
from ._transport import PortalTransport
from ._types import ASGIApp
from ._websocket import AsyncWebSocketTestSession, WebSocketChannel, WebSocketTestSession

__all__ = ["AsyncTestClient", "TestClient"]

_USER_AGENT = "testclient"


def _default_headers(headers: httpx._types.HeaderTypes | None) -> httpx.Headers:
    merged = httpx.Headers({"user-agent": _USER_AGENT})
    if headers is not None:
        merged.update(httpx.Headers(headers))
    return merged


class TestClient(httpx.Client):
    """A sync httpx client that calls an ASGI app directly.

    One event loop (an anyio blocking portal in a daemon thread) per client runs the lifespan, every
    request and every WebSocket session. ``with TestClient(app) as client:`` runs lifespan startup
    before the block and shutdown after it.
    """

    __test__ = False

    def __init__(
        self,
        app: ASGIApp | ASGI2App,
        base_url: str = "http://testserver",
        raise_server_exceptions: bool = True,
        root_path: str = "",
        backend: Literal["asyncio", "trio"] = "asyncio",
        backend_options: dict[str, Any] | None = None,
        cookies: httpx._types.CookieTypes | None = None,
        headers: httpx._types.HeaderTypes | None = None,
        follow_redirects: bool = True,
        client: tuple[str, int] | None = ("testclient", 50000),
        ws_timeout: float | None = None,
    ) -> None:
        self.app = app = as_asgi3(app)
        self.raise_server_exceptions = raise_server_exceptions
        self.ws_timeout = ws_timeout
        self._scope_options = ScopeOptions(root_path, client)
        self._loop = PortalThread(backend, backend_options)
        self._lifespan: LifespanRunner | None = None
        self._finalizer = weakref.finalize(self, self._loop.abandon)
        transport = PortalTransport(app, self._loop.get, self._scope_options, raise_server_exceptions)
        super().__init__(
            base_url=base_url,
            headers=_default_headers(headers),
            cookies=cookies,
            transport=transport,
            follow_redirects=follow_redirects,
            trust_env=False,
        )

    @property
    def app_state(self) -> dict[str, Any]:
        """The lifespan state (``scope["state"]``); each request scope gets a shallow copy of it."""
        return self._scope_options.state

    def __enter__(self) -> TestClient:
        self._scope_options.state = {}
        runner = LifespanRunner(self.app, self._scope_options.state, self.raise_server_exceptions)
        portal = self._loop.get()
        try:
            portal.call(runner.startup)
        except BaseException:
            self._loop.stop()
            raise
        self._lifespan = runner
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        runner, self._lifespan = self._lifespan, None
        try:
            if runner is not None and self._loop.running:
                self._loop.get().call(runner.shutdown)
        finally:
            self._loop.stop()

    def close(self) -> None:
        """Stop the client's event loop and close the httpx client."""
        self._loop.stop()
        super().close()

    def websocket_connect(
        self,
        url: str,
        subprotocols: Sequence[str] | None = None,
        headers: HeaderTypes | None = None,
        *,
        params: QueryParamTypes | None = None,
        cookies: CookieTypes | None = None,
        auth: AuthTypes | UseClientDefault | None = USE_CLIENT_DEFAULT,
        timeout: TimeoutTypes | UseClientDefault = USE_CLIENT_DEFAULT,
        extensions: dict[str, Any] | None = None,
    ) -> WebSocketTestSession:
        """A WebSocket session to ``url``; use it as ``with client.websocket_connect(url) as websocket:``.

        The handshake is built like any request of this client (base URL, ``params``, default and
        given ``headers`` and ``cookies``, ``auth``), plus the headers a browser adds to an upgrade.
        """
        request = _handshake_request(self, url, subprotocols, headers, params, cookies, auth, timeout, extensions)
        scope = websocket_scope(request, self._scope_options, subprotocols)

        def channel() -> WebSocketChannel:
            return WebSocketChannel(self.app, scope, request, self.raise_server_exceptions, self.ws_timeout)

        return WebSocketTestSession(channel, self._loop.get)


class AsyncTestClient(httpx.AsyncClient):
    """An async httpx client that runs an ASGI app in the test's own event loop.

    Response bodies stream as the app sends them; ``async with`` runs the lifespan. Nothing it holds
    between ``__aenter__`` and ``__aexit__`` is a task group or cancel scope, so it can be entered in
    an async fixture and left in that fixture's teardown. ``backend`` and ``backend_options`` are
    accepted for symmetry with ``TestClient`` and ignored: the loop is the caller's.
    """

    __test__ = False

    def __init__(
        self,
        app: ASGIApp | ASGI2App,
        base_url: str = "http://testserver",
        raise_server_exceptions: bool = True,
        root_path: str = "",
        backend: Literal["asyncio", "trio"] = "asyncio",
        backend_options: dict[str, Any] | None = None,
        cookies: httpx._types.CookieTypes | None = None,
        headers: httpx._types.HeaderTypes | None = None,
        follow_redirects: bool = True,
        client: tuple[str, int] | None = ("testclient", 50000),
        ws_timeout: float | None = None,
    ) -> None:
        self.app = app = as_asgi3(app)
        self.raise_server_exceptions = raise_server_exceptions
        self.ws_timeout = ws_timeout
        self._scope_options = ScopeOptions(root_path, client)
        self._lifespan: LifespanRunner | None = None
        transport = LoopTransport(app, self._scope_options, raise_server_exceptions)
        super().__init__(
            base_url=base_url,
            headers=_default_headers(headers),
            cookies=cookies,
            transport=transport,
            follow_redirects=follow_redirects,
            trust_env=False,
        )

    @property
    def app_state(self) -> dict[str, Any]:
        """The lifespan state (``scope["state"]``); each request scope gets a shallow copy of it."""
        return self._scope_options.state

    async def __aenter__(self) -> AsyncTestClient:
        self._scope_options.state = {}
        runner = LifespanRunner(self.app, self._scope_options.state, self.raise_server_exceptions)
        try:
            await runner.startup()
        except BaseException:
            await runner.abort()
            raise
        self._lifespan = runner
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        runner, self._lifespan = self._lifespan, None
        if runner is not None:
            await runner.shutdown()

    def websocket_connect(
        self,
        url: str,
        subprotocols: Sequence[str] | None = None,
        headers: HeaderTypes | None = None,
        *,
        params: QueryParamTypes | None = None,
        cookies: CookieTypes | None = None,
        auth: AuthTypes | UseClientDefault | None = USE_CLIENT_DEFAULT,
        timeout: TimeoutTypes | UseClientDefault = USE_CLIENT_DEFAULT,
        extensions: dict[str, Any] | None = None,
    ) -> AsyncWebSocketTestSession:
        """A WebSocket session to ``url``; use it as ``async with client.websocket_connect(url) as ws:``.

        The handshake is built like any request of this client (see ``TestClient.websocket_connect``).
        """
        request = _handshake_request(self, url, subprotocols, headers, params, cookies, auth, timeout, extensions)
        scope = websocket_scope(request, self._scope_options, subprotocols)

        def channel() -> WebSocketChannel:
            return WebSocketChannel(self.app, scope, request, self.raise_server_exceptions, self.ws_timeout)

        return AsyncWebSocketTestSession(channel)


def _handshake_request(
    client: httpx.Client | httpx.AsyncClient,
    url: str,
    subprotocols: Sequence[str] | None,
    headers: HeaderTypes | None,
    params: QueryParamTypes | None,
    cookies: CookieTypes | None,
    auth: AuthTypes | UseClientDefault | None,
    timeout: TimeoutTypes | UseClientDefault,
    extensions: dict[str, Any] | None,
) -> httpx.Request:
    """The upgrade ``GET`` as httpx would send it, with the client's auth applied (first step of its flow)."""
    request = client.build_request(
        "GET",
        url,
        params=params,
        headers=websocket_request_headers(subprotocols, headers),
        cookies=cookies,
        timeout=timeout,
        extensions=extensions,
    )
    flow = client._build_request_auth(request, auth).sync_auth_flow(request)
    try:
        return next(flow)
    finally:
        flow.close()
