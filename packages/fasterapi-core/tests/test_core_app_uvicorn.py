"""Behaviour through a real server: uvicorn on a free 127.0.0.1 port, stopped by each test."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
import uvicorn

from fasterapi_core import (
    EventSourceResponse,
    Faster,
    GZipMiddleware,
    Request,
    StreamingResponse,
)

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

TIMEOUT = 10


@contextlib.asynccontextmanager
async def serving(app: Any, **config: Any) -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn (lifespan on) and yield its base URL; stopped and awaited on exit."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_level="critical", **config)
    )
    stopped = anyio.Event()

    async def serve() -> None:
        try:
            await server.serve()
        finally:
            stopped.set()

    async with anyio.create_task_group() as group:
        group.start_soon(serve)
        with anyio.fail_after(TIMEOUT):
            while not server.started:
                if stopped.is_set():
                    raise RuntimeError("uvicorn did not start")
                await anyio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            with anyio.fail_after(TIMEOUT):
                await stopped.wait()


async def test_streaming_stops_when_the_client_goes_away() -> None:
    app = Faster()
    produced: list[int] = []
    closed = anyio.Event()

    async def endless() -> AsyncIterator[bytes]:
        try:
            n = 0
            while True:
                produced.append(n)
                yield f"{n}\n".encode()
                n += 1
                await anyio.sleep(0.005)
        finally:
            closed.set()

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        return StreamingResponse(endless(), media_type="text/plain")

    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as client:
        async with client.stream("GET", "/stream") as response:
            assert response.status_code == 200
            lines = response.aiter_lines()
            assert await lines.__anext__() == "0"
            assert await lines.__anext__() == "1"
        with anyio.fail_after(TIMEOUT):
            await closed.wait()
        count = len(produced)
        await anyio.sleep(0.05)
        assert len(produced) == count  # nothing produced after the generator was closed


async def test_sse_through_uvicorn_with_gzip_and_disconnect() -> None:
    app = Faster()
    app.add_middleware(GZipMiddleware, minimum_size=10)
    closed = anyio.Event()

    async def events(request: Request) -> AsyncIterator[dict[str, Any]]:
        try:
            n = 0
            while True:
                yield {"event": "tick", "id": n, "data": {"n": n}}
                n += 1
                await anyio.sleep(0.01)
        finally:
            closed.set()

    @app.get("/events")
    async def stream(request: Request) -> EventSourceResponse:
        return EventSourceResponse(events(request), ping_interval=5)

    @app.get("/big")
    async def big() -> str:
        return "x" * 1000

    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as client:
        headers = {"accept-encoding": "gzip"}
        async with client.stream("GET", "/events", headers=headers) as response:
            assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
            assert "content-encoding" not in response.headers  # event streams are never buffered by gzip
            received: list[str] = []
            async for line in response.aiter_lines():
                received.append(line)
                if len(received) >= 8:
                    break
        assert received[:4] == ["id: 0", "event: tick", 'data: {"n":0}', ""]
        with anyio.fail_after(TIMEOUT):
            await closed.wait()
        raw = await client.get("/big", headers=headers)
        assert raw.json() == "x" * 1000
        assert raw.headers["content-encoding"] == "gzip"


async def test_lifespan_state_and_root_path_through_uvicorn() -> None:
    @contextlib.asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, Any]]:
        yield {"greeting": "hello"}

    app = Faster(lifespan=lifespan)

    @app.get("/greet", name="greet")
    async def greet(request: Request) -> dict[str, str]:
        return {"greeting": request.state.greeting, "url": str(request.url_for("greet"))}

    @app.post("/upload", max_body_size=100)
    async def upload(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    async with serving(app, root_path="/api") as url, httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as client:
        # uvicorn --root-path /api expects a proxy that strips /api, and puts it back into scope["path"].
        r = await client.get("/greet")
        assert r.json() == {"greeting": "hello", "url": f"{url}/api/greet"}
        assert (await client.post("/upload", content=b"x" * 100)).json() == {"size": 100}
        assert (await client.post("/upload", content=b"x" * 101)).status_code == 413

        async def chunked() -> AsyncIterator[bytes]:
            for _ in range(20):
                yield b"y" * 10

        assert (await client.post("/upload", content=chunked())).status_code == 413
        # The connection is still usable afterwards.
        assert (await client.get("/greet")).status_code == 200
