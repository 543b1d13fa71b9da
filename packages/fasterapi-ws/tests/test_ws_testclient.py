"""Websocket routes through ``fasterapi_testclient``, as users test them (sync and async clients)."""

from collections.abc import AsyncIterator
from typing import Annotated

import pytest

import fasterapi_ws
from fasterapi_core import Depends, Faster, HTTPException, WebSocketException
from fasterapi_testclient import AsyncTestClient, TestClient, WebSocketDenialResponse
from fasterapi_ws import WebSocket, WebSocketDisconnect

events: list[str] = []


async def current_user(token: str | None = None) -> str:
    if token is None:
        raise HTTPException(401, "Not authenticated")
    return token


async def session_resource() -> AsyncIterator[str]:
    events.append("open")
    try:
        yield "resource"
    finally:
        events.append("close")


def build_app() -> Faster:
    app = Faster()

    @app.websocket("/echo/{room_id:int}")
    async def echo(websocket: WebSocket, room_id: int, prefix: str = "") -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(f"{prefix}{room_id}: {text}")

    @app.websocket("/json")
    async def json_echo(websocket: WebSocket) -> None:
        await websocket.accept()
        doc = await websocket.receive_json()
        await websocket.send_json({"echo": doc})
        doc = await websocket.receive_json(mode="binary")
        await websocket.send_json({"echo": doc}, mode="binary")
        await websocket.send_bytes(await websocket.receive_bytes())
        await websocket.close(4000, "done")

    @app.websocket("/proto")
    async def proto(websocket: WebSocket) -> None:
        offered = websocket.scope.get("subprotocols") or []
        await websocket.accept(subprotocol=offered[-1] if offered else None, headers={"x-extra": "1"})
        await websocket.send_text("hi")
        await websocket.close()

    @app.websocket("/me")
    async def me(
        websocket: WebSocket,
        user: Annotated[str, Depends(current_user)],
        resource: Annotated[str, Depends(session_resource)],
    ) -> None:
        await websocket.accept()
        await websocket.send_text(f"{user} has {resource}")
        await websocket.receive_text()

    @app.websocket("/policy")
    async def policy(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.receive_text()
        raise WebSocketException(4403, "not in this room")

    @app.websocket("/crash")
    async def crash(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.receive_text()
        raise ZeroDivisionError("bad math")

    @app.websocket("/small", max_message_size=3)
    async def small(websocket: WebSocket) -> None:
        await websocket.accept()
        async for data in websocket.iter_bytes():
            await websocket.send_bytes(data)

    return app


def test_sync_echo_with_params() -> None:
    with TestClient(build_app()) as client, client.websocket_connect("/echo/5?prefix=room") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "room5: hello"
        ws.send_text("again")
        assert ws.receive_text() == "room5: again"


def test_sync_json_binary_and_server_close() -> None:
    client = TestClient(build_app())
    with client.websocket_connect("/json") as ws:
        ws.send_json({"a": [1, 2]})
        assert ws.receive_json() == {"echo": {"a": [1, 2]}}
        ws.send_json({"b": None}, mode="binary")
        assert ws.receive_json(mode="binary") == {"echo": {"b": None}}
        ws.send_bytes(b"\x00\xff")
        assert ws.receive_bytes() == b"\x00\xff"
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert (info.value.code, info.value.reason) == (4000, "done")


def test_client_disconnect_is_catchable_as_fasterapi_ws_class() -> None:
    client = TestClient(build_app())
    with client.websocket_connect("/policy") as ws:
        ws.send_text("enter")
        try:
            ws.receive_text()
        except fasterapi_ws.WebSocketDisconnect as exc:
            caught = exc
    assert caught.code == 4403
    assert caught.reason == "not in this room"


def test_sync_subprotocol_and_headers() -> None:
    client = TestClient(build_app())
    with client.websocket_connect("/proto", subprotocols=["a", "b"]) as ws:
        assert ws.accepted_subprotocol == "b"
        assert (b"x-extra", b"1") in [(bytes(k), bytes(v)) for k, v in ws.extra_headers]
        assert ws.receive_text() == "hi"


def test_denials() -> None:
    client = TestClient(build_app())
    with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/missing"):
        pass
    assert info.value.status_code == 403
    with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/echo/not-int"):
        pass
    assert info.value.status_code == 403
    with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/me"):
        pass
    assert info.value.status_code == 401
    assert info.value.json() == {"detail": "Not authenticated"}


def test_yield_dependency_closes_after_the_session() -> None:
    events.clear()
    client = TestClient(build_app())
    with client.websocket_connect("/me?token=ann") as ws:
        assert ws.receive_text() == "ann has resource"
        assert events == ["open"]
        ws.send_text("bye")
    assert events == ["open", "close"]


def test_dependency_override() -> None:
    app = build_app()

    async def fake_user() -> str:
        return "tester"

    app.dependency_overrides[current_user] = fake_user
    client = TestClient(app)
    # the endpoint waits for a message; leaving the block ends it with WebSocketDisconnect, raised as in FastAPI
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/me") as ws:
        assert ws.receive_text() == "tester has resource"


def test_endpoint_error_is_raised_in_the_test() -> None:
    client = TestClient(build_app())
    with pytest.raises(ZeroDivisionError), client.websocket_connect("/crash") as ws:
        ws.send_text("go")
        ws.receive_text()


def test_endpoint_error_close_code_when_not_raised() -> None:
    client = TestClient(build_app(), raise_server_exceptions=False)
    with client.websocket_connect("/crash") as ws:
        ws.send_text("go")
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_text()
    assert info.value.code == 1011


async def test_async_client_echo_and_message_limit() -> None:
    async with AsyncTestClient(build_app()) as client:
        async with client.websocket_connect("/echo/1") as ws:
            await ws.send_text("x")
            assert await ws.receive_text() == "1: x"
        async with client.websocket_connect("/small") as ws:
            await ws.send_bytes(b"abc")
            assert await ws.receive_bytes() == b"abc"
            await ws.send_bytes(b"abcd")
            with pytest.raises(WebSocketDisconnect) as info:
                await ws.receive_bytes()
    assert info.value.code == 1009


def test_lifespan_state_and_mounted_apps() -> None:
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, str]]:
        yield {"pool": "db-pool"}

    app = Faster(lifespan=lifespan)
    sub = Faster()

    @sub.websocket("/rooms/{room_id:int}")
    async def room(websocket: WebSocket, room_id: int) -> None:
        await websocket.accept()
        await websocket.send_json({"room": room_id, "root_path": websocket.scope["root_path"]})
        await websocket.close()

    @app.websocket("/state")
    async def state(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text(websocket.state.pool)
        await websocket.close()

    app.mount("/chat", sub)
    with TestClient(app) as client:
        with client.websocket_connect("/state") as ws:
            assert ws.receive_text() == "db-pool"
        with client.websocket_connect("/chat/rooms/3") as ws:
            assert ws.receive_json() == {"room": 3, "root_path": "/chat"}
        with pytest.raises(WebSocketDenialResponse) as info, client.websocket_connect("/chat/nowhere"):
            pass
        assert info.value.status_code == 403


def test_websocket_path_attribute_like_faster_api_web() -> None:
    app = Faster()

    @app.websocket("/rooms/{name}")
    async def room(websocket: WebSocket, name: str) -> None:
        await websocket.accept()
        await websocket.send_json({"path": websocket.path, "name": name})
        await websocket.close()

    with TestClient(app).websocket_connect("/rooms/blue") as session:
        assert session.receive_json() == {"path": "/rooms/blue", "name": "blue"}
