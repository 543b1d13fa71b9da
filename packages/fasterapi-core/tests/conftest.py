"""Fixtures shared by core's tests: an in-process HTTP client for an app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest


@pytest.fixture
def client_for() -> Callable[[Any], httpx.AsyncClient]:
    """``async with client_for(app) as client: ...``: httpx talking to the app in-process (``http://test``)."""

    def make(app: Any) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")

    return make
