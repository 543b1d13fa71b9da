"""The async client under anyio's pytest plugin (asyncio, and trio for the task-spawning path).

No async fixtures here: with pytest-asyncio in auto mode (the repo config) those would run in
pytest-asyncio's loop rather than anyio's.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fasterapi_testclient import AsyncTestClient, LifespanManager, WebSocketDenialResponse, WebSocketDisconnect

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_requests_and_lifespan(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client:
        assert client.app_state["greeting"] == "hello"
        assert (await client.get("/lock")).json() == {"locked": True}
        assert (await client.post("/echo", content=b"abc")).json()["body"] == "abc"
        with pytest.raises(ValueError, match="boom from the app"):
            await client.get("/boom")
    assert raw_app.events == ["startup", "shutdown"]


async def test_streaming_and_disconnect(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client, client.stream("GET", "/endless") as response:
        lines = response.aiter_lines()
        assert await lines.__anext__() == "data: 0"
    assert raw_app.disconnects == [{"type": "http.disconnect"}]


async def test_websocket_session(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client:
        async with client.websocket_connect("/ws/echo") as websocket:
            await websocket.send_json({"x": 1})
            assert await websocket.receive_json() == {"x": 1}
        async with client.websocket_connect("/ws/close") as websocket:
            with pytest.raises(WebSocketDisconnect):
                await websocket.receive_bytes()
        with pytest.raises(WebSocketDenialResponse):
            async with client.websocket_connect("/ws/deny"):
                pytest.fail("must not be entered")
        async with client.websocket_connect("/ws/silent") as websocket:
            with pytest.raises(TimeoutError):
                await websocket.receive_text(timeout=0.05)


async def test_lifespan_manager(raw_app: Any) -> None:
    async with LifespanManager(raw_app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert (await client.get("/echo")).json()["state"] == {"greeting": "hello"}
    assert raw_app.events == ["startup", "shutdown"]
