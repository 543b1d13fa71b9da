"""Request body limits (413 up front and while streaming) and background task behaviour."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import msgspec
import pytest

from fasterapi_core import BackgroundTasks, Faster, Request
from fasterapi_core._limits import DEFAULT_MAX_BODY_SIZE


class Item(msgspec.Struct):
    name: str


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def limited_app(**options: Any) -> Faster:
    app = Faster(**options)

    @app.post("/items")
    async def create(item: Item) -> Item:
        return item

    @app.post("/raw", max_body_size=10)
    async def raw(request: Request) -> dict[str, int]:
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
        return {"total": total}

    @app.post("/nobody")
    async def nobody() -> str:
        return "ok"

    return app


def test_default_limit_is_16_mib() -> None:
    assert DEFAULT_MAX_BODY_SIZE == 16 * 1024 * 1024
    assert Faster().max_body_size == DEFAULT_MAX_BODY_SIZE


async def test_content_length_over_the_limit_is_refused_up_front() -> None:
    async with client(limited_app(max_body_size=20)) as c:
        r = await c.post("/items", json={"name": "x" * 50})
        assert r.status_code == 413
        assert "20 bytes" in r.json()["detail"]
        assert (await c.post("/items", json={"name": "ok"})).json() == {"name": "ok"}
        # Route override, smaller than the app's limit.
        assert (await c.post("/raw", content=b"x" * 11)).status_code == 413
        assert (await c.post("/raw", content=b"x" * 10)).json() == {"total": 10}
        # A route that reads no body is not wrapped at all.
        assert (await c.post("/nobody", content=b"x" * 100)).text == '"ok"'


async def test_streamed_body_without_length_is_cut_off() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * 6

    async with client(limited_app()) as c:
        r = await c.post("/raw", content=chunks())
    assert r.status_code == 413


async def test_chunked_body_is_refused_while_reading_without_buffering_the_rest() -> None:
    app = limited_app(max_body_size=8)
    messages = [
        {"type": "http.request", "body": b"1234", "more_body": True},
        {"type": "http.request", "body": b"56789", "more_body": True},
        {"type": "http.request", "body": b"never read", "more_body": False},
    ]
    pulled: list[dict[str, Any]] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        message = messages.pop(0) if messages else {"type": "http.disconnect"}
        pulled.append(message)
        return message

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/items",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"transfer-encoding", b"chunked"), (b"content-type", b"application/json")],
    }
    await app(scope, receive, send)
    assert sent[0]["status"] == 413
    assert len(pulled) == 2  # stopped at the chunk that crossed the limit


async def test_invalid_content_length_is_a_400() -> None:
    app = limited_app()
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/items",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"content-length", b"lots")],
    }
    await app(scope, receive, send)
    assert sent[0]["status"] == 400


async def test_no_limit_when_disabled() -> None:
    async with client(limited_app(max_body_size=None)) as c:
        r = await c.post("/items", json={"name": "x" * 100_000})
    assert r.status_code == 200


async def test_background_tasks_run_after_the_response_in_order(caplog: pytest.LogCaptureFixture) -> None:
    app = Faster()
    order: list[str] = []
    sent_before_tasks: list[bool] = []
    response_done = anyio.Event()

    async def first() -> None:
        sent_before_tasks.append(response_done.is_set())
        order.append("first")

    def failing() -> None:
        order.append("failing")
        raise RuntimeError("task exploded")

    def dependency(tasks: BackgroundTasks) -> None:
        tasks.add_task(first)

    from fasterapi_core import Depends

    @app.get("/")
    async def index(tasks: BackgroundTasks, _: None = Depends(dependency)) -> dict[str, bool]:
        tasks.add_task(failing)
        tasks.add_task(order.append, "never")  # a failing task stops the ones after it
        return {"ok": True}

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            response_done.set()

    scope = {"type": "http", "method": "GET", "path": "/", "root_path": "", "query_string": b"", "headers": []}
    with caplog.at_level(logging.ERROR), pytest.raises(RuntimeError, match="task exploded"):
        await app(scope, receive, send)  # raised on to the server, which logs it (as in Starlette)
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[1]["body"] == b'{"ok":true}'
    assert order == ["first", "failing"]
    assert sent_before_tasks == [True]
    assert "task exploded" not in caplog.text  # not logged by the app as well
