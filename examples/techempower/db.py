"""The example's database layer: the same four queries on PostgreSQL (asyncpg) or SQLite (aiosqlite).

``connect(url)`` picks the implementation from the URL's scheme; handlers only see ``Database``.
``prepare()`` creates and fills the two tables when they are missing, so the app runs on an empty database.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from typing import Any, Protocol

import msgspec

__all__ = ["FORTUNES", "WORLD_ROWS", "Database", "Fortune", "World", "connect"]

WORLD_ROWS = 10_000

#: The fortune table's rows: markup, quotes, an ampersand and non-ASCII text, all of which the page must escape
#: or keep intact.
FORTUNES = [
    "A bug in the hand is worth two in the backlog.",
    "<script>alert('escape me');</script>",
    "Caches are hard & so is naming.",
    "Measure twice, optimise once.",
    '"Works on my machine" is not a deployment strategy.',
    "フレームワークのベンチマーク",
    "Every request deserves a timeout.",
    "Premature optimisation is the root of some evil.",
    "The fastest query is the one you do not send.",
    "Loopback is the friendliest network.",
    "Zero-copy, zero-worry.",
    "Ümlauts and accents: déjà vu.",
]


class World(msgspec.Struct):
    id: int
    randomNumber: int  # the benchmark's JSON field name


class Fortune(msgspec.Struct):
    id: int
    message: str


class Database(Protocol):
    async def prepare(self) -> None: ...
    async def world(self, world_id: int) -> World: ...
    async def worlds(self, ids: Sequence[int]) -> list[World]: ...
    async def fortunes(self) -> list[Fortune]: ...
    async def update(self, worlds: Sequence[World]) -> None: ...
    async def close(self) -> None: ...


async def connect(url: str) -> Database:
    """``postgresql://user@host:port/name`` or ``sqlite:///path/to/file`` (``sqlite:///:memory:`` for RAM)."""
    if url.startswith(("postgresql://", "postgres://")):
        import asyncpg

        return PostgresDatabase(await asyncpg.create_pool(url, min_size=1, max_size=10))
    if url.startswith("sqlite:///"):
        import aiosqlite

        return SQLiteDatabase(await aiosqlite.connect(url.removeprefix("sqlite:///")))
    raise ValueError(f"DATABASE_URL must start with postgresql:// or sqlite:///, not {url!r}")


def _seed_rows() -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    worlds = [(i, random.randint(1, WORLD_ROWS)) for i in range(1, WORLD_ROWS + 1)]
    return worlds, list(enumerate(FORTUNES, start=1))


class PostgresDatabase:
    """A pool of asyncpg connections; asyncpg prepares each query once per connection and caches the statement."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    async def prepare(self) -> None:
        async with self.pool.acquire() as connection, connection.transaction():
            await connection.execute("CREATE TABLE IF NOT EXISTS world (id integer PRIMARY KEY, randomnumber integer)")
            await connection.execute("CREATE TABLE IF NOT EXISTS fortune (id integer PRIMARY KEY, message text)")
            if await connection.fetchval("SELECT count(*) FROM world") == 0:
                worlds, fortunes = _seed_rows()
                await connection.copy_records_to_table("world", records=worlds, columns=["id", "randomnumber"])
                await connection.copy_records_to_table("fortune", records=fortunes, columns=["id", "message"])

    async def world(self, world_id: int) -> World:
        async with self.pool.acquire() as connection:
            row = await connection.fetchrow("SELECT id, randomnumber FROM world WHERE id = $1", world_id)
        return World(row[0], row[1])

    async def worlds(self, ids: Sequence[int]) -> list[World]:
        # One query per row, on one connection: what the benchmark's "multiple queries" test asks for.
        async with self.pool.acquire() as connection:
            rows = [await connection.fetchrow("SELECT id, randomnumber FROM world WHERE id = $1", i) for i in ids]
        return [World(row[0], row[1]) for row in rows]

    async def fortunes(self) -> list[Fortune]:
        async with self.pool.acquire() as connection:
            rows = await connection.fetch("SELECT id, message FROM fortune")
        return [Fortune(row[0], row[1]) for row in rows]

    async def update(self, worlds: Sequence[World]) -> None:
        async with self.pool.acquire() as connection:
            await connection.executemany(
                "UPDATE world SET randomnumber = $2 WHERE id = $1", [(w.id, w.randomNumber) for w in worlds]
            )

    async def close(self) -> None:
        await self.pool.close()


class SQLiteDatabase:
    """One aiosqlite connection (SQLite has one writer anyway); a lock keeps each update's commit its own."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.writing = asyncio.Lock()

    async def prepare(self) -> None:
        async with self.writing:
            db = self.connection
            await db.execute("CREATE TABLE IF NOT EXISTS world (id integer PRIMARY KEY, randomnumber integer)")
            await db.execute("CREATE TABLE IF NOT EXISTS fortune (id integer PRIMARY KEY, message text)")
            async with db.execute("SELECT count(*) FROM world") as cursor:
                (count,) = await cursor.fetchone()
            if count == 0:
                worlds, fortunes = _seed_rows()
                await db.executemany("INSERT INTO world (id, randomnumber) VALUES (?, ?)", worlds)
                await db.executemany("INSERT INTO fortune (id, message) VALUES (?, ?)", fortunes)
            await db.commit()

    async def world(self, world_id: int) -> World:
        async with self.connection.execute("SELECT id, randomnumber FROM world WHERE id = ?", (world_id,)) as cursor:
            row = await cursor.fetchone()
        return World(row[0], row[1])

    async def worlds(self, ids: Sequence[int]) -> list[World]:
        return [await self.world(world_id) for world_id in ids]

    async def fortunes(self) -> list[Fortune]:
        async with self.connection.execute("SELECT id, message FROM fortune") as cursor:
            rows = await cursor.fetchall()
        return [Fortune(row[0], row[1]) for row in rows]

    async def update(self, worlds: Sequence[World]) -> None:
        async with self.writing:
            await self.connection.executemany(
                "UPDATE world SET randomnumber = ? WHERE id = ?", [(w.randomNumber, w.id) for w in worlds]
            )
            await self.connection.commit()

    async def close(self) -> None:
        await self.connection.close()
