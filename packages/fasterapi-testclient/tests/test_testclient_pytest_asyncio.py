"""AsyncTestClient held by pytest-asyncio yield fixtures (entered and left in different tasks).

These tests are about pytest-asyncio itself (its issue 1191: a task group held across a fixture's
``yield``), so they run on asyncio under pytest-asyncio, not under anyio's plugin like the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from fasterapi_testclient import AsyncTestClient


@pytest.fixture
async def started_client(raw_app: Any) -> AsyncIterator[AsyncTestClient]:
    """Entered in fixture setup, left in fixture teardown: a different task (pytest-asyncio issue 1191)."""
    async with AsyncTestClient(raw_app) as client:
        yield client
    assert raw_app.events == ["startup", "shutdown"]


async def test_client_held_by_a_yield_fixture(started_client: AsyncTestClient, raw_app: Any) -> None:
    assert raw_app.events == ["startup"]
    assert started_client.app_state["greeting"] == "hello"
    response = await started_client.get("/lock")
    assert response.json() == {"locked": True}
    async with started_client.websocket_connect("/ws/echo") as websocket:
        await websocket.send_text("from a fixture")
        assert await websocket.receive_text() == "from a fixture"


@pytest.fixture
async def open_websocket(started_client: AsyncTestClient) -> AsyncIterator[Any]:
    """A WebSocket session opened in fixture setup and closed in its teardown (another task)."""
    async with started_client.websocket_connect("/ws/echo") as websocket:
        yield websocket


async def test_websocket_held_by_a_yield_fixture(open_websocket: Any) -> None:
    await open_websocket.send_text("held")
    assert await open_websocket.receive_text() == "held"
