"""Edge cases: URLs, mixing clients with async tests, interpreter exit, hostile apps."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from fasterapi_testclient import AsyncTestClient, TestClient, WebSocketDenialResponse

pytestmark = pytest.mark.anyio


def test_websocket_urls_keep_their_scheme(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        with client.websocket_connect("ws://testserver/ws/scope") as websocket:
            assert json.loads(websocket.receive_text())["scheme"] == "ws"
        with client.websocket_connect("https://secure.example/ws/scope") as websocket:
            assert json.loads(websocket.receive_text())["scheme"] == "wss"


def test_websocket_session_needs_entering(raw_app: Any, backend: str) -> None:
    session = TestClient(raw_app, backend=backend).websocket_connect("/ws/echo")
    with pytest.raises(RuntimeError, match="Enter the session first"):
        session.send_text("too early")


async def test_sync_client_inside_an_async_test(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.get("/lock").json() == {"locked": True}
        with client.websocket_connect("/ws/echo") as websocket:
            websocket.send_text("x")
            assert websocket.receive_text() == "x"


def test_unclosed_client_does_not_block_interpreter_exit(backend: str) -> None:
    script = textwrap.dedent(
        """
        from fasterapi_testclient import TestClient

        async def app(scope, receive, send):
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})

        client = TestClient(app, backend=BACKEND)
        print(client.get("/").text)
        """
    ).replace("BACKEND", repr(backend))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "ok"


def test_app_sending_data_before_accept_fails_clearly(backend: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await receive()
            await send({"type": "websocket.send", "text": "hi"})

    with (
        TestClient(app, backend=backend) as client,
        pytest.raises(RuntimeError, match=r"before 'websocket\.accept'"),
        client.websocket_connect("/"),
    ):
        pytest.fail("must not be entered")


def test_app_returning_before_handshake(backend: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await receive()

    with (
        TestClient(app, backend=backend) as client,
        pytest.raises(RuntimeError, match="without accepting or closing"),
        client.websocket_connect("/"),
    ):
        pytest.fail("must not be entered")
    with (
        TestClient(app, raise_server_exceptions=False, backend=backend) as client,
        pytest.raises(WebSocketDenialResponse) as info,
        client.websocket_connect("/"),
    ):
        pytest.fail("must not be entered")
    assert info.value.status_code == 500


async def test_response_start_sent_twice_is_an_error() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.start", "status": 200, "headers": []})

    async with AsyncTestClient(app) as client:
        with pytest.raises(RuntimeError, match=r"'http\.response\.start' twice"):
            await client.get("/")
