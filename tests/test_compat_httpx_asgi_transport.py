"""A FasterAPI app driven by plain ``httpx.AsyncClient(transport=httpx.ASGITransport(app=app))``.

What FastAPI's async-tests page tells users to write. httpx's transport differs from a server and from
our test client: it sends no lifespan, runs the whole app (background tasks included) before it returns
the response, and answers ``receive()`` after the body only once the response is complete. The app must
behave under it exactly as FastAPI's does (checked side by side with FastAPI 0.165 when written).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import httpx
import msgspec
import pytest

from FasterAPI import BackgroundTasks, Depends, FastAPI, File, Form, Request, UploadFile
from FasterAPI.middleware import BaseHTTPMiddleware
from FasterAPI.responses import Response, StreamingResponse
from FasterAPI.testclient import LifespanManager


class Item(msgspec.Struct):
    name: str
    price: float


def make_app(events: list[str]) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        events.append("startup")
        yield {"db": "connected"}
        events.append("shutdown")

    app = FastAPI(lifespan=lifespan)

    async def session() -> AsyncIterator[str]:
        events.append("session-open")
        try:
            yield "session"
        finally:
            events.append("session-closed")

    @app.get("/items/{item_id}")
    async def read_item(item_id: int, s: Annotated[str, Depends(session)]) -> dict[str, Any]:
        return {"item_id": item_id, "session": s}

    @app.get("/sync")
    def read_sync(s: Annotated[str, Depends(session)]) -> dict[str, str]:
        return {"session": s}

    @app.post("/items")
    async def create_item(item: Item) -> Item:
        return item

    @app.get("/lines")
    async def lines(request: Request) -> StreamingResponse:
        async def produce() -> AsyncIterator[str]:
            for n in range(3):
                if await request.is_disconnected():  # must not block under httpx's transport
                    return
                yield f"line {n}\n"
                await asyncio.sleep(0)

        return StreamingResponse(produce(), media_type="text/plain")

    @app.get("/later")
    async def later(tasks: BackgroundTasks) -> dict[str, bool]:
        tasks.add_task(events.append, "background")
        return {"queued": True}

    @app.post("/upload")
    async def upload(file: Annotated[UploadFile, File()], note: Annotated[str, Form()]) -> dict[str, Any]:
        return {"filename": file.filename, "size": len(await file.read()), "note": note}

    @app.get("/state")
    async def state(request: Request) -> dict[str, str]:
        return {"db": request.state.db}

    @app.get("/fail")
    async def fail() -> None:
        raise RuntimeError("handler failed")

    @app.get("/length")
    async def length(request: Request) -> dict[str, int]:
        return {"length": len(await request.body())}

    class Stamp(BaseHTTPMiddleware):
        async def dispatch(self, request: Request, call_next: Any) -> Response:
            response: Response = await call_next(request)
            response.headers["x-stamp"] = "1"
            return response

    app.add_middleware(Stamp)
    return app


@pytest.fixture
def events() -> list[str]:
    return []


@pytest.fixture
async def client(events: list[str]) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=make_app(events))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_path_params_dependencies_and_middleware(client: httpx.AsyncClient, events: list[str]) -> None:
    response = await client.get("/items/3")
    assert response.json() == {"item_id": 3, "session": "session"}
    assert response.headers["x-stamp"] == "1"
    assert events == ["session-open", "session-closed"]
    invalid = await client.get("/items/three")
    assert invalid.status_code == 422
    assert invalid.json()["detail"][0]["loc"] == ["path", "item_id"]


async def test_sync_endpoint_with_a_yield_dependency(client: httpx.AsyncClient, events: list[str]) -> None:
    assert (await client.get("/sync")).json() == {"session": "session"}
    assert events == ["session-open", "session-closed"]


async def test_json_body(client: httpx.AsyncClient) -> None:
    assert (await client.post("/items", json={"name": "pen", "price": 1.5})).json() == {"name": "pen", "price": 1.5}
    assert (await client.post("/items", json={"name": "pen"})).status_code == 422


async def test_streaming_response_read_whole_and_line_by_line(client: httpx.AsyncClient) -> None:
    assert (await client.get("/lines")).text == "line 0\nline 1\nline 2\n"
    async with client.stream("GET", "/lines") as response:
        assert [line async for line in response.aiter_lines()] == ["line 0", "line 1", "line 2"]


async def test_background_tasks_have_run_when_the_response_returns(
    client: httpx.AsyncClient, events: list[str]
) -> None:
    assert (await client.get("/later")).json() == {"queued": True}
    assert events == ["background"]


async def test_multipart_upload(client: httpx.AsyncClient) -> None:
    response = await client.post("/upload", files={"file": ("notes.txt", b"hello")}, data={"note": "n"})
    assert response.json() == {"filename": "notes.txt", "size": 5, "note": "n"}


async def test_streamed_request_body(client: httpx.AsyncClient) -> None:
    async def body() -> AsyncIterator[bytes]:
        yield b"ab"
        yield b"cd"

    assert (await client.request("GET", "/length", content=body())).json() == {"length": 4}


async def test_concurrent_requests_on_one_client(client: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(*(client.get(f"/items/{n}") for n in range(20)))
    assert [response.json()["item_id"] for response in responses] == list(range(20))


async def test_unhandled_error_is_raised_or_a_plain_500(events: list[str]) -> None:
    app = make_app(events)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        with pytest.raises(RuntimeError, match="handler failed"):
            await client.get("/fail")
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/fail")
    assert (response.status_code, response.text) == (500, "Internal Server Error")


async def test_client_address_and_root_path_reach_the_app(events: list[str]) -> None:
    transport = httpx.ASGITransport(app=make_app(events), root_path="/api", client=("203.0.113.7", 4321))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/items/1")).status_code == 200
        assert (await client.get("/api/items/1")).status_code == 200


async def test_no_lifespan_without_a_manager_and_state_with_one(events: list[str]) -> None:
    app = make_app(events)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/state")).status_code == 500  # httpx sends no lifespan: no state
    assert events == []
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            assert (await client.get("/state")).json() == {"db": "connected"}
    assert events == ["startup", "shutdown"]
