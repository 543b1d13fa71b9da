"""FastAPI tutorial conformance: WebSockets (echo, Depends with cookie/query parameters, WebSocketException,
validation errors, WebSocketDisconnect and several clients, routers), translated to FasterAPI (docs:
advanced/websockets, advanced/testing-websockets)."""

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
    status,
)
from FasterAPI.responses import HTMLResponse
from FasterAPI.testclient import TestClient, WebSocketDisconnect as ClientDisconnect

PAGE = "<!DOCTYPE html><html><head><title>Chat</title></head><body><h1>WebSocket Chat</h1></body></html>"


def _echo_app() -> Faster:
    app = Faster()

    @app.get("/")
    async def get() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.websocket("/ws")
    async def websocket_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        while True:
            data = await websocket.receive_text()
            await websocket.send_text(f"Message text was: {data}")

    return app


def test_echo_page_and_socket() -> None:
    client = TestClient(_echo_app())
    response = client.get("/")
    assert response.status_code == 200
    assert b"<!DOCTYPE html>" in response.content
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/ws") as websocket:
        websocket.send_text("Hello WebSocket")
        assert websocket.receive_text() == "Message text was: Hello WebSocket"
        websocket.send_text("again")
        assert websocket.receive_text() == "Message text was: again"


async def get_cookie_or_token(
    websocket: WebSocket,
    session: Annotated[str | None, Cookie()] = None,
    token: Annotated[str | None, Query()] = None,
) -> str:
    if session is None and token is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    return session or str(token)


def _items_app() -> Faster:
    app = Faster()

    @app.websocket("/items/{item_id}/ws")
    async def websocket_endpoint(
        *,
        websocket: WebSocket,
        item_id: str,
        q: int | None = None,
        cookie_or_token: Annotated[str, Depends(get_cookie_or_token)],
    ) -> None:
        await websocket.accept()
        while True:
            data = await websocket.receive_text()
            await websocket.send_text(f"Session cookie or query token value is: {cookie_or_token}")
            if q is not None:
                await websocket.send_text(f"Query parameter q is: {q}")
            await websocket.send_text(f"Message text was: {data}, for item ID: {item_id}")

    return app


def test_websocket_with_cookie() -> None:
    client = TestClient(_items_app(), cookies={"session": "fakesession"})
    # the endpoint never catches the client's leaving: it is re-raised when the block ends, as in FastAPI
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/items/foo/ws") as websocket:
        for message in ("Message one", "Message two"):
            websocket.send_text(message)
            assert websocket.receive_text() == "Session cookie or query token value is: fakesession"
            assert websocket.receive_text() == f"Message text was: {message}, for item ID: foo"


def test_websocket_with_header_and_query() -> None:
    client = TestClient(_items_app())
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/items/2/ws?q=3&token=some-token") as websocket:
        for message in ("Message one", "Message two"):
            websocket.send_text(message)
            assert websocket.receive_text() == "Session cookie or query token value is: some-token"
            assert websocket.receive_text() == "Query parameter q is: 3"
            assert websocket.receive_text() == f"Message text was: {message}, for item ID: 2"


def test_websocket_no_credentials_is_policy_violation() -> None:
    client = TestClient(_items_app())
    with pytest.raises(WebSocketDisconnect) as exc_info, client.websocket_connect("/items/foo/ws"):
        pytest.fail("did not raise WebSocketDisconnect on __enter__")
    assert exc_info.value.code == status.WS_1008_POLICY_VIOLATION


def test_websocket_invalid_query_is_policy_violation() -> None:
    client = TestClient(_items_app())
    with (
        pytest.raises(WebSocketDisconnect) as exc_info,
        client.websocket_connect("/items/foo/ws?q=bar&token=some-token"),
    ):
        pytest.fail("did not raise WebSocketDisconnect on __enter__")
    assert exc_info.value.code == 1008


class ConnectionManager:
    def __init__(self) -> None:
        self.active_connections: list[WebSocket] = []

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self.active_connections.append(websocket)

    def disconnect(self, websocket: WebSocket) -> None:
        self.active_connections.remove(websocket)

    async def send_personal_message(self, message: str, websocket: WebSocket) -> None:
        await websocket.send_text(message)

    async def broadcast(self, message: str) -> None:
        for connection in self.active_connections:
            await connection.send_text(message)


def test_websocket_multiple_clients_and_disconnect() -> None:
    app = Faster()
    manager = ConnectionManager()

    @app.websocket("/ws/{client_id}")
    async def websocket_endpoint(websocket: WebSocket, client_id: int) -> None:
        await manager.connect(websocket)
        try:
            while True:
                data = await websocket.receive_text()
                await manager.send_personal_message(f"You wrote: {data}", websocket)
                await manager.broadcast(f"Client #{client_id} says: {data}")
        except WebSocketDisconnect:
            manager.disconnect(websocket)
            await manager.broadcast(f"Client #{client_id} left the chat")

    client = TestClient(app)
    with client.websocket_connect("/ws/1234") as connection, client.websocket_connect("/ws/5678") as connection_two:
        connection.send_text("Hello from 1234")
        assert connection.receive_text() == "You wrote: Hello from 1234"
        client1_says = "Client #1234 says: Hello from 1234"
        assert connection_two.receive_text() == client1_says
        assert connection.receive_text() == client1_says
        connection_two.close()
        assert connection.receive_text() == "Client #5678 left the chat"
    assert manager.active_connections == []


def test_websocket_json_and_bytes() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def websocket_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        data = await websocket.receive_json()
        await websocket.send_json({"got": data})
        raw = await websocket.receive_bytes()
        await websocket.send_bytes(raw[::-1])
        await websocket.close(code=1000)

    with TestClient(app).websocket_connect("/ws") as websocket:
        websocket.send_json({"a": 1})
        assert websocket.receive_json() == {"got": {"a": 1}}
        websocket.send_bytes(b"abc")
        assert websocket.receive_bytes() == b"cba"


# -- beyond the tutorial's own examples: server-first messages, the close code seen by the handler, routers --------


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
