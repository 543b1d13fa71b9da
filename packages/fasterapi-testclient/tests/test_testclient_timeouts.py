"""A hanging app fails the request with httpx.ReadTimeout (httpx's timeout setting) instead of hanging the test."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

from fasterapi_testclient import AsyncTestClient, TestClient

pytestmark = pytest.mark.anyio


def hanging_app(where: str, cancelled: list[str]) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        try:
            if where == "after-start":
                await send({"type": "http.response.start", "status": 200, "headers": []})
                await send({"type": "http.response.body", "body": b"first", "more_body": True})
            elif where == "after-body":
                await send({"type": "http.response.start", "status": 200, "headers": []})
                await send({"type": "http.response.body", "body": b"all"})
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            cancelled.append(where)
            raise

    return app


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("before-start", r"did not send 'http\.response\.start' for GET /slow within 0\.05 s"),
        ("after-start", r"did not send the next 'http\.response\.body'"),
        ("after-body", r"did not return after the response body"),
    ],
)
def test_sync_client_times_out_and_stops_the_app(where: str, message: str, backend: str) -> None:
    cancelled: list[str] = []
    with (
        TestClient(hanging_app(where, cancelled), backend=backend) as client,
        pytest.raises(httpx.ReadTimeout, match=message),
    ):
        client.get("/slow", timeout=0.05)
    assert cancelled == [where]


@pytest.mark.parametrize("where", ["before-start", "after-start", "after-body"])
async def test_async_client_times_out_and_stops_the_app(where: str) -> None:
    cancelled: list[str] = []
    async with AsyncTestClient(hanging_app(where, cancelled)) as client:
        client.timeout = httpx.Timeout(0.05)
        with pytest.raises(httpx.ReadTimeout, match=r"within 0\.05 s"):
            await client.get("/slow")
    assert cancelled == [where]


async def test_stream_reads_what_arrived_before_the_timeout() -> None:
    cancelled: list[str] = []
    async with (
        AsyncTestClient(hanging_app("after-start", cancelled)) as client,
        client.stream("GET", "/slow", timeout=0.05) as response,
    ):
        chunks = response.aiter_raw()
        assert await chunks.__anext__() == b"first"
        with pytest.raises(httpx.ReadTimeout):
            await chunks.__anext__()
    assert cancelled == ["after-start"]
