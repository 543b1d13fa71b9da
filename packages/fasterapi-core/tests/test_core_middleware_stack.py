"""Middleware registration, order, and both ``BaseHTTPMiddleware`` styles."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from fasterapi_core import (
    BackgroundTasks,
    BaseHTTPMiddleware,
    Faster,
    HTTPException,
    Middleware,
    PlainTextResponse,
    Request,
    Response,
    StreamingResponse,
)


def client(app: Any, **options: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, **options), base_url="http://test")


class Tag:
    """Raw ASGI middleware that records when it is entered and left."""

    def __init__(self, app: Any, name: str, log: list[str]) -> None:
        self.app = app
        self.name = name
        self.log = log

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.log.append(f"{self.name}-in")
        await self.app(scope, receive, send)
        self.log.append(f"{self.name}-out")


async def test_last_added_is_outermost_and_ctor_list_first_is_outermost() -> None:
    log: list[str] = []
    app = Faster(middleware=[Middleware(Tag, name="ctor-outer", log=log), Middleware(Tag, name="ctor-inner", log=log)])
    app.add_middleware(Tag, name="first-added", log=log)
    app.add_middleware(Tag, name="last-added", log=log)

    @app.get("/")
    async def index() -> str:
        log.append("handler")
        return "ok"

    async with client(app) as c:
        await c.get("/")
    assert log == [
        "last-added-in",
        "first-added-in",
        "ctor-outer-in",
        "ctor-inner-in",
        "handler",
        "ctor-inner-out",
        "ctor-outer-out",
        "first-added-out",
        "last-added-out",
    ]


async def test_stack_is_built_once_and_rebuilt_after_a_change() -> None:
    log: list[str] = []
    app = Faster()

    @app.get("/")
    async def index() -> str:
        return "ok"

    async with client(app) as c:
        await c.get("/")
        stack = app._middleware_stack
        await c.get("/")
        assert app._middleware_stack is stack
        app.add_middleware(Tag, name="late", log=log)
        await c.get("/")
    assert log == ["late-in", "late-out"]


class AddHeader(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["X-Process"] = request.url.path
        return response


class RawStyle(BaseHTTPMiddleware):
    """faster-api-web's style: dispatch(scope, receive, send) calling self.app."""

    async def dispatch(self, scope: dict[str, Any], receive: Any, send: Any) -> None:  # type: ignore[override]
        async def tagged_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message["headers"], (b"x-raw", b"1")]
            await send(message)

        await self.app(scope, receive, tagged_send)


async def test_both_dispatch_styles() -> None:
    app = Faster()
    app.add_middleware(AddHeader)
    app.add_middleware(RawStyle)

    @app.get("/items")
    async def items() -> dict[str, int]:
        return {"n": 1}

    async with client(app) as c:
        r = await c.get("/items")
    assert r.json() == {"n": 1}
    assert r.headers["x-process"] == "/items"
    assert r.headers["x-raw"] == "1"


async def test_middleware_decorator_can_short_circuit_and_read_the_body() -> None:
    app = Faster()

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        if request.headers.get("x-block"):
            return PlainTextResponse("blocked", status_code=403)
        body = await request.body()  # the endpoint must still get it
        response = await call_next(request)
        response.headers["X-Seen-Bytes"] = str(len(body))
        return response

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, str]:
        return {"body": (await request.body()).decode()}

    async with client(app) as c:
        r = await c.post("/echo", content=b"hello")
        assert r.json() == {"body": "hello"}
        assert r.headers["x-seen-bytes"] == "5"
        r = await c.post("/echo", content=b"x", headers={"x-block": "1"})
        assert (r.status_code, r.text) == (403, "blocked")

    with pytest.raises(ValueError, match="http"):
        app.middleware("websocket")


async def test_call_next_streams_and_runs_background_tasks() -> None:
    app = Faster()
    done: list[str] = []

    @app.middleware("http")
    async def passthrough(request: Request, call_next: Any) -> Response:
        return await call_next(request)  # type: ignore[no-any-return]

    async def chunks() -> AsyncIterator[bytes]:
        for part in (b"a", b"b", b"c"):
            yield part

    @app.get("/stream")
    async def stream(tasks: BackgroundTasks) -> StreamingResponse:
        tasks.add_task(done.append, "task")
        return StreamingResponse(chunks())

    async with client(app) as c:
        r = await c.get("/stream")
    assert r.content == b"abc"
    assert done == ["task"]


async def test_errors_inside_and_in_middleware(caplog: pytest.LogCaptureFixture) -> None:
    app = Faster()

    @app.middleware("http")
    async def wrapper(request: Request, call_next: Any) -> Response:
        if request.url.path == "/mw-broken":
            raise RuntimeError("middleware bug")
        if request.url.path == "/mw-http":
            raise HTTPException(401)
        response = await call_next(request)
        response.headers["X-Wrapped"] = "1"
        return response

    @app.get("/handler-http")
    async def handler_http() -> None:
        raise HTTPException(418)

    @app.get("/handler-broken")
    async def handler_broken() -> None:
        raise RuntimeError("handler bug")

    async with client(app, raise_app_exceptions=False) as c:
        r = await c.get("/handler-http")
        assert (r.status_code, r.headers["x-wrapped"]) == (418, "1")
        r = await c.get("/handler-broken")
        assert r.status_code == 500
        assert r.headers["x-wrapped"] == "1"  # the 500 went through the middleware like any response
        r = await c.get("/mw-broken")
        assert (r.status_code, r.text) == (500, "Internal Server Error")
        r = await c.get("/mw-http")
        assert (r.status_code, r.json()) == (401, {"detail": "Unauthorized"})
    # Both were re-raised to the server (which logs them), not logged by the app as well.
    assert "handler bug" not in caplog.text
    assert "middleware bug" not in caplog.text
    with caplog.at_level(logging.ERROR):
        async with client(app) as c:
            with pytest.raises(RuntimeError, match="handler bug"):
                await c.get("/handler-broken")


async def test_middleware_sees_websocket_and_lifespan_scopes_pass_through() -> None:
    seen: list[str] = []

    class Spy:
        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
            seen.append(scope["type"])
            await self.app(scope, receive, send)

    app = Faster()
    app.add_middleware(Spy)
    app.add_middleware(AddHeader)  # BaseHTTPMiddleware must let non-HTTP scopes through untouched
    messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[str] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message["type"])

    await app({"type": "lifespan", "state": {}}, receive, send)
    assert seen == ["lifespan"]
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
