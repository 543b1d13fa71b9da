"""Starlette apps as Starlette's own TestClient tests them: templates, middleware errors, disconnects, WebSockets."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect as StarletteWebSocketDisconnect

from fasterapi_testclient import AsyncTestClient, TestClient, WebSocketDisconnect

pytestmark = pytest.mark.anyio


def templates_app(directory: Path, middleware: list[Middleware] | None = None) -> Starlette:
    (directory / "hello.html").write_text("<h1>Hello {{ name }}</h1>")
    templates = Jinja2Templates(directory=directory)

    async def page(request: Request) -> Response:
        return templates.TemplateResponse(request, "hello.html", {"name": request.query_params["name"]})

    return Starlette(routes=[Route("/", page)], middleware=middleware)


class Passthrough(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        return await call_next(request)


def test_jinja2_template_and_context(tmp_path: Path, backend: str) -> None:
    for middleware in (None, [Middleware(Passthrough)]):
        with TestClient(templates_app(tmp_path, middleware), backend=backend) as client:
            response = client.get("/", params={"name": "Ada"})
        assert response.text == "<h1>Hello Ada</h1>"
        assert response.template.name == "hello.html"  # type: ignore[attr-defined]
        assert response.context["name"] == "Ada"  # type: ignore[attr-defined]
        assert "request" in response.context  # type: ignore[attr-defined]


async def test_jinja2_template_and_context_async(tmp_path: Path) -> None:
    async with AsyncTestClient(templates_app(tmp_path)) as client:
        response = await client.get("/", params={"name": "Bob"})
    assert response.template.name == "hello.html"  # type: ignore[attr-defined]
    assert response.context["name"] == "Bob"  # type: ignore[attr-defined]


# -- exceptions raised in middleware reach the test -------------------------------------------


class Raising(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, where: str) -> None:
        super().__init__(app)
        self.where = where

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.where == "before":
            raise ValueError("raised before call_next")
        response = await call_next(request)
        raise ValueError("raised after call_next")
        return response  # pragma: no cover


class PureRaising:
    def __init__(self, app: ASGIApp, where: str) -> None:
        self.app = app
        self.where = where

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.where == "before":
            raise ValueError("raised before call_next")
        await self.app(scope, receive, send)
        if scope["type"] == "http":
            raise ValueError("raised after call_next")


def middleware_app(cls: type, where: str) -> Starlette:
    async def index(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/", index)], middleware=[Middleware(cls, where=where)])


@pytest.mark.parametrize("cls", [Raising, PureRaising])
@pytest.mark.parametrize("where", ["before", "after"])
def test_middleware_exceptions_reach_the_test(cls: type, where: str, backend: str) -> None:
    with (
        TestClient(middleware_app(cls, where), backend=backend) as client,
        pytest.raises(ValueError, match=f"raised {where} call_next"),
    ):
        client.get("/")
    with TestClient(middleware_app(cls, where), raise_server_exceptions=False, backend=backend) as client:
        response = client.get("/")
    expected = 500 if where == "before" or cls is Raising else 200  # a pure middleware raised too late to answer
    assert response.status_code == expected


def test_middleware_failing_on_every_scope_fails_the_lifespan(backend: str) -> None:
    class Broken:
        def __init__(self, app: ASGIApp) -> None:
            self.app = app

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            raise LookupError("broken middleware")

    app = Starlette(middleware=[Middleware(Broken)])
    with pytest.raises(LookupError, match="broken middleware"), TestClient(app, backend=backend):
        pytest.fail("must not be entered")


async def test_middleware_exceptions_reach_the_async_test() -> None:
    async with AsyncTestClient(middleware_app(Raising, "before")) as client:
        with pytest.raises(ValueError, match="raised before call_next"):
            await client.get("/")


# -- the app sees the client as gone once the response is complete ----------------------------


def test_request_is_disconnected_after_the_response(backend: str) -> None:
    seen: list[bool] = []

    async def record(request: Request) -> None:
        seen.append(await request.is_disconnected())

    async def endpoint(request: Request) -> JSONResponse:
        before = await request.is_disconnected()
        return JSONResponse({"before": before}, background=BackgroundTask(record, request))

    app = Starlette(routes=[Route("/", endpoint)])
    with TestClient(app, backend=backend) as client:
        assert client.get("/").json() == {"before": False}
    assert seen == [True]


# -- WebSockets ---------------------------------------------------------------------------------


async def echo_query(websocket: WebSocket) -> None:
    await websocket.accept(subprotocol=websocket.scope["subprotocols"][0] if websocket.scope["subprotocols"] else None)
    await websocket.send_json(
        {
            "q": websocket.query_params.get("q"),
            "token": websocket.headers.get("x-token"),
            "cookie": websocket.cookies.get("session"),
            "authorization": websocket.headers.get("authorization"),
            "host": websocket.headers.get("host"),
            "url": str(websocket.url),
        }
    )
    with contextlib.suppress(StarletteWebSocketDisconnect):
        await websocket.receive_text()  # the session stays open until the client closes it


async def waits_for_a_message(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive_text()  # the client's close raises WebSocketDisconnect here, uncaught


ws_app = Starlette(routes=[WebSocketRoute("/ws", echo_query), WebSocketRoute("/waits", waits_for_a_message)])


def test_websocket_connect_keywords_reach_a_starlette_endpoint(backend: str) -> None:
    with (
        TestClient(ws_app, backend=backend) as client,
        client.websocket_connect(
            "/ws",
            subprotocols=["graphql-ws"],
            params={"q": "search"},
            headers={"X-Token": "t"},
            cookies={"session": "s"},
            auth=("u", "p"),
        ) as websocket,
    ):
        assert websocket.accepted_subprotocol == "graphql-ws"
        data = websocket.receive_json()
    assert data["q"] == "search"
    assert data["token"] == "t"
    assert data["cookie"] == "s"
    assert data["authorization"].startswith("Basic ")
    assert data["host"] == "testserver"
    assert data["url"] == "ws://testserver/ws?q=search"


def test_timeout_is_not_hidden_by_the_endpoints_disconnect(backend: str) -> None:
    with (
        TestClient(ws_app, backend=backend) as client,
        pytest.raises(TimeoutError, match="waiting for a message"),
        client.websocket_connect("/waits") as websocket,
    ):
        websocket.receive_text(timeout=0.05)  # the endpoint sends nothing


def test_starlette_disconnect_class_catches_the_clients_disconnect(backend: str) -> None:
    async def closing(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close(code=4002, reason="done")

    app = Starlette(routes=[WebSocketRoute("/ws", closing)])
    with TestClient(app, backend=backend) as client, client.websocket_connect("/ws") as websocket:
        with pytest.raises(StarletteWebSocketDisconnect) as info:
            websocket.receive_text()
        assert (info.value.code, info.value.reason) == (4002, "done")
        assert isinstance(info.value, WebSocketDisconnect)


def test_starlette_disconnect_catches_a_close_before_accept(backend: str) -> None:
    async def refusing(websocket: WebSocket) -> None:
        await websocket.close(code=1008)

    app = Starlette(routes=[WebSocketRoute("/ws", refusing)])
    with (
        TestClient(app, backend=backend) as client,
        pytest.raises(StarletteWebSocketDisconnect) as info,
        client.websocket_connect("/ws"),
    ):
        pytest.fail("must not be entered")
    assert info.value.code == 1008
