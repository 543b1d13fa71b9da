"""Query/cookie parameter models with ``forbid_unknown_fields=True`` refuse other keys (FastAPI's extra="forbid")."""

from __future__ import annotations

from typing import Annotated

import httpx
import msgspec

from fasterapi_core import Cookie, Faster, Query


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


class FilterParams(msgspec.Struct, forbid_unknown_fields=True):
    limit: int = 100
    offset: int = 0
    tags: list[str] = []


class LenientParams(msgspec.Struct):
    limit: int = 100


class Cookies(msgspec.Struct, forbid_unknown_fields=True):
    session_id: str


def make_app() -> Faster:
    app = Faster()

    @app.get("/items/")
    async def read_items(filter_query: Annotated[FilterParams, Query()]) -> FilterParams:
        return filter_query

    @app.get("/lenient/")
    async def lenient(params: Annotated[LenientParams, Query()]) -> LenientParams:
        return params

    @app.get("/cookies/")
    async def cookies(values: Annotated[Cookies, Cookie()]) -> Cookies:
        return values

    return app


async def test_known_keys_pass_and_unknown_keys_answer_422_extra_forbidden() -> None:
    async with client_for(make_app()) as client:
        assert (await client.get("/items/?limit=5&tags=a&tags=b")).json() == {
            "limit": 5,
            "offset": 0,
            "tags": ["a", "b"],
        }
        answer = await client.get("/items/?tool=plumbus&limit=1")
        assert answer.status_code == 422
        assert answer.json() == {
            "detail": [
                {
                    "type": "extra_forbidden",
                    "loc": ["query", "tool"],
                    "msg": "Extra inputs are not permitted",
                    "input": "plumbus",
                }
            ]
        }


async def test_a_model_without_forbid_ignores_unknown_keys() -> None:
    async with client_for(make_app()) as client:
        assert (await client.get("/lenient/?limit=2&tool=plumbus")).json() == {"limit": 2}


async def test_invalid_values_are_still_reported_by_field() -> None:
    async with client_for(make_app()) as client:
        answer = await client.get("/items/?limit=many")
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"] == ["query", "limit"]


async def test_cookie_models_forbid_unknown_cookies() -> None:
    async with client_for(make_app()) as client:
        assert (await client.get("/cookies/", headers={"cookie": "session_id=s1"})).json() == {"session_id": "s1"}
        answer = await client.get("/cookies/", headers={"cookie": "session_id=s1; tracker=t"})
        assert answer.status_code == 422
        assert answer.json()["detail"] == [
            {
                "type": "extra_forbidden",
                "loc": ["cookie", "tracker"],
                "msg": "Extra inputs are not permitted",
                "input": "t",
            }
        ]


async def test_an_unknown_key_is_reported_with_the_other_parameters_errors() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(filter_query: Annotated[FilterParams, Query()], page: int) -> dict[str, int]:
        return {"page": page}

    async with client_for(app) as c:
        r = await c.get("/items/?limit=1&tool=plumbus")
    assert r.status_code == 422
    assert [(e["type"], e["loc"]) for e in r.json()["detail"]] == [
        ("extra_forbidden", ["query", "tool"]),
        ("missing", ["query", "page"]),
    ]
