"""The first end-to-end slice of core, driven through raw ASGI via httpx's ASGITransport."""

from typing import Any

import httpx
import msgspec
import pytest

from fasterapi_core import Depends, Faster, Header, HTTPException, Query


class Item(msgspec.Struct):
    name: str
    price: float


def make_app() -> Faster:
    app = Faster()

    @app.get("/items/{item_id}")
    async def get_item(item_id: int, q: str | None = None, limit: int = 10) -> dict[str, Any]:
        return {"item_id": item_id, "q": q, "limit": limit}

    @app.post("/items", status_code=201)
    async def create_item(item: Item) -> Item:
        return item

    @app.get("/sync")
    def sync_handler() -> dict[str, str]:
        return {"mode": "sync"}

    def common(x_token: str = Header()) -> str:
        if x_token != "secret":
            raise HTTPException(401, "bad token")
        return x_token

    @app.get("/secure")
    async def secure(token: str = Depends(common), tags: list[str] = Query([])) -> dict[str, Any]:
        return {"token": token, "tags": tags}

    return app


@pytest.fixture
def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=make_app()), base_url="http://test")


async def test_path_param_is_converted(client: httpx.AsyncClient) -> None:
    response = await client.get("/items/5?q=x")
    assert response.status_code == 200
    assert response.json() == {"item_id": 5, "q": "x", "limit": 10}
    assert response.headers["content-length"] == str(len(response.content))


async def test_bad_path_and_query_values_give_one_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/items/abc?limit=zz")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [error["loc"] for error in detail] == [["path", "item_id"], ["query", "limit"]]
    assert detail[0]["type"] == "int_parsing"


async def test_struct_body_is_decoded_and_validated(client: httpx.AsyncClient) -> None:
    response = await client.post("/items", json={"name": "Widget", "price": 9.99})
    assert response.status_code == 201
    assert response.json() == {"name": "Widget", "price": 9.99}
    bad = await client.post("/items", json={"name": "Widget", "price": "cheap"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "price"]
    missing = await client.post("/items", json={"name": "Widget"})
    assert missing.json()["detail"][0] == {
        "type": "missing",
        "loc": ["body", "price"],
        "msg": "Field required",
        "input": {"name": "Widget"},
    }
    broken = await client.post("/items", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 422
    assert broken.json()["detail"][0]["type"] == "json_invalid"


async def test_sync_handler_and_404_405(client: httpx.AsyncClient) -> None:
    assert (await client.get("/sync")).json() == {"mode": "sync"}
    not_found = await client.get("/nope")
    assert not_found.status_code == 404
    assert not_found.json() == {"detail": "Not Found"}
    not_allowed = await client.delete("/sync")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["allow"] == "GET, HEAD"


async def test_dependency_with_header_and_query_list(client: httpx.AsyncClient) -> None:
    ok = await client.get("/secure?tags=a&tags=b", headers={"X-Token": "secret"})
    assert ok.json() == {"token": "secret", "tags": ["a", "b"]}
    denied = await client.get("/secure", headers={"X-Token": "wrong"})
    assert denied.status_code == 401
    assert denied.json() == {"detail": "bad token"}
    missing = await client.get("/secure")
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["header", "x-token"]


async def test_decorators_return_the_function() -> None:
    app = Faster()

    @app.get("/n/{n}")
    async def double(n: int) -> int:
        return n * 2

    assert await double(n=4) == 8
