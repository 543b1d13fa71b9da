"""FastAPI parity: WebSockets (docs: advanced/websockets, advanced/testing-websockets)."""

from __future__ import annotations

from typing import Annotated

import pytest

from FasterAPI import (
    Cookie,
    Depends,
    Faster,
    Query,
    WebSocket,
    WebSocketDisconnect,
    WebSocketException,
)
from FasterAPI.testclient import TestClient, WebSocketDisconnect as ClientDisconnect


def test_echo_websocket() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def websocket_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        while True:
            data = await websocket.receive_text()
            await websocket.send_text(f"Message text was: {data}")

    client = TestClient(app)
    # the endpoint never catches the client's leaving: FastAPI's client re-raises it when the block ends
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/ws") as websocket:
        websocket.send_text("hello")
        assert websocket.receive_text() == "Message text was: hello"
        websocket.send_text("again")
        assert websocket.receive_text() == "Message text was: again"


def test_websocket_json_and_server_first_message() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def websocket(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_json({"msg": "Hello WebSocket"})
        data = await websocket.receive_json()
        await websocket.send_json({"echo": data})
        await websocket.close()

    with TestClient(app).websocket_connect("/ws") as ws:
        assert ws.receive_json() == {"msg": "Hello WebSocket"}
        ws.send_json({"a": 1})
        assert ws.receive_json() == {"echo": {"a": 1}}


def test_websocket_path_query_cookie_and_depends() -> None:
    app = Faster()

    async def get_cookie_or_token(
        websocket: WebSocket,
        session: Annotated[str | None, Cookie()] = None,
        token: Annotated[str | None, Query()] = None,
    ) -> str:
        if session is None and token is None:
            raise WebSocketException(code=1008)
        return session or token or ""

    @app.websocket("/items/{item_id}/ws")
    async def websocket_endpoint(
        websocket: WebSocket,
        item_id: str,
        q: int | None = None,
        cookie_or_token: Annotated[str, Depends(get_cookie_or_token)] = "",
    ) -> None:
        await websocket.accept()
        while True:
            data = await websocket.receive_text()
            await websocket.send_text(f"Session cookie or query token value is: {cookie_or_token}")
            if q is not None:
                await websocket.send_text(f"Query parameter q is: {q}")
            await websocket.send_text(f"Message text was: {data}, for item ID: {item_id}")

    client = TestClient(app)
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/items/foo/ws?token=some-token&q=3") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "Session cookie or query token value is: some-token"
        assert ws.receive_text() == "Query parameter q is: 3"
        assert ws.receive_text() == "Message text was: hi, for item ID: foo"
    with pytest.raises(ClientDisconnect) as info, client.websocket_connect("/items/foo/ws") as ws:
        ws.receive_text()
    assert info.value.code == 1008


def test_websocket_disconnect_is_raised_in_handler() -> None:
    seen: list[int] = []
    app = Faster()

    @app.websocket("/ws/{client_id}")
    async def websocket_endpoint(websocket: WebSocket, client_id: int) -> None:
        await websocket.accept()
        try:
            while True:
                data = await websocket.receive_text()
                await websocket.send_text(f"Client #{client_id} says: {data}")
        except WebSocketDisconnect as exc:
            seen.append(exc.code)

    with TestClient(app).websocket_connect("/ws/7") as ws:
        ws.send_text("x")
        assert ws.receive_text() == "Client #7 says: x"
    assert seen == [1000]


def test_websocket_unknown_path_closes() -> None:
    app = Faster()
    with pytest.raises(ClientDisconnect), TestClient(app).websocket_connect("/nope") as ws:
        ws.receive_text()


def test_websocket_on_router() -> None:
    from FasterAPI import APIRouter

    router = APIRouter(prefix="/r")

    @router.websocket("/ws")
    async def ws_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("from router")
        await websocket.close()

    app = Faster()
    app.include_router(router)
    with TestClient(app).websocket_connect("/r/ws") as ws:
        assert ws.receive_text() == "from router"
