"""Both clients against a Starlette app: the client speaks plain ASGI and needs no FasterAPI."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect as StarletteWebSocketDisconnect

from fasterapi_testclient import AsyncTestClient, TestClient, WebSocketDenialResponse, WebSocketDisconnect

pytestmark = pytest.mark.anyio


def make_app(fail_startup: bool = False) -> Starlette:
    record: dict[str, Any] = {"events": [], "background": [], "server_saw": []}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        record["events"].append("startup")
        if fail_startup:
            raise RuntimeError("cannot reach the database")
        yield {"db": "connected", "lock": anyio.Lock()}
        record["events"].append("shutdown")

    async def items(request: Request) -> JSONResponse:
        async with request.state.lock:
            return JSONResponse(
                {
                    "item": request.path_params["item_id"],
                    "q": request.query_params.get("q"),
                    "db": request.state.db,
                    "ua": request.headers["user-agent"],
                    "url": str(request.url),
                    "cookie": request.cookies.get("session"),
                }
            )

    async def create(request: Request) -> JSONResponse:
        data = await request.json()
        task = BackgroundTask(record["background"].append, data["name"])
        return JSONResponse({"created": data["name"]}, status_code=201, background=task)

    async def login(request: Request) -> PlainTextResponse:
        response = PlainTextResponse("ok")
        response.set_cookie("session", "s3cret")
        return response

    async def broken(request: Request) -> PlainTextResponse:
        raise KeyError("missing thing")

    class Forever:
        """Endless events; an iterator, not an async generator: Starlette never closes the body iterator
        of a cancelled response, and trio warns about async generators left unfinished."""

        def __init__(self) -> None:
            self.number = 0

        def __aiter__(self) -> Forever:
            return self

        async def __anext__(self) -> str:
            await anyio.sleep(0)
            self.number += 1
            return f"data: {self.number - 1}\n\n"

    async def events(request: Request) -> StreamingResponse:
        return StreamingResponse(Forever(), media_type="text/event-stream")

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept(subprotocol="chat" if "chat" in websocket.scope["subprotocols"] else None)
        try:
            while True:
                data = await websocket.receive_json()
                await websocket.send_json({"echo": data, "db": websocket.state.db})
        except StarletteWebSocketDisconnect as exc:
            record["server_saw"].append(exc.code)

    async def goodbye(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("bye")
        await websocket.close(code=4001, reason="see you")

    async def guarded(websocket: WebSocket) -> None:
        await websocket.close(code=1008)

    async def denied(websocket: WebSocket) -> None:
        await websocket.send_denial_response(JSONResponse({"detail": "forbidden"}, status_code=401))

    app = Starlette(
        routes=[
            Route("/items/{item_id}", items),
            Route("/items", create, methods=["POST"]),
            Route("/login", login),
            Route("/broken", broken),
            Route("/events", events),
            WebSocketRoute("/ws", echo),
            WebSocketRoute("/goodbye", goodbye),
            WebSocketRoute("/guarded", guarded),
            WebSocketRoute("/denied", denied),
        ],
        lifespan=lifespan,
    )
    app.state.record = record
    return app


def test_http_lifespan_state_cookies_and_background(backend: str) -> None:
    app = make_app()
    with TestClient(app, backend=backend) as client:
        assert client.app_state["db"] == "connected"
        client.get("/login")
        data = client.get("/items/42?q=x").json()
        assert data == {
            "item": "42",
            "q": "x",
            "db": "connected",
            "ua": "testclient",
            "url": "http://testserver/items/42?q=x",
            "cookie": "s3cret",
        }
        response = client.post("/items", json={"name": "spam"})
        assert response.status_code == 201
        assert app.state.record["background"] == ["spam"]
        assert client.get("/missing").status_code == 404
    assert app.state.record["events"] == ["startup", "shutdown"]


def test_server_exceptions(backend: str) -> None:
    with TestClient(make_app(), backend=backend) as client, pytest.raises(KeyError, match="missing thing"):
        client.get("/broken")
    with TestClient(make_app(), raise_server_exceptions=False, backend=backend) as client:
        assert client.get("/broken").status_code == 500


def test_startup_failure_raises_the_apps_error(backend: str) -> None:
    with (
        pytest.raises(RuntimeError, match="cannot reach the database"),
        TestClient(make_app(fail_startup=True), backend=backend),
    ):
        pytest.fail("the block must not run")


def test_websocket_session_and_disconnect_classes(backend: str) -> None:
    app = make_app()
    with TestClient(app, backend=backend) as client:
        with client.websocket_connect("/ws", subprotocols=["chat"]) as websocket:
            assert websocket.accepted_subprotocol == "chat"
            websocket.send_json({"n": 1})
            assert websocket.receive_json() == {"echo": {"n": 1}, "db": "connected"}
        assert app.state.record["server_saw"] == [1000]
        with client.websocket_connect("/goodbye") as websocket:
            assert websocket.receive_text() == "bye"
            with pytest.raises(StarletteWebSocketDisconnect) as info:
                websocket.receive_text()
        assert isinstance(info.value, WebSocketDisconnect)
        assert (info.value.code, info.value.reason) == (4001, "see you")


def test_websocket_denials(backend: str) -> None:
    with TestClient(make_app(), backend=backend) as client:
        with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/guarded"):
            pytest.fail("must not be entered")
        assert info.value.status_code == 403
        assert info.value.code == 1008
        with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/denied"):
            pytest.fail("must not be entered")
        assert info.value.status_code == 401
        assert info.value.json() == {"detail": "forbidden"}
        with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/nowhere"):
            pytest.fail("must not be entered")
        assert info.value.status_code == 403


def test_sync_client_streams_an_endless_response(backend: str) -> None:
    with TestClient(make_app(), backend=backend) as client, client.stream("GET", "/events") as response:
        lines = response.iter_lines()
        assert [next(lines) for _ in range(3)] == ["data: 0", "", "data: 1"]


async def test_async_client_against_starlette() -> None:
    app = make_app()
    async with AsyncTestClient(app) as client:
        assert (await client.get("/items/7")).json()["db"] == "connected"
        async with client.stream("GET", "/events") as response:
            seen = []
            async for line in response.aiter_lines():
                if line:
                    seen.append(line)
                if len(seen) == 3:
                    break
        assert seen == ["data: 0", "data: 1", "data: 2"]
        async with client.websocket_connect("/ws") as websocket:
            await websocket.send_json([1])
            assert await websocket.receive_json() == {"echo": [1], "db": "connected"}
        async with client.websocket_connect("/goodbye") as websocket:
            assert await websocket.receive_text() == "bye"
            with pytest.raises(StarletteWebSocketDisconnect):
                await websocket.receive_text()
    assert app.state.record["events"] == ["startup", "shutdown"]
