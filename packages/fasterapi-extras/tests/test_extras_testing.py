"""``redis_server()`` and ``postgres_server()`` start a private server, answer on loopback, and stop it on exit."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest
import redis

from fasterapi_extras.testing import postgres_server, redis_server


def test_a_private_server_runs_for_the_block_only() -> None:
    with redis_server() as url:
        parts = urlsplit(url)
        assert (parts.scheme, parts.hostname, parts.path) == ("redis", "127.0.0.1", "/0")
        client = redis.Redis.from_url(url)
        try:
            assert client.set("k", "v") and client.get("k") == b"v"
        finally:
            client.close()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", parts.port or 0), timeout=1):
        pass


def test_a_missing_executable_says_how_to_install_one(tmp_path: Path) -> None:
    missing = redis_server(executable=str(tmp_path / "nothing-here"))
    with pytest.raises(RuntimeError, match="apt-get install redis-server"), missing:
        pass


@pytest.mark.slow
async def test_a_private_postgres_runs_for_the_block_only() -> None:
    with postgres_server() as url:
        parts = urlsplit(url)
        assert (parts.scheme, parts.username, parts.hostname, parts.path) == (
            "postgresql",
            "postgres",
            "127.0.0.1",
            "/postgres",
        )
        connection = await asyncpg.connect(url, timeout=10)
        try:
            await connection.execute("CREATE TABLE t (id int PRIMARY KEY, note text)")
            await connection.execute("INSERT INTO t VALUES (1, 'é <b>')")
            assert await connection.fetchval("SELECT note FROM t WHERE id = 1") == "é <b>"
        finally:
            await connection.close()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", parts.port or 0), timeout=1):
        pass


def test_a_missing_postgres_installation_says_how_to_install_one(tmp_path: Path) -> None:
    missing = postgres_server(bindir=str(tmp_path))
    with pytest.raises(RuntimeError, match="apt-get install postgresql"), missing:
        pass
