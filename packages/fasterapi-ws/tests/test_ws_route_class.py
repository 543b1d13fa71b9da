"""Websocket routes are ``WebSocketRoute`` objects, built through core's ``route_class_for`` hook."""

from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from fasterapi_core import Depends, Faster, FasterRouter, Query, Request, Response
from fasterapi_core.exceptions import FasterAPIError
from fasterapi_core.routing import APIRoute
from fasterapi_routing import Router
from fasterapi_testclient import TestClient
from fasterapi_ws import WebSocket, WebSocketRoute


def test_websocket_routes_are_websocket_routes_and_http_routes_stay_api_routes() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None: ...

    @app.get("/items")
    async def items() -> list[int]:
        return []

    by_path = {route.path: route for route in app.routes if hasattr(route, "methods")}
    assert type(by_path["/ws"]) is WebSocketRoute
    assert by_path["/ws"].methods == frozenset({"WEBSOCKET"})
    assert not isinstance(by_path["/ws"], APIRoute)
    assert type(by_path["/items"]) is APIRoute


def test_included_websocket_routes_keep_their_class_and_get_the_router_dependencies() -> None:
    calls: list[str] = []

    def outer() -> None:
        calls.append("outer")

    inner = FasterRouter(prefix="/chat")

    @inner.websocket("/{room}")
    async def room(websocket: WebSocket, room: str) -> None: ...

    app = Faster()
    app.include_router(inner, dependencies=[Depends(outer)])
    route = next(r for r in app.routes if getattr(r, "path", None) == "/chat/{room}")
    assert isinstance(route, WebSocketRoute)
    assert [sub.dependant.call for sub in route.dependant.dependencies] == [outer]
    assert [plan.name for plan in route.dependant.path_params] == ["room"]


def test_a_bare_router_websocket_route_becomes_a_websocket_route_when_included() -> None:
    async def endpoint(websocket: WebSocket) -> None: ...

    bare = Router()
    bare.add_route("/raw", endpoint, methods=["WEBSOCKET"])
    app = Faster()
    app.include_router(bare)
    route = next(r for r in app.routes if getattr(r, "path", None) == "/raw")
    assert isinstance(route, WebSocketRoute)


def test_websocket_route_alone_plans_its_endpoint_at_construction() -> None:
    async def endpoint(websocket: WebSocket, token: str) -> None: ...

    route = WebSocketRoute("/ws/{token}", endpoint)
    assert route.methods == frozenset({"WEBSOCKET"})
    assert [plan.name for plan in route.dependant.path_params] == ["token"]
    assert callable(route.handle)


def test_body_parameters_are_refused_when_the_route_is_built() -> None:
    async def endpoint(websocket: WebSocket, payload: dict[str, Any]) -> None: ...

    with pytest.raises(FasterAPIError, match="websocket handshake cannot carry"):
        WebSocketRoute("/ws", endpoint)


def test_declaration_errors_name_the_route_as_http_routes_do() -> None:
    app = Faster()

    with pytest.raises(FasterAPIError) as raised:

        @app.websocket("/ws/{room}")
        async def endpoint(websocket: WebSocket, room: str, q: object = Query()) -> None: ...

    assert str(raised.value).startswith("WS /ws/{room}: parameter 'q' of endpoint(): a query value cannot carry")
    assert WebSocketRoute("/chat", _echo).label == "WS /chat"


async def _echo(websocket: WebSocket) -> None: ...


def test_a_custom_http_route_class_leaves_websocket_routes_alone() -> None:
    wrapped: list[str] = []

    class TracingRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            original = super().get_route_handler()

            async def traced(request: Request) -> Response:
                wrapped.append(request.url.path)
                return await original(request)

            return traced

    router = FasterRouter(route_class=TracingRoute)

    @router.websocket("/ws")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text(await websocket.receive_text())
        await websocket.close()

    @router.get("/http")
    async def http() -> dict[str, bool]:
        return {"ok": True}

    app = Faster()
    app.router.route_class = TracingRoute
    app.include_router(router)

    @app.websocket("/app-ws")
    async def app_echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("app")
        await websocket.close()

    kinds = {route.path: type(route) for route in app.routes if hasattr(route, "methods")}
    assert kinds["/ws"] is WebSocketRoute and kinds["/app-ws"] is WebSocketRoute and kinds["/http"] is TracingRoute
    with TestClient(app) as client:
        with client.websocket_connect("/ws") as ws:
            ws.send_text("hi")
            assert ws.receive_text() == "hi"
        with client.websocket_connect("/app-ws") as ws:
            assert ws.receive_text() == "app"
        assert client.get("/http").json() == {"ok": True}
    assert wrapped == ["/http"]
