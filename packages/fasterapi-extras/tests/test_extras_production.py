"""Production middleware (request ids, rate limits in memory and in Redis, DB pool) in front of a ``Faster`` app."""

from typing import Any

import anyio
import httpx
import pytest
import redis.asyncio as redis

from fasterapi_core import Faster, Request
from fasterapi_extras.production import DatabasePoolMiddleware, RateLimitMiddleware, RequestIDMiddleware
from fasterapi_extras.rate_limit_stores import MemoryRateLimitStore, RedisRateLimitStore


def _client(app: Any, client: tuple[str, int] = ("127.0.0.1", 123)) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=client), base_url="http://test")


def _app() -> Faster:
    app = Faster()

    @app.get("/id")
    async def read_id(request: Request) -> dict[str, Any]:
        return {"id": request.state.request_id}

    @app.get("/pool")
    async def read_pool(request: Request) -> dict[str, Any]:
        return {"pool": request.state.db_pool}

    @app.get("/ping")
    async def ping() -> str:
        return "pong"

    return app


async def test_request_id_is_generated_stored_and_echoed() -> None:
    app = _app()
    app.add_middleware(RequestIDMiddleware)
    async with _client(app) as client:
        first = await client.get("/id")
        second = await client.get("/id")
    assert first.json()["id"] == first.headers["x-request-id"]
    assert len(first.headers["x-request-id"]) == 32
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_request_id_keeps_a_safe_client_id_and_replaces_an_unsafe_one() -> None:
    app = _app()
    app.add_middleware(RequestIDMiddleware, generator=lambda: "generated")
    async with _client(app) as client:
        kept = await client.get("/id", headers={"X-Request-ID": "abc-123"})
        replaced = await client.get("/id", headers={"X-Request-ID": "bad id; with spaces"})
    assert kept.headers["x-request-id"] == "abc-123"
    assert kept.json() == {"id": "abc-123"}
    assert replaced.headers["x-request-id"] == "generated"


async def test_request_id_custom_header_names() -> None:
    app = _app()
    app.add_middleware(RequestIDMiddleware, header_name="x-trace", outgoing_header_name="x-correlation-id")
    async with _client(app) as client:
        response = await client.get("/id", headers={"x-trace": "t1"})
    assert response.headers["x-correlation-id"] == "t1"
    assert "x-request-id" not in response.headers


async def test_rate_limit_answers_429_after_the_limit_and_resets_with_the_window() -> None:
    now = [1000.0]
    app = _app()
    app.add_middleware(RateLimitMiddleware, requests_per_minute=2, window_seconds=10, clock=lambda: now[0])
    async with _client(app) as client:
        ok1 = await client.get("/ping")
        ok2 = await client.get("/ping")
        limited = await client.get("/ping")
        now[0] += 10.5
        again = await client.get("/ping")
    assert (ok1.status_code, ok2.status_code, limited.status_code, again.status_code) == (200, 200, 429, 200)
    assert ok1.headers["x-ratelimit-remaining"] == "1"
    assert ok2.headers["x-ratelimit-remaining"] == "0"
    assert limited.json() == {"detail": "Too Many Requests"}
    assert limited.headers["retry-after"] == "10"
    assert again.headers["x-ratelimit-remaining"] == "1"


async def test_rate_limit_counts_clients_separately_and_can_trust_a_forwarded_header() -> None:
    app = _app()
    limited_app = RateLimitMiddleware(app, requests_per_minute=1, forwarded_for_header="X-Forwarded-For")
    async with _client(limited_app) as client:
        a1 = await client.get("/ping", headers={"x-forwarded-for": "10.0.0.1, 10.0.0.9"})
        b1 = await client.get("/ping", headers={"x-forwarded-for": "10.0.0.2"})
        a2 = await client.get("/ping", headers={"x-forwarded-for": "10.0.0.1"})
    assert (a1.status_code, b1.status_code, a2.status_code) == (200, 200, 429)
    plain = RateLimitMiddleware(app, requests_per_minute=1)
    async with _client(plain, ("10.1.1.1", 1)) as one, _client(plain, ("10.1.1.2", 1)) as two:
        assert (await one.get("/ping")).status_code == 200
        assert (await two.get("/ping")).status_code == 200
        assert (await one.get("/ping")).status_code == 429


async def test_database_pool_is_reachable_from_request_state() -> None:
    app = _app()
    app.add_middleware(DatabasePoolMiddleware, pool="the-pool")
    async with _client(app) as client:
        response = await client.get("/pool")
    assert response.json() == {"pool": "the-pool"}


async def test_two_app_instances_sharing_one_redis_share_the_limit(redis_url: str) -> None:
    # Two workers: separate apps, separate Redis connections, one Redis server.
    worker_clients = [redis.Redis.from_url(redis_url), redis.Redis.from_url(redis_url)]
    await worker_clients[0].flushdb()
    workers = [
        RateLimitMiddleware(_app(), requests_per_minute=3, store=RedisRateLimitStore(connection))
        for connection in worker_clients
    ]
    try:
        async with _client(workers[0]) as a, _client(workers[1]) as b:
            answers = [await a.get("/ping"), await b.get("/ping"), await a.get("/ping"), await b.get("/ping")]
            same_client_again = await a.get("/ping")
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        assert [r.headers["x-ratelimit-remaining"] for r in answers] == ["2", "1", "0", "0"]
        assert answers[3].json() == {"detail": "Too Many Requests"}
        assert 1 <= int(answers[3].headers["retry-after"]) <= 60
        assert same_client_again.status_code == 429  # still inside the shared window
        async with _client(workers[1], ("10.9.9.9", 1)) as elsewhere:
            assert (await elsewhere.get("/ping")).status_code == 200  # another client has its own count
        ttl = await worker_clients[0].pttl("fasterapi:ratelimit:127.0.0.1")
        assert 0 < ttl <= 60_000  # the window ends by Redis expiry: nothing to clean up
    finally:
        for connection in worker_clients:
            await connection.aclose()


async def test_redis_window_resets_when_it_expires(redis_client: redis.Redis) -> None:
    store = RedisRateLimitStore(redis_client, key_prefix="test:")
    limited = RateLimitMiddleware(_app(), requests_per_minute=1, window_seconds=0.2, store=store)
    async with _client(limited) as client:
        assert (await client.get("/ping")).status_code == 200
        assert (await client.get("/ping")).status_code == 429
        assert await redis_client.exists("test:127.0.0.1") == 1
        await redis_client.pexpire("test:127.0.0.1", 1)  # the window ends now
        await anyio.sleep(0.05)
        again = await client.get("/ping")
    assert again.status_code == 200
    assert again.headers["x-ratelimit-remaining"] == "0"


async def test_memory_store_is_the_default_and_counts_per_instance() -> None:
    first, second = (
        RateLimitMiddleware(_app(), requests_per_minute=1),
        RateLimitMiddleware(_app(), requests_per_minute=1),
    )
    assert isinstance(first.store, MemoryRateLimitStore)
    async with _client(first) as a, _client(second) as b:
        assert [(await a.get("/ping")).status_code, (await b.get("/ping")).status_code] == [200, 200]
        assert (await a.get("/ping")).status_code == 429


def test_rate_limit_refuses_impossible_settings() -> None:
    with pytest.raises(ValueError, match="requests_per_minute"):
        RateLimitMiddleware(_app(), requests_per_minute=0)
    with pytest.raises(ValueError, match="window_seconds"):
        RateLimitMiddleware(_app(), window_seconds=0)
