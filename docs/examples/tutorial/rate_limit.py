# --8<-- [start:app]
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as redis

from FasterAPI import Faster, RateLimitMiddleware
from FasterAPI.production import RedisRateLimitStore

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
counters = redis.Redis.from_url(REDIS_URL)


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[None]:
    yield
    await counters.aclose()


app = Faster(lifespan=lifespan)
# 5 requests per minute per client, counted in Redis: every worker process shares the count.
app.add_middleware(
    RateLimitMiddleware,
    requests_per_minute=5,
    store=RedisRateLimitStore(counters, key_prefix="docs:ratelimit:"),
)


@app.get("/search")
async def search(q: str = "") -> dict[str, str]:
    return {"q": q}


# --8<-- [end:app]
# --8<-- [start:test]
import redis as sync_redis  # noqa: E402

from FasterAPI.testclient import TestClient  # noqa: E402


def test_sixth_request_in_a_minute_is_refused() -> None:
    with sync_redis.Redis.from_url(REDIS_URL) as admin:
        admin.delete("docs:ratelimit:testclient")  # a fresh window for the test client's address
    with TestClient(app) as client:
        answers = [client.get("/search", params={"q": "x"}) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert answers[4].headers["x-ratelimit-remaining"] == "0"
    assert answers[5].json() == {"detail": "Too Many Requests"}
    assert int(answers[5].headers["retry-after"]) <= 60


# --8<-- [end:test]
