"""Dependencies with ``yield``: exit after the response is sent, see handler errors, reverse order."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from fasterapi_core import Depends, Faster, HTTPException


async def call_app(app: Faster, path: str, events: list[str]) -> list[dict[str, Any]]:
    """Drive the app over raw ASGI, recording in ``events`` when the response body went out."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"test")],
        "client": ("127.0.0.1", 1234),
        "server": ("test", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body":
            events.append("sent")

    await app(scope, receive, send)
    return sent


async def test_exit_code_runs_after_the_response_is_sent_in_reverse_order() -> None:
    app = Faster()
    events: list[str] = []

    async def outer() -> AsyncIterator[str]:
        events.append("enter outer")
        yield "outer"
        events.append("exit outer")

    def inner(o: str = Depends(outer)) -> Iterator[str]:
        events.append("enter inner")
        yield o + "+inner"
        events.append("exit inner")

    @app.get("/")
    async def handler(value: str = Depends(inner)) -> str:
        events.append("handler")
        return value

    sent = await call_app(app, "/", events)
    assert sent[1]["body"] == b'"outer+inner"'
    assert events == ["enter outer", "enter inner", "handler", "sent", "exit inner", "exit outer"]


async def test_handler_exception_is_thrown_into_yield_dependencies() -> None:
    app = Faster()
    events: list[str] = []

    async def session() -> AsyncIterator[str]:
        try:
            yield "s"
        except HTTPException as exc:
            events.append(f"rollback {exc.status_code}")
            raise
        else:
            events.append("commit")
        finally:
            events.append("close")

    @app.get("/fail")
    async def fail(s: str = Depends(session)) -> None:
        raise HTTPException(409, "conflict")

    @app.get("/ok")
    async def ok(s: str = Depends(session)) -> str:
        return s

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        failed = await client.get("/fail")
        assert events == ["rollback 409", "close"]
        events.clear()
        assert (await client.get("/ok")).json() == "s"
    assert failed.status_code == 409
    assert events == ["commit", "close"]


async def test_sync_generator_dependency_sees_the_exception() -> None:
    app = Faster()
    events: list[str] = []

    def resource() -> Iterator[int]:
        try:
            yield 1
        except ValueError:
            events.append("saw ValueError")
            raise

    @app.get("/boom")
    async def boom(r: int = Depends(resource)) -> None:
        raise ValueError("boom")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert events == ["saw ValueError"]


async def test_yield_dependency_is_entered_once_per_request_when_cached() -> None:
    app = Faster()
    entered: list[int] = []

    async def conn() -> AsyncIterator[int]:
        entered.append(1)
        yield len(entered)

    def repo(c: int = Depends(conn)) -> int:
        return c

    @app.get("/")
    async def handler(a: int = Depends(conn), b: int = Depends(repo)) -> list[int]:
        return [a, b]

    events: list[str] = []
    sent = await call_app(app, "/", events)
    assert sent[1]["body"] == b"[1,1]"
    assert entered == [1]


async def test_exit_code_also_runs_when_validation_fails() -> None:
    app = Faster()
    events: list[str] = []

    async def tracked() -> AsyncIterator[None]:
        events.append("enter")
        try:
            yield
        finally:
            events.append("exit")

    @app.get("/needs")
    async def needs(n: int, t: None = Depends(tracked)) -> int:
        return n

    sent = await call_app(app, "/needs", events)
    assert sent[0]["status"] == 422
    # The validation error is thrown into the dependency first, then the 422 goes out.
    assert events == ["enter", "exit", "sent"]


async def test_function_scoped_yield_dependency_exits_before_the_response() -> None:
    app = Faster()
    events: list[str] = []

    async def per_function() -> AsyncIterator[str]:
        events.append("enter function")
        yield "f"
        events.append("exit function")

    async def per_request() -> AsyncIterator[str]:
        events.append("enter request")
        yield "r"
        events.append("exit request")

    @app.get("/")
    async def handler(f: str = Depends(per_function, scope="function"), r: str = Depends(per_request)) -> str:
        events.append("handler")
        return f + r

    sent = await call_app(app, "/", events)
    assert sent[1]["body"] == b'"fr"'
    assert events == [
        "enter function",
        "enter request",
        "handler",
        "exit function",
        "sent",
        "exit request",
    ]
