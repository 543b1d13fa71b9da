"""``faster-api-web``'s Request forms: ``request.path``, ``request.content_type``, ``request.state["k"]``."""

from __future__ import annotations

from typing import Any

import httpx

from fasterapi_core import Faster, Request
from fasterapi_core.datastructures import State


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_path_and_content_type_attributes() -> None:
    app = Faster()

    @app.post("/r/{x}")
    async def with_body(request: Request) -> dict[str, Any]:
        return {"path": request.path, "content_type": request.content_type}

    @app.get("/none")
    async def without_body(request: Request) -> dict[str, Any]:
        return {"content_type": request.content_type}

    async with client_for(app) as client:
        assert (await client.post("/r/1", json={})).json() == {"path": "/r/1", "content_type": "application/json"}
        assert (await client.get("/none")).json() == {"content_type": None}


async def test_state_supports_item_and_attribute_access_on_the_same_values() -> None:
    app = Faster()

    @app.middleware("http")
    async def tag(request: Request, call_next: Any) -> Any:
        request.state["request_id"] = "abc"
        return await call_next(request)

    @app.get("/")
    async def root(request: Request) -> dict[str, Any]:
        request.state["extra"] = 1
        return {
            "rid": request.state["request_id"],
            "attr": request.state.request_id,
            "extra": request.state.extra,
            "missing": request.state.get("missing", "default"),
        }

    async with client_for(app) as client:
        assert (await client.get("/")).json() == {"rid": "abc", "attr": "abc", "extra": 1, "missing": "default"}


def test_state_item_deletion_and_missing_keys() -> None:
    state = State()
    state["a"] = 1
    assert "a" in state and state.a == 1
    del state["a"]
    assert "a" not in state
    try:
        state["a"]
    except KeyError:
        pass
    else:
        raise AssertionError("a missing key must raise KeyError")
