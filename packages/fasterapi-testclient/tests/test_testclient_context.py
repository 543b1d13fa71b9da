"""Context variables set by the test reach the app, in its task and in worker threads, on both backends."""

from __future__ import annotations

import contextvars
from typing import Any

import anyio.to_thread
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from fasterapi_testclient import AsyncTestClient, TestClient

pytestmark = pytest.mark.anyio

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")


async def raw_app(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    in_task = request_id.get()
    in_thread = await anyio.to_thread.run_sync(request_id.get)
    body = f"{in_task},{in_thread}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def sync_endpoint(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request_id.get())


async def websocket_endpoint(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(request_id.get())
    await websocket.close()


starlette_app = Starlette(routes=[Route("/", sync_endpoint), WebSocketRoute("/ws", websocket_endpoint)])


def test_sync_client_carries_the_tests_context(backend: str) -> None:
    request_id.set("from the test")
    with TestClient(raw_app, backend=backend) as client:
        assert client.get("/").text == "from the test,from the test"
    with TestClient(starlette_app, backend=backend) as client:
        assert client.get("/").text == "from the test"
        with client.websocket_connect("/ws") as websocket:
            assert websocket.receive_text() == "from the test"


async def test_async_client_carries_the_tests_context() -> None:
    request_id.set("from the async test")
    async with AsyncTestClient(raw_app) as client:
        assert (await client.get("/")).text == "from the async test,from the async test"
    async with AsyncTestClient(starlette_app) as client:
        assert (await client.get("/")).text == "from the async test"
        async with client.websocket_connect("/ws") as websocket:
            assert await websocket.receive_text() == "from the async test"


def test_the_app_cannot_change_the_tests_context(backend: str) -> None:
    async def setter(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            request_id.set("from the app")
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

    token = request_id.set("mine")
    try:
        with TestClient(setter, backend=backend) as client:
            assert client.get("/").status_code == 204
        assert request_id.get() == "mine"
    finally:
        request_id.reset(token)
