"""``examples/techempower``: the benchmark's six tests behave as their rules say, on SQLite and on PostgreSQL.

Each test runs twice: against a SQLite file and against a throw-away PostgreSQL on a loopback port (started
once per session; each test gets its own database). What the app wrote is read back with a connection of
the test's own, not through the app.
"""

from __future__ import annotations

import asyncio
import html
import importlib.util
import re
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import asyncpg
import pytest

from FasterAPI.testclient import TestClient
from fasterapi_extras.testing import postgres_server

pytestmark = pytest.mark.slow  # starts a PostgreSQL server

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "techempower"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url, timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'worlds.sqlite3'}"
        return
    server: str = request.getfixturevalue("postgres_url")
    name = f"t_{uuid.uuid4().hex}"
    asyncio.run(_admin(server, f"CREATE DATABASE {name}"))
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(_admin(server, f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[ModuleType]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.syspath_prepend(str(FOLDER))  # main.py imports its sibling db.py, as `fasterapi run` allows
    spec = importlib.util.spec_from_file_location("techempower_example_main", FOLDER / "main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        yield module
    finally:
        sys.modules.pop("db", None)


@pytest.fixture
def client(example: ModuleType) -> Iterator[TestClient]:
    with TestClient(example.app) as client:  # runs the lifespan: connect, create and fill the tables
        yield client


def stored_worlds(url: str, ids: list[int]) -> dict[int, int]:
    """``{id: randomNumber}`` as the database holds them, read on a connection of the test's own."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            marks = ",".join("?" * len(ids))
            rows = connection.execute(f"SELECT id, randomnumber FROM world WHERE id IN ({marks})", ids).fetchall()
        return dict(rows)

    async def read() -> dict[int, int]:
        connection = await asyncpg.connect(url, timeout=10)
        try:
            rows = await connection.fetch("SELECT id, randomnumber FROM world WHERE id = ANY($1)", ids)
        finally:
            await connection.close()
        return {row[0]: row[1] for row in rows}

    return asyncio.run(read())


def test_json_and_plaintext(client: TestClient) -> None:
    json_answer = client.get("/json")
    assert json_answer.json() == {"message": "Hello, World!"}
    assert json_answer.headers["content-type"] == "application/json"
    text_answer = client.get("/plaintext")
    assert text_answer.content == b"Hello, World!"
    assert text_answer.headers["content-type"] == "text/plain; charset=utf-8"


def test_single_query_answers_a_stored_row(client: TestClient, database_url: str) -> None:
    seen = [client.get("/db").json() for _ in range(5)]
    assert all(set(world) == {"id", "randomNumber"} and 1 <= world["id"] <= 10_000 for world in seen)
    assert stored_worlds(database_url, [w["id"] for w in seen]) == {w["id"]: w["randomNumber"] for w in seen}


def test_queries_clamps_the_count_to_1_through_500(client: TestClient, database_url: str) -> None:
    cases = {"?queries=7": 7, "": 1, "?queries=": 1, "?queries=foo": 1, "?queries=0": 1, "?queries=-3": 1}
    cases |= {"?queries=501": 500, "?queries=500": 500}
    for query, count in cases.items():
        answer = client.get(f"/queries{query}")
        assert answer.status_code == 200, query
        worlds = answer.json()
        assert len(worlds) == count, query
        stored = stored_worlds(database_url, [w["id"] for w in worlds])
        assert stored == {w["id"]: w["randomNumber"] for w in worlds}, query


def test_fortunes_escapes_adds_one_and_sorts(client: TestClient) -> None:
    answer = client.get("/fortunes")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    page = answer.text
    assert "<script>" not in page
    assert "<td>&lt;script&gt;alert(&#39;escape me&#39;);&lt;/script&gt;</td>" in page
    assert "<td>Caches are hard &amp; so is naming.</td>" in page
    rows = [(int(i), html.unescape(m)) for i, m in re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", page)]
    expected = [*enumerate(sys.modules["db"].FORTUNES, start=1), (0, "Additional fortune added at request time.")]
    assert rows == sorted(expected, key=lambda row: row[1])
    assert (6, "フレームワークのベンチマーク") in rows


def test_updates_persist_what_they_answer(client: TestClient, database_url: str) -> None:
    answer = client.get("/updates?queries=20")
    worlds = answer.json()
    assert len(worlds) == 20 and len({w["id"] for w in worlds}) == 20
    assert stored_worlds(database_url, [w["id"] for w in worlds]) == {w["id"]: w["randomNumber"] for w in worlds}
    before = {w["id"]: w["randomNumber"] for w in worlds}
    again = client.get("/updates?queries=500").json()
    assert len(again) == 500
    stored = stored_worlds(database_url, [w["id"] for w in again])
    assert stored == {w["id"]: w["randomNumber"] for w in again}
    assert stored != {i: before.get(i) for i in stored}  # new numbers: 500 rows cannot all draw their old ones
    assert client.get("/updates?queries=nope").status_code == 200
    assert len(client.get("/updates?queries=9999").json()) == 500
