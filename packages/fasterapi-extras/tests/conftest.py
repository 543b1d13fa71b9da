"""A real ``redis-server`` for the tests: started once on a free loopback port, stopped at the end."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import redis.asyncio as redis

from fasterapi_extras.testing import redis_server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """``redis://127.0.0.1:<port>/0`` of a throw-away server without persistence."""
    with redis_server() as url:
        yield url


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[redis.Redis]:
    """A client of the test server, on an empty database."""
    client = redis.Redis.from_url(redis_url)
    await client.flushdb()
    try:
        yield client
    finally:
        await client.aclose()
