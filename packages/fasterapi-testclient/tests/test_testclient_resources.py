"""Every stream and task the clients create is closed: no ResourceWarning once the objects are collected."""

from __future__ import annotations

import gc
import threading
import time
import warnings
from typing import Any

import anyio
import pytest

from fasterapi_testclient import AsyncTestClient, LifespanStartupError, TestClient, WebSocketDenialResponse

pytestmark = pytest.mark.anyio


def failing_startup_app() -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "lifespan.startup.failed", "message": "nope"})

    return app


def assert_no_resource_warnings(recorded: list[warnings.WarningMessage]) -> None:
    gc.collect()
    leaks = [str(w.message) for w in recorded if issubclass(w.category, ResourceWarning)]
    assert leaks == []


def test_sync_client_closes_everything(raw_app: Any, backend: str) -> None:
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        with TestClient(raw_app, backend=backend) as client:
            client.get("/chunks")
            with client.stream("GET", "/endless") as response:
                next(response.iter_bytes())
            with client.websocket_connect("/ws/echo") as websocket:
                websocket.send_text("x")
                websocket.receive_text()
            with pytest.raises(WebSocketDenialResponse), client.websocket_connect("/ws/deny"):
                pass
        with pytest.raises(LifespanStartupError), TestClient(failing_startup_app(), backend=backend):
            pass
        del client, response, websocket
        assert_no_resource_warnings(recorded)


async def test_async_client_closes_everything(raw_app: Any) -> None:
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        async with AsyncTestClient(raw_app) as client:
            await client.get("/chunks")
            async with client.stream("GET", "/endless") as response:
                await response.aiter_bytes().__anext__()
            async with client.websocket_connect("/ws/close") as websocket:
                with pytest.raises(Exception, match="4000"):
                    await websocket.receive_text()
        with pytest.raises(LifespanStartupError):
            async with AsyncTestClient(failing_startup_app()):
                pass
        del client, response, websocket
        assert_no_resource_warnings(recorded)


def test_client_collected_inside_another_clients_app_stops_without_stalling(backend: str) -> None:
    # A client a test never closed is finalized wherever its last reference goes, often in the loop
    # thread of the next test's client. Stopping its loop must neither stall that loop (a blocking
    # call into one trio run from inside another is refused) nor leave the old loop's thread running.
    forgotten: list[TestClient] = []
    old_loop_threads: list[threading.Thread] = []
    stalled_for: list[float] = []

    async def hello(scope: Any, receive: Any, send: Any) -> None:
        old_loop_threads.append(threading.current_thread())
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def forgetting(scope: Any, receive: Any, send: Any) -> None:
        started = time.perf_counter()
        forgotten.clear()  # the last reference: the old client is finalized here, in this loop's thread
        stalled_for.append(time.perf_counter() - started)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    old = TestClient(hello, backend=backend)
    old.get("/")
    forgotten.append(old)
    del old
    with TestClient(forgetting, backend=backend) as client:
        client.get("/")
    assert stalled_for[0] < 1.0
    old_loop_threads[0].join(5)
    assert not old_loop_threads[0].is_alive()


def test_closing_the_client_closes_a_streamed_response_left_open(backend: str) -> None:
    async def endless(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"hello", "more_body": True})
        await anyio.sleep_forever()

    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        client = TestClient(endless, backend=backend)
        response = client.send(client.build_request("GET", "/"), stream=True)
        assert next(response.iter_raw()) == b"hello"
        client.close()  # the response is never closed: the client's end must release what it held
        del client, response
        assert_no_resource_warnings(recorded)
