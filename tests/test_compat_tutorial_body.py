"""FastAPI tutorial "Request Body", "Body - Multiple Parameters", "Body - Fields", "Body - Nested Models"
and "Extra Data Types", with msgspec.Struct models in place of pydantic ones.

Deliberate differences (faster-api-web's documented rule: JSON bodies decode with msgspec's strict
rules, and msgspec renders the JSON): ``"50.5"`` is not a number for a ``float`` field, a duration is
ISO 8601 text (not seconds), UTC datetimes render with ``Z`` and bytes as base64.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

import msgspec
import pytest

from FasterAPI import Body, Faster, Path
from FasterAPI.testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float | None = None


class User(msgspec.Struct):
    username: str
    full_name: str | None = None


def _body_app() -> Faster:
    app = Faster()

    @app.post("/items/")
    async def create_item(item: Item) -> Item:
        return item

    @app.post("/with-tax/")
    async def create_with_tax(item: Item) -> dict[str, Any]:
        item_dict = msgspec.structs.asdict(item)
        if item.tax is not None:
            item_dict.update({"price_with_tax": item.price + item.tax})
        return item_dict

    @app.put("/items/{item_id}")
    async def update_item(item_id: int, item: Item, q: str | None = None) -> dict[str, Any]:
        result = {"item_id": item_id, **msgspec.structs.asdict(item)}
        if q:
            result.update({"q": q})
        return result

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_body_app())


def test_body_model(client: TestClient) -> None:
    response = client.post("/items/", json={"name": "Foo", "price": 50.5})
    assert response.status_code == 200
    assert response.json() == {"name": "Foo", "price": 50.5, "description": None, "tax": None}
    response = client.post("/items/", json={"name": "Foo", "price": 50.5, "description": "Some Foo", "tax": 0.3})
    assert response.json() == {"name": "Foo", "price": 50.5, "description": "Some Foo", "tax": 0.3}


def test_int_accepted_for_float(client: TestClient) -> None:
    response = client.post("/items/", json={"name": "Foo", "price": 50})
    assert response.status_code == 200
    assert response.json() == {"name": "Foo", "price": 50, "description": None, "tax": None}


def test_numeric_text_is_not_a_number(client: TestClient) -> None:
    """faster-api-web's documented rule wins over FastAPI's lax mode: ``"50.5"`` is not a float."""
    response = client.post("/items/", json={"name": "Foo", "price": "50.5"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "float_type", "loc": ["body", "price"], "msg": "Input should be a valid number", "input": "50.5"}
        ]
    }


def test_body_field_missing(client: TestClient) -> None:
    response = client.post("/items/", json={"name": "Foo"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["body", "price"], "msg": "Field required", "input": {"name": "Foo"}}]
    }


def test_body_field_not_a_number(client: TestClient) -> None:
    response = client.post("/items/", json={"name": "Foo", "price": "twenty"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "float_parsing",
                "loc": ["body", "price"],
                "msg": "Input should be a valid number, unable to parse string as a number",
                "input": "twenty",
            }
        ]
    }


def test_body_all_fields_missing(client: TestClient) -> None:
    response = client.post("/items/", json={})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "name"], "msg": "Field required", "input": {}},
            {"type": "missing", "loc": ["body", "price"], "msg": "Field required", "input": {}},
        ]
    }


def test_body_missing(client: TestClient) -> None:
    response = client.post("/items/")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}


def test_form_data_sent_to_a_json_body(client: TestClient) -> None:
    response = client.post("/items/", data={"name": "Foo", "price": 50.5})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": "name=Foo&price=50.5",
            }
        ]
    }


def test_broken_json(client: TestClient) -> None:
    response = client.post("/items/", content="{some broken json}", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "json_invalid",
                "loc": ["body", 1],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": "Expecting property name enclosed in double quotes"},
            }
        ]
    }


@pytest.mark.parametrize("content_type", ["application/json", "application/geo+json"])
def test_json_content_types(client: TestClient, content_type: str) -> None:
    response = client.post("/items/", content='{"name": "Foo", "price": 50.5}', headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    assert response.json() == {"name": "Foo", "price": 50.5, "description": None, "tax": None}


def test_no_content_type_is_not_json(client: TestClient) -> None:
    """FastAPI 0.165 reads a body without Content-Type as JSON only with strict_content_type=False."""
    response = client.post("/items/", content='{"name": "Foo", "price": 50.5}')
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("content_type", ["text/plain", "application/geo+json-seq", "application/not-really-json"])
def test_non_json_content_types(client: TestClient, content_type: str) -> None:
    data = '{"name": "Foo", "price": 50.5}'
    response = client.post("/items/", content=data, headers={"Content-Type": content_type})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": data,
            }
        ]
    }


def test_model_attributes_in_the_handler(client: TestClient) -> None:
    response = client.post("/with-tax/", json={"name": "Foo", "price": 50.5, "tax": 0.5})
    assert response.json() == {"name": "Foo", "price": 50.5, "description": None, "tax": 0.5, "price_with_tax": 51.0}
    response = client.post("/with-tax/", json={"name": "Foo", "price": 50.5})
    assert response.json() == {"name": "Foo", "price": 50.5, "description": None, "tax": None}


def test_body_with_path_and_query(client: TestClient) -> None:
    response = client.put("/items/5?q=bar", json={"name": "Foo", "price": 50.5})
    assert response.json() == {"item_id": 5, "name": "Foo", "price": 50.5, "description": None, "tax": None, "q": "bar"}
    response = client.put("/items/5", json={"name": "Foo", "price": 50.5})
    assert response.json() == {"item_id": 5, "name": "Foo", "price": 50.5, "description": None, "tax": None}


def _multiple_app() -> Faster:
    app = Faster()

    @app.put("/optional/{item_id}")
    async def optional_body(
        item_id: Annotated[int, Path(title="The ID of the item to get", ge=0, le=1000)],
        q: str | None = None,
        item: Item | None = None,
    ) -> dict[str, Any]:
        results: dict[str, Any] = {"item_id": item_id}
        if q:
            results.update({"q": q})
        if item:
            results.update({"item": item})
        return results

    @app.put("/two/{item_id}")
    async def two_bodies(item_id: int, item: Item, user: User) -> dict[str, Any]:
        return {"item_id": item_id, "item": item, "user": user}

    @app.put("/singular/{item_id}")
    async def singular(item_id: int, item: Item, user: User, importance: Annotated[int, Body()]) -> dict[str, Any]:
        return {"item_id": item_id, "item": item, "user": user, "importance": importance}

    @app.put("/gt/{item_id}")
    async def gt_body(
        *,
        item_id: int,
        item: Item,
        user: User,
        importance: Annotated[int, Body(gt=0)],
        q: str | None = None,
    ) -> dict[str, Any]:
        results: dict[str, Any] = {"item_id": item_id, "item": item, "user": user, "importance": importance}
        if q:
            results.update({"q": q})
        return results

    @app.put("/embed/{item_id}")
    async def embed(item_id: int, item: Annotated[Item, Body(embed=True)]) -> dict[str, Any]:
        return {"item_id": item_id, "item": item}

    return app


@pytest.fixture(scope="module")
def multiple() -> TestClient:
    return TestClient(_multiple_app())


FOO = {"name": "Foo", "price": 50.5, "description": None, "tax": None}
DAVE = {"username": "dave", "full_name": None}


def test_optional_body(multiple: TestClient) -> None:
    response = multiple.put("/optional/5?q=bar", json={"name": "Foo", "price": 50.5})
    assert response.status_code == 200
    assert response.json() == {"item_id": 5, "item": FOO, "q": "bar"}
    assert multiple.put("/optional/5?q=bar").json() == {"item_id": 5, "q": "bar"}
    assert multiple.put("/optional/5").json() == {"item_id": 5}


def test_optional_body_path_bounds(multiple: TestClient) -> None:
    response = multiple.put("/optional/1001")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "less_than_equal",
                "loc": ["path", "item_id"],
                "msg": "Input should be less than or equal to 1000",
                "input": "1001",
                "ctx": {"le": 1000},
            }
        ]
    }


def test_two_body_models_are_embedded_by_name(multiple: TestClient) -> None:
    response = multiple.put("/two/5", json={"item": {"name": "Foo", "price": 50.5}, "user": {"username": "dave"}})
    assert response.status_code == 200
    assert response.json() == {"item_id": 5, "item": FOO, "user": DAVE}


def test_two_body_models_missing(multiple: TestClient) -> None:
    response = multiple.put("/two/5", json={})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "user"], "msg": "Field required", "input": None},
        ]
    }


def test_two_body_models_nested_errors(multiple: TestClient) -> None:
    response = multiple.put("/two/5", json={"item": {"name": "Foo"}, "user": {}})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "item", "price"], "msg": "Field required", "input": {"name": "Foo"}},
            {"type": "missing", "loc": ["body", "user", "username"], "msg": "Field required", "input": {}},
        ]
    }


@pytest.mark.parametrize("body", [[], "text"])
def test_embedded_body_that_is_no_object(multiple: TestClient, body: Any) -> None:
    response = multiple.put("/singular/5", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "user"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "importance"], "msg": "Field required", "input": None},
        ]
    }


def test_embedded_body_sent_empty(multiple: TestClient) -> None:
    response = multiple.put("/singular/5")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "user"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "importance"], "msg": "Field required", "input": None},
        ]
    }


def test_singular_body_value(multiple: TestClient) -> None:
    body = {"item": {"name": "Foo", "price": 50.5}, "user": {"username": "dave"}, "importance": 5}
    response = multiple.put("/singular/5", json=body)
    assert response.status_code == 200
    assert response.json() == {"item_id": 5, "item": FOO, "user": DAVE, "importance": 5}
    del body["importance"]
    response = multiple.put("/singular/5", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["body", "importance"], "msg": "Field required", "input": None}]
    }


def test_singular_body_value_with_gt(multiple: TestClient) -> None:
    body: dict[str, Any] = {"item": {"name": "Foo", "price": 50.5}, "user": {"username": "dave"}, "importance": 5}
    response = multiple.put("/gt/5?q=bar", json=body)
    assert response.json() == {"item_id": 5, "item": FOO, "user": DAVE, "importance": 5, "q": "bar"}
    body["importance"] = 0
    response = multiple.put("/gt/5", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "greater_than",
                "loc": ["body", "importance"],
                "msg": "Input should be greater than 0",
                "input": 0,
                "ctx": {"gt": 0},
            }
        ]
    }


def test_embedded_single_body(multiple: TestClient) -> None:
    response = multiple.put("/embed/5", json={"item": {"name": "Foo", "price": 50.5}})
    assert response.status_code == 200
    assert response.json() == {"item_id": 5, "item": FOO}


@pytest.mark.parametrize("body", [{}, {"name": "Foo", "price": 50.5}])
def test_embedded_single_body_missing(multiple: TestClient, body: dict[str, Any]) -> None:
    response = multiple.put("/embed/5", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None}]
    }


class FieldItem(msgspec.Struct):
    name: str
    description: Annotated[str, msgspec.Meta(title="The description of the item", max_length=300)] | None = None
    price: Annotated[float, msgspec.Meta(gt=0, description="The price must be greater than zero")] = 0.0001
    tax: float | None = None


def _fields_app() -> Faster:
    app = Faster()

    @app.put("/items/{item_id}")
    async def update_item(item_id: int, item: Annotated[FieldItem, Body(embed=True)]) -> dict[str, Any]:
        return {"item_id": item_id, "item": item}

    return app


def test_body_fields() -> None:
    client = TestClient(_fields_app())
    response = client.put("/items/5", json={"item": {"name": "Foo", "price": 3.0}})
    assert response.json() == {"item_id": 5, "item": {"name": "Foo", "price": 3.0, "description": None, "tax": None}}
    body = {"item": {"name": "Foo", "price": 3.0, "description": "Some Foo", "tax": 0.3}}
    response = client.put("/items/5", json=body)
    assert response.json() == {"item_id": 5, "item": body["item"]}
    response = client.put("/items/5", json={"item": {"name": "Foo", "price": -3.0}})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "greater_than",
                "loc": ["body", "item", "price"],
                "msg": "Input should be greater than 0",
                "input": -3.0,
                "ctx": {"gt": 0},
            }
        ]
    }
    response = client.put("/items/5", json={"item": {"name": "Foo", "price": 3.0, "description": "x" * 301}})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_too_long",
                "loc": ["body", "item", "description"],
                "msg": "String should have at most 300 characters",
                "input": "x" * 301,
                "ctx": {"max_length": 300},
            }
        ]
    }


class Image(msgspec.Struct):
    url: str
    name: str


class NestedItem(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float | None = None
    tags: set[str] = set()
    images: list[Image] | None = None


class Offer(msgspec.Struct):
    name: str
    price: float
    items: list[NestedItem]
    description: str | None = None


def _nested_app() -> Faster:
    app = Faster()

    @app.put("/items/{item_id}")
    async def update_item(item_id: int, item: NestedItem) -> dict[str, Any]:
        return {"item_id": item_id, "item": item}

    @app.post("/offers/")
    async def create_offer(offer: Offer) -> Offer:
        return offer

    @app.post("/images/multiple/")
    async def create_multiple_images(images: list[Image]) -> list[Image]:
        return images

    @app.post("/index-weights/")
    async def create_index_weights(weights: dict[int, float]) -> dict[int, float]:
        return weights

    return app


@pytest.fixture(scope="module")
def nested() -> TestClient:
    return TestClient(_nested_app())


def test_nested_models(nested: TestClient) -> None:
    body = {
        "name": "Foo",
        "price": 42.0,
        "tags": ["rock", "metal", "bar", "rock"],
        "images": [{"url": "http://example.com/baz.jpg", "name": "The Foo live"}],
    }
    response = nested.put("/items/5", json=body)
    assert response.status_code == 200
    item = response.json()["item"]
    assert sorted(item.pop("tags")) == ["bar", "metal", "rock"]
    assert item == {
        "name": "Foo",
        "price": 42.0,
        "description": None,
        "tax": None,
        "images": [{"url": "http://example.com/baz.jpg", "name": "The Foo live"}],
    }


def test_nested_model_error_location(nested: TestClient) -> None:
    response = nested.put("/items/5", json={"name": "Foo", "price": 42.0, "images": [{"url": "x"}]})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "images", 0, "name"], "msg": "Field required", "input": {"url": "x"}}
        ]
    }


def test_deeply_nested_models(nested: TestClient) -> None:
    body = {"name": "Deal", "price": 1.5, "items": [{"name": "Foo", "price": 2.0, "tags": ["a"]}]}
    response = nested.post("/offers/", json=body)
    assert response.status_code == 200
    assert response.json() == {
        "name": "Deal",
        "price": 1.5,
        "items": [{"name": "Foo", "price": 2.0, "description": None, "tax": None, "tags": ["a"], "images": None}],
        "description": None,
    }


def test_list_body(nested: TestClient) -> None:
    body = [{"url": "http://example.com/a.jpg", "name": "A"}, {"url": "http://example.com/b.jpg", "name": "B"}]
    response = nested.post("/images/multiple/", json=body)
    assert response.status_code == 200
    assert response.json() == body


def test_dict_body_with_int_keys(nested: TestClient) -> None:
    response = nested.post("/index-weights/", json={"2": 2.2, "3": 3.3})
    assert response.status_code == 200
    assert response.json() == {"2": 2.2, "3": 3.3}


def test_dict_body_with_bad_key(nested: TestClient) -> None:
    response = nested.post("/index-weights/", json={"foo": 2.2, "3": 3.3})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["body", "foo", "[key]"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "foo",
            }
        ]
    }


def test_dict_body_that_is_no_object(nested: TestClient) -> None:
    response = nested.post("/index-weights/", json=[2.2])
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "dict_type", "loc": ["body"], "msg": "Input should be a valid dictionary", "input": [2.2]}]
    }


def _extra_types_app() -> Faster:
    app = Faster()

    @app.put("/items/{item_id}")
    async def read_items(
        item_id: UUID,
        start_datetime: Annotated[datetime.datetime, Body()],
        end_datetime: Annotated[datetime.datetime, Body()],
        process_after: Annotated[datetime.timedelta, Body()],
        repeat_at: Annotated[datetime.time | None, Body()] = None,
    ) -> dict[str, Any]:
        start_process = start_datetime + process_after
        duration = end_datetime - start_process
        return {
            "item_id": item_id,
            "start_datetime": start_datetime,
            "end_datetime": end_datetime,
            "process_after": process_after,
            "repeat_at": repeat_at,
            "start_process": start_process,
            "duration": duration,
        }

    @app.get("/misc/")
    async def misc() -> dict[str, Any]:
        return {
            "frozen": frozenset([1]),
            "raw": b"bytes",
            "price": Decimal("1.5"),
            "day": datetime.date(2024, 1, 2),
        }

    @app.post("/misc/")
    async def misc_in(
        tags: Annotated[frozenset[str], Body()],
        raw: Annotated[bytes, Body()],
        price: Annotated[Decimal, Body()],
    ) -> dict[str, Any]:
        return {"tags": sorted(tags), "raw_length": len(raw), "price_type": type(price).__name__}

    return app


@pytest.fixture(scope="module")
def extra() -> TestClient:
    return TestClient(_extra_types_app())


def test_extra_data_types(extra: TestClient) -> None:
    """FastAPI's example, except for msgspec's renderings (kept on purpose, see the module docstring).

    FastAPI accepts ``"process_after": 300`` (seconds) and answers ``+00:00`` datetimes and durations in
    seconds; msgspec's strict JSON rules want an ISO 8601 duration and it renders UTC as ``Z`` and
    durations as ISO 8601 text.
    """
    item_id = "ff97dd87-a4a5-4a12-b412-cde99f33e00e"
    data = {
        "start_datetime": "2018-12-22T14:00:00+00:00",
        "end_datetime": "2018-12-24T15:00:00+00:00",
        "repeat_at": "15:30:00",
        "process_after": "PT5M",
    }
    response = extra.put(f"/items/{item_id}", json=data)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "item_id": item_id,
        "start_datetime": "2018-12-22T14:00:00Z",
        "end_datetime": "2018-12-24T15:00:00Z",
        "repeat_at": "15:30:00",
        "process_after": "PT300S",
        "start_process": "2018-12-22T14:05:00Z",
        "duration": "P2DT3300S",
    }


def test_extra_data_types_bad_uuid(extra: TestClient) -> None:
    response = extra.put("/items/not-a-uuid", json={})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "item_id"]
    assert response.json()["detail"][0]["type"] == "uuid_parsing"


def test_extra_data_types_encoded_like_jsonable_encoder(extra: TestClient) -> None:
    # bytes are base64 text in msgspec's JSON (FastAPI's jsonable_encoder decodes them as UTF-8).
    # A Decimal is always sent as an exact string, as FastAPI sends a model's Decimal field and as the
    # OpenAPI document says (FastAPI's jsonable_encoder would give a float for an untyped dict).
    assert extra.get("/misc/").json() == {"frozen": [1], "raw": "Ynl0ZXM=", "price": "1.5", "day": "2024-01-02"}


def test_extra_data_types_in(extra: TestClient) -> None:
    response = extra.post("/misc/", json={"tags": ["b", "a", "b"], "raw": "YWJj", "price": "1.5"})
    assert response.status_code == 200, response.text
    assert response.json() == {"tags": ["a", "b"], "raw_length": 3, "price_type": "Decimal"}


# -- beyond the tutorial's own examples ------------------------------------------------------------------------------


def test_single_non_embedded_body_param_is_the_whole_body() -> None:
    app = Faster()

    @app.post("/single-body/")
    async def single_body(importance: Annotated[int, Body()]) -> dict[str, int]:
        return {"importance": importance}

    assert TestClient(app).post("/single-body/", json=3).json() == {"importance": 3}
