"""Production middleware (request ids, rate limits, DB pool) in front of a real ``Faster`` app."""

from typing import Any

import httpx

from fasterapi_core import Faster, Request
from fasterapi_core.production import DatabasePoolMiddleware, RateLimitMiddleware, RequestIDMiddleware


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
