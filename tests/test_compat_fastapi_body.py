"""FastAPI tutorial parity: request bodies with msgspec models (docs: tutorial/body, body-multiple-params,
body-fields, body-nested-models, body-updates, query-param-models, extra-data-types)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated

import msgspec

from FasterAPI import Body, Faster, Query
from FasterAPI.testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float | None = None


class User(msgspec.Struct):
    username: str
    full_name: str | None = None


class Image(msgspec.Struct):
    url: str
    name: str


class Offer(msgspec.Struct):
    name: str
    items: list[Image]


class Tagged(msgspec.Struct):
    name: str
    tags: set[str] = msgspec.field(default_factory=set)
    image: Image | None = None


class Constrained(msgspec.Struct):
    name: str
    price: Annotated[float, msgspec.Meta(gt=0)]


def make_app() -> Faster:
    app = Faster()

    @app.post("/items/")
    async def create_item(item: Item) -> dict[str, object]:
        data = msgspec.structs.asdict(item)
        if item.tax is not None:
            data["price_with_tax"] = item.price + item.tax
        return data

    @app.put("/items/{item_id}")
    async def update_item(item_id: int, item: Item, q: str | None = None) -> dict[str, object]:
        result: dict[str, object] = {"item_id": item_id, **msgspec.structs.asdict(item)}
        if q:
            result["q"] = q
        return result

    @app.put("/multi/{item_id}")
    async def multi(item_id: int, item: Item, user: User, importance: Annotated[int, Body()]) -> dict[str, object]:
        return {"item_id": item_id, "item": item, "user": user, "importance": importance}

    @app.put("/embed/{item_id}")
    async def embed(item_id: int, item: Annotated[Item, Body(embed=True)]) -> dict[str, object]:
        return {"item_id": item_id, "item": item}

    @app.put("/optional/{item_id}")
    async def optional(item_id: int, item: Item | None = None) -> dict[str, object]:
        return {"item_id": item_id, "item": item}

    @app.post("/nested/")
    async def nested(offer: Offer) -> Offer:
        return offer

    @app.post("/tagged/")
    async def tagged(item: Tagged) -> Tagged:
        return item

    @app.post("/images/multiple/")
    async def images(images: list[Image]) -> list[Image]:
        return images

    @app.post("/index-weights/")
    async def weights(weights: dict[int, float]) -> dict[int, float]:
        return weights

    @app.post("/constrained/")
    async def constrained(item: Constrained) -> Constrained:
        return item

    @app.put("/extra/{item_id}")
    async def extra(
        item_id: uuid.UUID,
        start_datetime: Annotated[dt.datetime, Body()],
        process_after: Annotated[dt.timedelta, Body()],
        amount: Annotated[Decimal, Body()],
    ) -> dict[str, object]:
        return {
            "item_id": item_id,
            "start_datetime": start_datetime,
            "process_after": process_after,
            "amount": amount,
        }

    @app.post("/single-body/")
    async def single_body(importance: Annotated[int, Body()]) -> dict[str, int]:
        return {"importance": importance}

    @app.get("/qmodel/")
    async def qmodel(
        limit: Annotated[int, Query()] = 100,
        tags: Annotated[list[str], Query()] = [],  # noqa: B006
    ) -> dict[str, object]:
        return {"limit": limit, "tags": tags}

    return app


client = TestClient(make_app())


def test_body_struct_and_computed_field() -> None:
    r = client.post("/items/", json={"name": "Foo", "price": 50.5, "tax": 1.5})
    assert r.status_code == 200
    assert r.json() == {"name": "Foo", "price": 50.5, "description": None, "tax": 1.5, "price_with_tax": 52.0}


def test_body_missing_field_is_422_with_body_loc() -> None:
    r = client.post("/items/", json={"name": "Foo"})
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["type"] == "missing"
    assert err["loc"] == ["body", "price"]
    assert err["msg"] == "Field required"


def test_body_wrong_type_is_422() -> None:
    r = client.post("/items/", json={"name": "Foo", "price": "not a number"})
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["loc"] == ["body", "price"]


def test_body_missing_entirely_is_422() -> None:
    r = client.post("/items/")
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["type"] == "missing"
    assert err["loc"] == ["body"]


def test_body_invalid_json_is_422_json_invalid() -> None:
    r = client.post("/items/", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["type"] == "json_invalid"
    assert err["loc"][0] == "body"


def test_body_path_and_query_together() -> None:
    r = client.put("/items/5?q=hello", json={"name": "Foo", "price": 1.0})
    assert r.json() == {"item_id": 5, "name": "Foo", "price": 1.0, "description": None, "tax": None, "q": "hello"}


def test_multiple_body_params_are_embedded_by_name() -> None:
    r = client.put(
        "/multi/5",
        json={"item": {"name": "Foo", "price": 42.0}, "user": {"username": "dave"}, "importance": 5},
    )
    assert r.status_code == 200
    assert r.json() == {
        "item_id": 5,
        "item": {"name": "Foo", "price": 42.0, "description": None, "tax": None},
        "user": {"username": "dave", "full_name": None},
        "importance": 5,
    }


def test_multiple_body_params_missing_key_loc() -> None:
    r = client.put("/multi/5", json={"item": {"name": "Foo", "price": 42.0}, "importance": 5})
    assert r.status_code == 422
    locs = [e["loc"] for e in r.json()["detail"]]
    assert ["body", "user"] in locs


def test_body_embed_true() -> None:
    r = client.put("/embed/1", json={"item": {"name": "Foo", "price": 1.0}})
    assert r.status_code == 200
    assert r.json()["item"]["name"] == "Foo"
    flat = client.put("/embed/1", json={"name": "Foo", "price": 1.0})
    assert flat.status_code == 422
    assert flat.json()["detail"][0]["loc"] == ["body", "item"]


def test_optional_body() -> None:
    assert client.put("/optional/1").json() == {"item_id": 1, "item": None}
    r = client.put("/optional/1", json={"name": "x", "price": 2.0})
    assert r.json()["item"]["name"] == "x"


def test_nested_models() -> None:
    payload = {"name": "o", "items": [{"url": "http://a", "name": "a"}]}
    assert client.post("/nested/", json=payload).json() == payload
    bad = client.post("/nested/", json={"name": "o", "items": [{"url": "http://a"}]})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "items", 0, "name"]


def test_set_field_deduplicates() -> None:
    r = client.post("/tagged/", json={"name": "n", "tags": ["a", "a", "b"]})
    assert r.status_code == 200
    assert sorted(r.json()["tags"]) == ["a", "b"]
    assert r.json()["image"] is None


def test_list_body_top_level() -> None:
    payload = [{"url": "u1", "name": "a"}, {"url": "u2", "name": "b"}]
    assert client.post("/images/multiple/", json=payload).json() == payload


def test_dict_body_int_keys() -> None:
    r = client.post("/index-weights/", json={"1": 0.5, "2": 1.5})
    assert r.status_code == 200
    assert r.json() == {"1": 0.5, "2": 1.5}


def test_struct_field_constraints() -> None:
    r = client.post("/constrained/", json={"name": "n", "price": 0})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "price"]


def test_extra_data_types() -> None:
    uid = "0b5ab2c4-3c22-4f8a-9d4c-9c8c6a9f2e31"
    r = client.put(
        f"/extra/{uid}",
        json={"start_datetime": "2024-01-02T03:04:05", "process_after": "PT1H", "amount": "1.50"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["item_id"] == uid
    assert body["start_datetime"] == "2024-01-02T03:04:05"


def test_single_non_embedded_body_param_is_the_whole_body() -> None:
    assert client.post("/single-body/", json=3).json() == {"importance": 3}


def test_query_list_default_empty() -> None:
    assert client.get("/qmodel/?tags=a&tags=b&limit=5").json() == {"limit": 5, "tags": ["a", "b"]}
