"""``Annotated[Model | None, Cookie()] = None``: a parameter model that may be left out (FastAPI 0.165)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import httpx
import pytest

from fasterapi_core import Cookie, FastAPI, Header, Query

pydantic = pytest.importorskip("pydantic")


class Preferences(pydantic.BaseModel):
    theme: str
    locale: str = "en"


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/cookie")
    async def by_cookie(preferences: Annotated[Preferences | None, Cookie()] = None) -> Any:
        return preferences

    @app.get("/query")
    async def by_query(preferences: Annotated[Preferences | None, Query()] = None) -> Any:
        return preferences

    @app.get("/header")
    async def by_header(preferences: Annotated[Preferences | None, Header()] = None) -> Any:
        return preferences

    return app


async def test_left_out_it_is_none_even_beside_other_values(client_for: Callable[[Any], httpx.AsyncClient]) -> None:
    async with client_for(make_app()) as client:
        assert (await client.get("/cookie", headers={"cookie": "session=abc"})).json() is None
        assert (await client.get("/query", params={"page": "2"})).json() is None
        assert (await client.get("/header")).json() is None  # the client's own headers are not the model's


async def test_one_field_sent_makes_it_validated_whole(client_for: Callable[[Any], httpx.AsyncClient]) -> None:
    async with client_for(make_app()) as client:
        ok = await client.get("/cookie", headers={"cookie": "theme=dark; locale=fr"})
        assert ok.json() == {"theme": "dark", "locale": "fr"}
        assert (await client.get("/query", params={"theme": "dark"})).json() == {"theme": "dark", "locale": "en"}
        assert (await client.get("/header", headers={"theme": "light"})).json() == {"theme": "light", "locale": "en"}
        incomplete = await client.get("/cookie", headers={"cookie": "locale=fr"})
        assert incomplete.status_code == 422
        assert incomplete.json()["detail"][0]["loc"] == ["cookie", "theme"]
        assert incomplete.json()["detail"][0]["type"] == "missing"


async def test_every_field_is_documented_as_optional(client_for: Callable[[Any], httpx.AsyncClient]) -> None:
    async with client_for(make_app()) as client:
        paths = (await client.get("/openapi.json")).json()["paths"]
    assert paths["/cookie"]["get"]["parameters"] == [
        {"name": "theme", "in": "cookie", "required": False, "schema": {"type": "string", "title": "Theme"}},
        {
            "name": "locale",
            "in": "cookie",
            "required": False,
            "schema": {"type": "string", "default": "en", "title": "Locale"},
        },
    ]
