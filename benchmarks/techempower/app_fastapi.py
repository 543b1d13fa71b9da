"""The six TechEmpower tests in FastAPI, written as its docs teach: lifespan state, a dependency, pydantic models.

Served by ``bench_techempower.py`` (in ``benchmarks/.venvs/http-fastapi``) with ``DATABASE_URL`` set.
"""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from operator import attrgetter
from pathlib import Path
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

ROWS = 10_000
READ = "SELECT id, randomnumber FROM world WHERE id = $1"
WRITE = "UPDATE world SET randomnumber = $2 WHERE id = $1"

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


class Message(BaseModel):
    message: str


class World(BaseModel):
    id: int
    randomNumber: int  # the benchmark's JSON field name


class Fortune(BaseModel):
    id: int
    message: str


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=8, max_size=16)
    try:
        yield {"pool": pool}
    finally:
        await pool.close()


app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)


async def get_pool(request: Request) -> Any:
    return request.state.pool


Pool = Annotated[Any, Depends(get_pool)]


def query_count(queries: str) -> int:
    try:
        return min(max(int(queries), 1), 500)
    except ValueError:
        return 1


@app.get("/json")
async def json_hello() -> Message:
    return Message(message="Hello, World!")


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


@app.get("/db")
async def single_query(pool: Pool) -> World:
    async with pool.acquire() as connection:
        row = await connection.fetchrow(READ, random.randint(1, ROWS))
    return World(id=row[0], randomNumber=row[1])


@app.get("/queries")
async def multiple_queries(pool: Pool, queries: str = "1") -> list[World]:
    ids = [random.randint(1, ROWS) for _ in range(query_count(queries))]
    async with pool.acquire() as connection:
        rows = [await connection.fetchrow(READ, i) for i in ids]
    return [World(id=row[0], randomNumber=row[1]) for row in rows]


@app.get("/fortunes", response_class=HTMLResponse)
async def fortunes(request: Request, pool: Pool) -> HTMLResponse:
    async with pool.acquire() as connection:
        rows = [Fortune(id=row[0], message=row[1]) for row in await connection.fetch("SELECT id, message FROM fortune")]
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=attrgetter("message"))
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": rows})


@app.get("/updates")
async def updates(pool: Pool, queries: str = "1") -> list[World]:
    ids = sorted(random.sample(range(1, ROWS + 1), query_count(queries)))
    async with pool.acquire() as connection:
        rows = [await connection.fetchrow(READ, i) for i in ids]
        worlds = [World(id=row[0], randomNumber=random.randint(1, ROWS)) for row in rows]
        await connection.executemany(WRITE, [(w.id, w.randomNumber) for w in worlds])
    return worlds
