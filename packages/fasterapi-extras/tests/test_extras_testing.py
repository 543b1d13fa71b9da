"""``redis_server()`` starts a private server, answers on loopback, and stops it on exit."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis

from fasterapi_extras.testing import redis_server


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
