"""``RedisCacheMiddleware`` on a real Redis: hits, misses, expiry, and never sharing a response across users."""

from typing import Any

import anyio
import httpx
import redis.asyncio as redis

from fasterapi_core import Faster, Header, Response
from fasterapi_extras.redis_cache import RedisCacheMiddleware


def _app(calls: list[str]) -> Faster:
    app = Faster()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int, q: str = "") -> dict[str, Any]:
        calls.append(f"item {item_id} {q}")
        return {"item_id": item_id, "q": q}

    @app.get("/me")
    async def me(authorization: str = Header("anonymous")) -> dict[str, str]:
        calls.append(authorization)
        return {"user": authorization}

    @app.get("/private")
    async def private(response: Response) -> dict[str, str]:
        calls.append("private")
        response.headers["Cache-Control"] = "private"
        return {"secret": "x"}

    @app.get("/cookie")
    async def cookie(response: Response) -> dict[str, str]:
        calls.append("cookie")
        response.set_cookie("session", "s1")
        return {}

    @app.get("/vary-other")
    async def vary_other(response: Response) -> dict[str, str]:
        calls.append("vary")
        response.headers["Vary"] = "X-Tenant"
        return {}

    @app.get("/missing")
    async def missing() -> Response:
        calls.append("missing")
        return Response(b"nope", status_code=404)

    return app


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_second_identical_request_is_served_from_the_cache(redis_client: redis.Redis) -> None:
    calls: list[str] = []
    async with _client(RedisCacheMiddleware(_app(calls), redis_client, ttl=60)) as client:
        first = await client.get("/items/1?q=a")
        second = await client.get("/items/1?q=a")
        other_query = await client.get("/items/1?q=b")
    assert first.headers["x-cache"] == "MISS"
    assert second.headers["x-cache"] == "HIT"
    assert second.json() == first.json() == {"item_id": 1, "q": "a"}
    assert second.headers["content-type"] == "application/json"
    assert other_query.headers["x-cache"] == "MISS"
    assert calls == ["item 1 a", "item 1 b"]
    keys = await redis_client.keys("fasterapi:http:*")
    assert len(keys) == 2
    assert [0 < await redis_client.ttl(key) <= 60 for key in keys] == [True, True]


async def test_users_with_different_credentials_never_share_an_entry(redis_client: redis.Redis) -> None:
    calls: list[str] = []
    async with _client(RedisCacheMiddleware(_app(calls), redis_client)) as client:
        alice = await client.get("/me", headers={"Authorization": "alice"})
        bob = await client.get("/me", headers={"Authorization": "bob"})
        alice_again = await client.get("/me", headers={"Authorization": "alice"})
        cookie_user = await client.get("/me", headers={"Cookie": "session=1"})
    assert (alice.json(), bob.json(), alice_again.json()) == ({"user": "alice"}, {"user": "bob"}, {"user": "alice"})
    assert bob.headers["x-cache"] == "MISS"
    assert alice_again.headers["x-cache"] == "HIT"
    assert cookie_user.headers["x-cache"] == "MISS"
    assert calls == ["alice", "bob", "anonymous"]


async def test_unshareable_responses_are_not_stored(redis_client: redis.Redis) -> None:
    calls: list[str] = []
    async with _client(RedisCacheMiddleware(_app(calls), redis_client)) as client:
        for path in ("/private", "/cookie", "/vary-other", "/missing"):
            await client.get(path)
            again = await client.get(path)
            assert again.headers["x-cache"] == "MISS", path
        no_store = await client.get("/items/2", headers={"Cache-Control": "no-store"})
        assert "x-cache" not in no_store.headers
        await client.post("/items/2")
    assert await redis_client.dbsize() == 0
    assert calls.count("private") == calls.count("cookie") == calls.count("vary") == calls.count("missing") == 2


async def test_bodies_over_the_limit_stream_through_without_being_stored(redis_client: redis.Redis) -> None:
    calls: list[str] = []
    async with _client(RedisCacheMiddleware(_app(calls), redis_client, max_body_bytes=10)) as client:
        response = await client.get("/items/123456789?q=long")
    assert response.json() == {"item_id": 123456789, "q": "long"}
    assert await redis_client.dbsize() == 0


async def test_an_entry_is_shared_by_app_instances_and_expires_with_its_ttl(redis_url: str) -> None:
    calls: list[str] = []
    first_client, second_client = redis.Redis.from_url(redis_url), redis.Redis.from_url(redis_url)
    await first_client.flushdb()
    try:
        worker_a = RedisCacheMiddleware(_app(calls), first_client, ttl=1, key_prefix="shared:")
        worker_b = RedisCacheMiddleware(_app(calls), second_client, ttl=1, key_prefix="shared:")
        async with _client(worker_a) as a, _client(worker_b) as b:
            assert (await a.get("/items/5")).headers["x-cache"] == "MISS"
            assert (await b.get("/items/5")).headers["x-cache"] == "HIT"  # stored by the other instance
            (key,) = await first_client.keys("shared:*")
            await first_client.pexpire(key, 1)  # let the TTL run out now instead of sleeping a second
            await anyio.sleep(0.05)
            assert (await b.get("/items/5")).headers["x-cache"] == "MISS"
        assert calls == ["item 5 ", "item 5 "]
    finally:
        await first_client.aclose()
        await second_client.aclose()
