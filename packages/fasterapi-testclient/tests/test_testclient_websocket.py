"""WebSocket sessions of both clients against a raw ASGI app."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fasterapi_testclient import (
    AsyncTestClient,
    AsyncWebSocketTestSession,
    TestClient,
    WebSocketDenialResponse,
    WebSocketDisconnect,
    WebSocketTestSession,
)

pytestmark = pytest.mark.anyio


def test_echo_text_bytes_and_json(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/echo") as websocket:
        assert isinstance(websocket, WebSocketTestSession)
        websocket.send_text("hello")
        assert websocket.receive_text() == "hello"
        websocket.send_bytes(b"\x00\x01")
        assert websocket.receive_bytes() == b"\x00\x01"
        websocket.send_json({"a": [1, "é"]})
        assert websocket.receive_json() == {"a": [1, "é"]}
        websocket.send_json({"b": 2}, mode="binary")
        assert websocket.receive_json(mode="binary") == {"b": 2}
        websocket.send_text("raw")
        assert websocket.receive() == {"type": "websocket.send", "text": "raw"}
    assert raw_app.disconnects == [{"type": "websocket.disconnect", "code": 1000, "reason": ""}]


def test_scope_subprotocols_and_accept_details(raw_app: Any, backend: str) -> None:
    with (
        TestClient(raw_app, backend=backend) as client,
        client.websocket_connect(
            "/ws/scope?token=a%20b", subprotocols=["v1", "v2"], headers={"X-Key": "k"}
        ) as websocket,
    ):
        assert websocket.accepted_subprotocol == "v2"
        assert websocket.extra_headers == [(b"x-extra", b"yes")]
        scope = json.loads(websocket.receive_text())
    assert scope["type"] == "websocket"
    assert scope["scheme"] == "ws"
    assert scope["path"] == "/ws/scope"
    assert scope["query_string"] == "token=a%20b"
    assert scope["subprotocols"] == ["v1", "v2"]
    assert scope["extensions"] == {"websocket.http.response": {}}
    assert scope["state"] == {"greeting": "hello"}
    headers = dict(scope["headers"])
    assert headers["x-key"] == "k"
    assert headers["sec-websocket-protocol"] == "v1, v2"
    assert headers["upgrade"] == "websocket"


def test_app_close_raises_websocket_disconnect_with_code_and_reason(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/close") as websocket:
        with pytest.raises(WebSocketDisconnect) as info:
            websocket.receive_text()
        assert (info.value.code, info.value.reason) == (4000, "bye")
        with pytest.raises(WebSocketDisconnect):
            websocket.receive_text()


def test_app_returning_without_close_disconnects(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/return") as websocket:
        with pytest.raises(WebSocketDisconnect) as info:
            websocket.receive_json()
        assert info.value.code == 1006


def test_close_before_accept_is_a_403_denial(raw_app: Any, backend: str) -> None:
    with (
        TestClient(raw_app, backend=backend) as client,
        pytest.raises(WebSocketDenialResponse) as info,
        client.websocket_connect("/ws/deny"),
    ):
        pytest.fail("must not be entered")
    denial = info.value
    assert denial.status_code == 403
    assert (denial.code, denial.reason) == (1008, "go away")
    assert isinstance(denial, WebSocketDisconnect)


def test_http_denial_response(raw_app: Any, backend: str) -> None:
    with (
        TestClient(raw_app, backend=backend) as client,
        pytest.raises(WebSocketDenialResponse) as info,
        client.websocket_connect("/ws/deny-http"),
    ):
        pytest.fail("must not be entered")
    assert info.value.status_code == 401
    assert info.value.json() == {"detail": "no token"}
    assert info.value.headers["content-type"] == "application/json"


def test_receive_timeout_names_what_it_waited_for(raw_app: Any, backend: str) -> None:
    expected = r"waiting for a message from the WebSocket app at '/ws/silent'"
    with (
        TestClient(raw_app, backend=backend) as client,
        client.websocket_connect("/ws/silent") as websocket,
        pytest.raises(TimeoutError, match=expected),
    ):
        websocket.receive_text(timeout=0.05)
    with (
        TestClient(raw_app, ws_timeout=0.05, backend=backend) as client,
        client.websocket_connect("/ws/silent") as websocket,
        pytest.raises(TimeoutError, match=r"0\.05 s"),
    ):
        websocket.receive_bytes()


def test_app_exceptions_reraise_in_the_test(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        with pytest.raises(RuntimeError, match="crashed in the websocket handler"):  # noqa: SIM117
            with client.websocket_connect("/ws/crash") as websocket:
                websocket.send_text("trigger")
                websocket.receive_text()
        with pytest.raises(RuntimeError, match="crashed in the websocket handler"):  # noqa: SIM117
            with client.websocket_connect("/ws/crash") as websocket:
                websocket.send_text("trigger")
        with pytest.raises(ValueError, match="crashed before accept"):  # noqa: SIM117
            with client.websocket_connect("/ws/crash-before-accept"):
                pytest.fail("must not be entered")


def test_client_close_sends_code(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/echo") as websocket:
        websocket.close(code=4001, reason="done")
    assert raw_app.disconnects == [{"type": "websocket.disconnect", "code": 4001, "reason": "done"}]


def test_exit_does_not_hang_when_the_app_already_returned(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        with client.websocket_connect("/ws/return"):
            pass
        with client.websocket_connect("/ws/close"):
            pass


async def test_async_session(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client:
        async with client.websocket_connect("/ws/echo", subprotocols=["chat"]) as websocket:
            assert isinstance(websocket, AsyncWebSocketTestSession)
            assert websocket.accepted_subprotocol == "chat"
            await websocket.send_text("hello")
            assert await websocket.receive_text() == "hello"
            await websocket.send_bytes(b"\xff")
            assert await websocket.receive_bytes() == b"\xff"
            await websocket.send_json([1, 2], mode="binary")
            assert await websocket.receive_json(mode="binary") == [1, 2]
        async with client.websocket_connect("/ws/close") as websocket:
            with pytest.raises(WebSocketDisconnect) as info:
                await websocket.receive_text()
            assert info.value.code == 4000
        with pytest.raises(WebSocketDenialResponse):
            async with client.websocket_connect("/ws/deny"):
                pytest.fail("must not be entered")
        async with client.websocket_connect("/ws/silent") as websocket:
            with pytest.raises(TimeoutError, match="waiting for a message"):
                await websocket.receive(timeout=0.05)
        with pytest.raises(RuntimeError, match="crashed in the websocket handler"):
            async with client.websocket_connect("/ws/crash") as websocket:
                await websocket.send_text("trigger")
                await websocket.receive_text()
    assert raw_app.disconnects[0] == {"type": "websocket.disconnect", "code": 1000, "reason": ""}


def test_app_exceptions_are_not_raised_when_disabled(raw_app: Any, backend: str) -> None:
    with (
        TestClient(raw_app, raise_server_exceptions=False, backend=backend) as client,
        client.websocket_connect("/ws/crash") as websocket,
    ):
        websocket.send_text("trigger")
        with pytest.raises(WebSocketDisconnect) as info:
            websocket.receive_text()
        assert info.value.code == 1006


def test_cookies_and_default_headers_reach_the_websocket(raw_app: Any, backend: str) -> None:
    with (
        TestClient(raw_app, cookies={"session": "abc"}, headers={"x-default": "1"}, backend=backend) as client,
        client.websocket_connect("/ws/scope") as websocket,
    ):
        headers = dict(json.loads(websocket.receive_text())["headers"])
    assert headers["cookie"] == "session=abc"
    assert headers["x-default"] == "1"
    assert headers["host"] == "testserver"


def test_app_sending_right_after_accept_never_races_the_client(backend: str) -> None:
    """The accept check follows what the app sent, not what the client has read yet (trio ran it first)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            return
        await receive()
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.send", "text": "first"})
        await send({"type": "websocket.send", "bytes": b"second"})
        await send({"type": "websocket.close", "code": 1000})

    with TestClient(app, backend=backend) as client:
        for _ in range(20):
            with client.websocket_connect("/ws") as websocket:
                assert websocket.receive_text() == "first"
                assert websocket.receive_bytes() == b"second"
