"""``RedisCacheMiddleware``: hits, misses, and never sharing a response across users."""

from typing import Any

import httpx

from fasterapi_core import Faster, Header, Response
from fasterapi_core.redis_cache import RedisCacheMiddleware


class MemoryStore:
    """The two coroutines of ``redis.asyncio.Redis`` the middleware uses, in memory."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.ttls: dict[str, int | None] = {}

    async def get(self, name: str) -> bytes | None:
        return self.data.get(name)

    async def set(self, name: str, value: bytes, ex: int | None = None) -> None:
        self.data[name] = value
        self.ttls[name] = ex


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


async def test_second_identical_request_is_served_from_the_cache() -> None:
    calls: list[str] = []
    store = MemoryStore()
    async with _client(RedisCacheMiddleware(_app(calls), store, ttl=60)) as client:
        first = await client.get("/items/1?q=a")
        second = await client.get("/items/1?q=a")
        other_query = await client.get("/items/1?q=b")
    assert first.headers["x-cache"] == "MISS"
    assert second.headers["x-cache"] == "HIT"
    assert second.json() == first.json() == {"item_id": 1, "q": "a"}
    assert second.headers["content-type"] == "application/json"
    assert other_query.headers["x-cache"] == "MISS"
    assert calls == ["item 1 a", "item 1 b"]
    assert set(store.ttls.values()) == {60}


async def test_users_with_different_credentials_never_share_an_entry() -> None:
    calls: list[str] = []
    async with _client(RedisCacheMiddleware(_app(calls), MemoryStore())) as client:
        alice = await client.get("/me", headers={"Authorization": "alice"})
        bob = await client.get("/me", headers={"Authorization": "bob"})
        alice_again = await client.get("/me", headers={"Authorization": "alice"})
        cookie_user = await client.get("/me", headers={"Cookie": "session=1"})
    assert (alice.json(), bob.json(), alice_again.json()) == ({"user": "alice"}, {"user": "bob"}, {"user": "alice"})
    assert bob.headers["x-cache"] == "MISS"
    assert alice_again.headers["x-cache"] == "HIT"
    assert cookie_user.headers["x-cache"] == "MISS"
    assert calls == ["alice", "bob", "anonymous"]


async def test_unshareable_responses_are_not_stored() -> None:
    calls: list[str] = []
    store = MemoryStore()
    async with _client(RedisCacheMiddleware(_app(calls), store)) as client:
        for path in ("/private", "/cookie", "/vary-other", "/missing"):
            await client.get(path)
            again = await client.get(path)
            assert again.headers["x-cache"] == "MISS", path
        no_store = await client.get("/items/2", headers={"Cache-Control": "no-store"})
        assert "x-cache" not in no_store.headers
        await client.post("/items/2")
    assert store.data == {}
    assert calls.count("private") == calls.count("cookie") == calls.count("vary") == calls.count("missing") == 2


async def test_bodies_over_the_limit_stream_through_without_being_stored() -> None:
    calls: list[str] = []
    store = MemoryStore()
    async with _client(RedisCacheMiddleware(_app(calls), store, max_body_bytes=10)) as client:
        response = await client.get("/items/123456789?q=long")
    assert response.json() == {"item_id": 123456789, "q": "long"}
    assert store.data == {}
