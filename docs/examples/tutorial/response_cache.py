# --8<-- [start:app]
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as redis

from FasterAPI import Faster, RedisCacheMiddleware

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
cache = redis.Redis.from_url(REDIS_URL)


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[None]:
    yield
    await cache.aclose()  # close the connections with the app


app = Faster(lifespan=lifespan)
app.add_middleware(RedisCacheMiddleware, redis_client=cache, ttl=30, key_prefix="docs:report:")
computed: list[int] = []


@app.get("/report/{year}")
async def report(year: int) -> dict[str, int]:
    computed.append(year)  # expensive work
    return {"year": year, "total": 42}


# --8<-- [end:app]
# --8<-- [start:test]
import redis as sync_redis  # noqa: E402

from FasterAPI.testclient import TestClient  # noqa: E402


def test_cached_per_url_and_per_user() -> None:
    with sync_redis.Redis.from_url(REDIS_URL) as admin:
        for key in admin.scan_iter("docs:report:*"):
            admin.delete(key)  # start with an empty cache
    with TestClient(app) as client:  # one event loop for the app and its Redis connections
        assert client.get("/report/2024").headers["x-cache"] == "MISS"
        assert client.get("/report/2024").headers["x-cache"] == "HIT"
        other_user = client.get("/report/2024", headers={"Authorization": "Bearer someone-else"})
        assert other_user.headers["x-cache"] == "MISS"
    assert computed == [2024, 2024]


# --8<-- [end:test]
