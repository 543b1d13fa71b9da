"""The six tests of the TechEmpower web framework benchmarks as a FasterAPI app.

    fasterapi run examples/techempower/main.py                                   # SQLite in memory
    DATABASE_URL=postgresql://user@127.0.0.1:5432/db fasterapi run examples/techempower/main.py

``/json`` and ``/plaintext`` answer a constant; ``/db`` reads one random row of the ``world`` table;
``/queries?queries=N`` reads N rows, one query each (N is clamped to 1..500, and anything that is not a
number counts as 1, as the benchmark's rules say); ``/fortunes`` renders the ``fortune`` table plus one
fortune added at request time, sorted by message, as an HTML page (Jinja2 escapes the markup in it);
``/updates?queries=N`` reads N rows, gives each a new random number and writes them back.

The database is opened once, in the lifespan, and reaches the handlers through the lifespan state and a
dependency. ``db.py`` runs the same queries on PostgreSQL (asyncpg pool) and SQLite (aiosqlite).
"""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from operator import attrgetter
from pathlib import Path
from typing import Annotated

import msgspec
from db import WORLD_ROWS, Database, Fortune, World, connect

from FasterAPI import Depends, Faster, Request
from FasterAPI.responses import HTMLResponse, PlainTextResponse
from FasterAPI.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


class Message(msgspec.Struct):
    message: str


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[dict[str, Database]]:
    database = await connect(os.environ.get("DATABASE_URL", "sqlite:///:memory:"))
    try:
        await database.prepare()
        yield {"db": database}
    finally:
        await database.close()


app = Faster(lifespan=lifespan)


async def get_db(request: Request) -> Database:
    db: Database = request.state.db
    return db


DB = Annotated[Database, Depends(get_db)]


def query_count(queries: str) -> int:
    """The benchmark's rule: a missing, empty or non-numeric value means 1; the result stays within 1..500."""
    try:
        count = int(queries)
    except ValueError:
        return 1
    return min(max(count, 1), 500)


def random_ids(count: int) -> list[int]:
    return [random.randint(1, WORLD_ROWS) for _ in range(count)]


@app.get("/json")
async def json_hello() -> Message:
    return Message(message="Hello, World!")


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


@app.get("/db")
async def single_query(db: DB) -> World:
    return await db.world(random.randint(1, WORLD_ROWS))


@app.get("/queries")
async def multiple_queries(db: DB, queries: str = "1") -> list[World]:
    return await db.worlds(random_ids(query_count(queries)))


@app.get("/fortunes", response_class=HTMLResponse)
async def fortunes(request: Request, db: DB) -> HTMLResponse:
    rows = await db.fortunes()
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=attrgetter("message"))
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": rows})


@app.get("/updates")
async def updates(db: DB, queries: str = "1") -> list[World]:
    # Distinct ids in a fixed order: two updates of one row in a batch, or two requests locking rows in
    # opposite orders, would make the database serialise or deadlock them.
    ids = sorted(random.sample(range(1, WORLD_ROWS + 1), query_count(queries)))
    worlds = await db.worlds(ids)
    for world in worlds:
        world.randomNumber = random.randint(1, WORLD_ROWS)
    await db.update(worlds)
    return worlds
