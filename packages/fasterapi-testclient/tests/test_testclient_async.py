"""AsyncTestClient: the app runs in the test's own loop, bodies stream, fixtures may hold the client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest

from fasterapi_testclient import AsyncTestClient

pytestmark = pytest.mark.anyio


async def test_app_runs_in_the_tests_loop(raw_app: Any) -> None:
    loops: list[object] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        loops.append(anyio.lowlevel.current_token())
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async with AsyncTestClient(app) as client:
        assert (await client.get("/")).text == "ok"
    assert loops == [anyio.lowlevel.current_token()]
    assert isinstance(client, httpx.AsyncClient)
    assert AsyncTestClient.__test__ is False


async def test_scope_and_request_streaming(raw_app: Any) -> None:
    async def parts() -> AsyncIterator[bytes]:
        yield b"x"
        yield b"yz"

    async with AsyncTestClient(raw_app, root_path="/root") as client:
        data = (await client.post("/a%2Fb?k=v", content=parts())).json()
    assert data["path"] == "/a/b"
    assert data["raw_path"] == "/a%2Fb"
    assert data["query_string"] == "k=v"
    assert data["root_path"] == "/root"
    assert data["state"] == {"greeting": "hello"}
    assert data["chunks"] == [["x", True], ["yz", False]]
    assert dict(data["headers"])["user-agent"] == "testclient"


async def test_endless_stream_read_partly_then_closed(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client, client.stream("GET", "/endless") as response:
        assert response.status_code == 200
        received = b""
        async for chunk in response.aiter_bytes():
            received += chunk
            if received.count(b"\n\n") >= 3:
                break
    assert received.startswith(b"data: 0\n\ndata: 1\n\ndata: 2\n\n")
    assert raw_app.disconnects == [{"type": "http.disconnect"}]


async def test_endless_app_that_ignores_disconnect_is_stopped() -> None:
    sends = 0
    outcome: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal sends
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        try:
            while True:
                await send({"type": "http.response.body", "body": b"tick", "more_body": True})
                sends += 1
        except OSError:
            outcome.append("send raised OSError after the client left")
            raise

    async with AsyncTestClient(app) as client, client.stream("GET", "/") as response:
        async for chunk in response.aiter_raw():
            assert chunk == b"tick"
            break
    assert outcome == ["send raised OSError after the client left"]
    assert sends >= 1


async def test_server_exceptions_raise_or_become_500(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client:
        with pytest.raises(ValueError, match="boom from the app"):
            await client.get("/boom")
        with pytest.raises(ValueError, match="boom after the response"):
            await client.get("/boom-after-response")
    async with AsyncTestClient(raw_app, raise_server_exceptions=False) as client:
        assert (await client.get("/boom")).status_code == 500


async def test_cookies_redirects_and_background(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client:
        await client.get("/set-cookie")
        assert "session=abc" in dict((await client.get("/echo")).json()["headers"])["cookie"]
        assert (await client.get("/redirect")).json()["path"] == "/scope"
        assert (await client.get("/background")).json() == {"ok": True}
        assert raw_app.background_done


async def test_concurrent_requests_share_the_loop(raw_app: Any) -> None:
    async with AsyncTestClient(raw_app) as client:
        responses: list[httpx.Response] = []

        async def get() -> None:
            responses.append(await client.get("/lock"))

        async with anyio.create_task_group() as group:
            for _ in range(10):
                group.start_soon(get)
    assert [r.json() for r in responses] == [{"locked": True}] * 10


async def test_requests_without_lifespan(raw_app: Any) -> None:
    client = AsyncTestClient(raw_app)
    assert (await client.get("/echo")).json()["state"] == {}
    assert raw_app.events == []
    await client.aclose()
