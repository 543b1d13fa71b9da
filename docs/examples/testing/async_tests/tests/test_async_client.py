# tests/test_async_client.py
import asyncio

import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_list_items_async():
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://test",
    ) as client:
        r = await client.get("/items")
        assert r.status_code == 200
        assert [item["id"] for item in r.json()] == [1, 2]


@pytest.mark.asyncio
async def test_concurrent_requests():
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://test",
    ) as client:
        tasks = [client.get("/items") for _ in range(10)]
        responses = await asyncio.gather(*tasks)
        assert all(r.status_code == 200 for r in responses)


async def test_with_our_async_client():
    # FasterAPI's own AsyncTestClient also runs lifespan and speaks WebSocket.
    from FasterAPI import AsyncTestClient

    async with AsyncTestClient(app) as client:
        r = await client.get("/items/7")
        assert r.json() == {"id": 7, "name": "Widget", "price": 9.99}
