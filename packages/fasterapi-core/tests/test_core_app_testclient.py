"""The app through ``fasterapi_testclient``: lifespan, errors, cookies, streaming, middleware."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from fasterapi_core import (
    CORSMiddleware,
    EventSourceResponse,
    Faster,
    HTTPException,
    Request,
    Response,
    StreamingResponse,
)
from fasterapi_testclient import AsyncTestClient, TestClient


def build() -> Faster:
    @contextlib.asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, Any]]:
        app.state.started = True
        yield {"db": {"users": ["ada"]}}

    app = Faster(lifespan=lifespan)
    app.add_middleware(CORSMiddleware, allow_origins=["https://ok.example"], allow_credentials=True)

    @app.get("/users")
    async def users(request: Request) -> list[str]:
        users: list[str] = request.state.db["users"]
        return users

    @app.post("/login")
    async def login(response: Response) -> dict[str, bool]:
        response.set_cookie("session", "abc", httponly=True)
        return {"ok": True}

    @app.get("/me")
    async def me(request: Request) -> dict[str, str | None]:
        return {"session": request.cookies.get("session")}

    @app.get("/teapot")
    async def teapot() -> None:
        raise HTTPException(418)

    @app.get("/crash")
    async def crash() -> None:
        raise LookupError("crashed on purpose")

    def numbers() -> Iterator[str]:
        yield from ("1\n", "2\n", "3\n")

    @app.get("/numbers")
    async def stream() -> StreamingResponse:
        return StreamingResponse(numbers(), media_type="text/plain")

    async def ticks() -> AsyncIterator[dict[str, Any]]:
        n = 0
        while True:
            yield {"data": n}
            n += 1

    @app.get("/ticks")
    async def sse() -> EventSourceResponse:
        return EventSourceResponse(ticks())

    return app


def test_sync_client_sees_lifespan_state_cookies_and_cors() -> None:
    app = build()
    with TestClient(app) as client:
        assert app.state.started is True
        assert client.get("/users").json() == ["ada"]
        r = client.post("/login")
        assert "HttpOnly" in r.headers["set-cookie"]
        assert client.get("/me").json() == {"session": "abc"}
        r = client.get("/users", headers={"origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"
        assert r.headers["access-control-allow-credentials"] == "true"
        assert client.get("/teapot").status_code == 418
        assert client.get("/numbers").text == "1\n2\n3\n"
        with pytest.raises(LookupError, match="crashed on purpose"):
            client.get("/crash")
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/crash")
        assert (r.status_code, r.text) == (500, "Internal Server Error")


def test_startup_failure_surfaces_in_the_client() -> None:
    app = Faster()

    @app.on_startup
    def broken() -> None:
        raise RuntimeError("no database")

    with pytest.raises(Exception, match="no database"), TestClient(app):
        pass


async def test_async_client_reads_an_endless_event_stream_and_leaves() -> None:
    async with AsyncTestClient(build()) as client, client.stream("GET", "/ticks") as response:
        assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
        lines: list[str] = []
        async for line in response.aiter_lines():
            lines.append(line)
            if len(lines) == 4:
                break
    assert lines == ["data: 0", "", "data: 1", ""]
