"""The six TechEmpower tests in the public faster-api-web 0.2 (it imports as ``FasterAPI``, like ours).

Its lifespan has no state to hand to requests, so the pool is a module global set by the lifespan, as its
README's examples keep shared objects; it does not convert query values, so ``queries`` is a string here
as in the other two apps. Served by ``bench_techempower.py`` in ``benchmarks/.venvs/http-faster-api-web``.
"""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from operator import attrgetter
from pathlib import Path
from typing import Any

import asyncpg
import msgspec

from FasterAPI import Faster, HTMLResponse, PlainTextResponse, Query, Request
from FasterAPI.templating import Jinja2Templates

ROWS = 10_000
READ = "SELECT id, randomnumber FROM world WHERE id = $1"
WRITE = "UPDATE world SET randomnumber = $2 WHERE id = $1"

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
pool: Any = None


class Message(msgspec.Struct):
    message: str


class World(msgspec.Struct):
    id: int
    randomNumber: int  # the benchmark's JSON field name


class Fortune(msgspec.Struct):
    id: int
    message: str


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=8, max_size=16)
    try:
        yield
    finally:
        await pool.close()


app = Faster(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)


def query_count(queries: str) -> int:
    try:
        return min(max(int(queries), 1), 500)
    except ValueError:
        return 1


@app.get("/json")
async def json_hello() -> Message:
    return Message(message="Hello, World!")


@app.get("/plaintext")
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


@app.get("/db")
async def single_query() -> World:
    async with pool.acquire() as connection:
        row = await connection.fetchrow(READ, random.randint(1, ROWS))
    return World(row[0], row[1])


@app.get("/queries")
async def multiple_queries(queries: str = Query("1")) -> list[World]:
    ids = [random.randint(1, ROWS) for _ in range(query_count(queries))]
    async with pool.acquire() as connection:
        rows = [await connection.fetchrow(READ, i) for i in ids]
    return [World(row[0], row[1]) for row in rows]


@app.get("/fortunes")
async def fortunes(request: Request) -> HTMLResponse:
    async with pool.acquire() as connection:
        rows = [Fortune(row[0], row[1]) for row in await connection.fetch("SELECT id, message FROM fortune")]
    rows.append(Fortune(0, "Additional fortune added at request time."))
    rows.sort(key=attrgetter("message"))
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": rows})


@app.get("/updates")
async def updates(queries: str = Query("1")) -> list[World]:
    ids = sorted(random.sample(range(1, ROWS + 1), query_count(queries)))
    async with pool.acquire() as connection:
        rows = [await connection.fetchrow(READ, i) for i in ids]
        worlds = [World(row[0], random.randint(1, ROWS)) for row in rows]
        await connection.executemany(WRITE, [(w.id, w.randomNumber) for w in worlds])
    return worlds
