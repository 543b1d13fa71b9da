"""A handler written with ``yield`` streams JSON Lines (FastAPI 0.134+): one document per line, as it comes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import Any

import anyio
import httpx
import msgspec
import pytest

from fasterapi_core import Depends, Faster, ResponseValidationError
from fasterapi_core.responses import StreamingResponse


class Item(msgspec.Struct):
    name: str
    price: float


ITEMS = [{"name": "Plumbus", "price": 3.5}, {"name": "Portal Gun", "price": 1e6}]


def client(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def lines(response: httpx.Response) -> list[Any]:
    assert response.text.endswith("\n")
    return [json.loads(line) for line in response.text.splitlines()]


async def test_async_sync_and_unannotated_generators_stream_lines() -> None:
    app = Faster()

    @app.get("/async")
    async def typed() -> AsyncIterable[Item]:
        for item in ITEMS:
            yield Item(**item)

    @app.get("/sync")
    def in_threads() -> Iterable[Item]:
        yield from (Item(**item) for item in ITEMS)

    @app.get("/plain")
    async def unannotated():  # type: ignore[no-untyped-def]  # as FastAPI's docs write it
        yield {"any": "shape"}
        yield [1, 2]
        yield "text"

    async with client(app) as http:
        for path in ("/async", "/sync"):
            response = await http.get(path)
            assert (response.status_code, response.headers["content-type"]) == (200, "application/jsonl")
            assert "content-length" not in response.headers
            assert lines(response) == ITEMS
        assert lines(await http.get("/plain")) == [{"any": "shape"}, [1, 2], "text"]
        head = await http.head("/async")
        assert (head.status_code, head.content) == (200, b"")


async def test_items_are_checked_against_the_annotated_item_type() -> None:
    app = Faster()

    @app.get("/converted", status_code=201)
    async def converted() -> AsyncIterable[Item]:
        yield {"name": "Plumbus", "price": 3, "secret": "dropped"}  # type: ignore[misc]  # a dict, as users do

    @app.get("/broken")
    async def broken() -> AsyncIterator[Item]:
        yield Item(name="ok", price=1.0)
        yield {"name": "no price"}  # type: ignore[misc]

    async with client(app) as http:
        response = await http.get("/converted")
        assert (response.status_code, lines(response)) == (201, [{"name": "Plumbus", "price": 3.0}])
        with pytest.raises(ResponseValidationError):
            await http.get("/broken")  # mid-stream: too late for a 500, the error reaches the server


async def test_an_explicit_response_class_keeps_raw_chunks() -> None:
    app = Faster()

    @app.get("/raw", response_class=StreamingResponse)
    async def raw() -> AsyncIterable[bytes]:
        yield b"a,"
        yield b"b"

    async with client(app) as http:
        response = await http.get("/raw")
    assert response.content == b"a,b"
    assert response.headers.get("content-type") != "application/jsonl"


async def test_yield_dependencies_stay_open_while_the_lines_stream() -> None:
    events: list[str] = []

    async def session() -> AsyncIterator[str]:
        events.append("open")
        yield "db"
        events.append("close")

    app = Faster()

    @app.get("/rows")
    async def rows(db: str = Depends(session)) -> AsyncIterable[dict[str, Any]]:
        for n in range(2):
            events.append(f"row {n}")
            yield {"db": db, "n": n}

    async with client(app) as http:
        response = await http.get("/rows")
    assert lines(response) == [{"db": "db", "n": 0}, {"db": "db", "n": 1}]
    assert events == ["open", "row 0", "row 1", "close"]


@pytest.mark.parametrize("path", ["/lines", "/raw"])
async def test_an_endless_generator_that_never_waits_can_be_cancelled(path: str) -> None:
    app = Faster()

    @app.get("/lines")
    async def endless_lines() -> AsyncIterable[int]:
        n = 0
        while True:
            yield n
            n += 1

    @app.get("/raw", response_class=StreamingResponse)
    async def endless_raw() -> AsyncIterable[str]:
        while True:
            yield "chunk\n"

    sent: list[bytes] = []

    async def receive() -> dict[str, Any]:
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:  # a server whose send never waits
        sent.append(message.get("body", b""))

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [], "root_path": ""}
    with anyio.move_on_after(0.5) as timeout:
        await app(scope, receive, send)
    assert timeout.cancelled_caught
    assert len(sent) > 2


async def test_the_document_describes_each_line() -> None:
    app = Faster()

    @app.get("/typed")
    async def typed() -> AsyncIterable[Item]:
        yield Item(name="x", price=1.0)

    @app.get("/untyped")
    def untyped():  # type: ignore[no-untyped-def]
        yield 1

    document = app.openapi()
    typed_content = document["paths"]["/typed"]["get"]["responses"]["200"]["content"]
    assert typed_content == {"application/jsonl": {"itemSchema": {"$ref": "#/components/schemas/Item"}}}
    assert document["components"]["schemas"]["Item"]["required"] == ["name", "price"]
    untyped_content = document["paths"]["/untyped"]["get"]["responses"]["200"]["content"]
    assert untyped_content == {"application/jsonl": {"itemSchema": {}}}
