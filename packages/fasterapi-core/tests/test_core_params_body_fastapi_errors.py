"""JSON bodies answer exactly as FastAPI's body tutorial tests expect (lax numbers, every error, json_invalid)."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import msgspec
import pytest

from fasterapi_core import Body, Faster


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float | None = None


class Image(msgspec.Struct):
    url: str
    name: str


class Offer(msgspec.Struct):
    name: str
    quantity: int
    images: list[Image] = []


class Priced(msgspec.Struct):
    name: str
    price: Annotated[float, msgspec.Meta(gt=0)]


def make_client() -> httpx.AsyncClient:
    app = Faster()

    @app.post("/items/")
    async def create_item(item: Item) -> Item:
        return item

    @app.post("/offers/")
    async def create_offer(offer: Offer) -> Offer:
        return offer

    @app.post("/many/")
    async def create_many(items: list[Item]) -> int:
        return len(items)

    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def missing(*loc: Any, input: Any) -> dict[str, Any]:
    return {"type": "missing", "loc": ["body", *loc], "msg": "Field required", "input": input}


async def test_numbers_in_strings_are_refused_by_msgspec_strict_rules() -> None:
    """faster-api-web documents strict msgspec decoding ("3" is not a float); FastAPI would accept it."""
    async with make_client() as client:
        answer = await client.post("/items/", json={"name": "Foo", "price": "50.5", "tax": 1})
        assert answer.status_code == 422
        assert answer.json()["detail"] == [
            {"type": "float_type", "loc": ["body", "price"], "msg": "Input should be a valid number", "input": "50.5"}
        ]
        answer = await client.post("/items/", json={"name": "Foo", "price": 50, "tax": 1})
        assert answer.json() == {"name": "Foo", "price": 50.0, "description": None, "tax": 1.0}


async def test_a_string_that_is_not_a_number_is_float_parsing() -> None:
    async with make_client() as client:
        answer = await client.post("/items/", json={"name": "Foo", "price": "twenty"})
        assert answer.status_code == 422
        assert answer.json() == {
            "detail": [
                {
                    "type": "float_parsing",
                    "loc": ["body", "price"],
                    "msg": "Input should be a valid number, unable to parse string as a number",
                    "input": "twenty",
                }
            ]
        }
        answer = await client.post("/offers/", json={"name": "o", "quantity": 2.5})
        assert answer.json()["detail"] == [
            {
                "type": "int_from_float",
                "loc": ["body", "quantity"],
                "msg": "Input should be a valid integer, got a number with a fractional part",
                "input": 2.5,
            }
        ]
        answer = await client.post("/offers/", json={"name": "o", "quantity": "three"})
        assert answer.json()["detail"] == [
            {
                "type": "int_parsing",
                "loc": ["body", "quantity"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "three",
            }
        ]


async def test_every_missing_field_is_reported() -> None:
    async with make_client() as client:
        answer = await client.post("/items/", json={})
        assert answer.status_code == 422
        assert answer.json() == {"detail": [missing("name", input={}), missing("price", input={})]}
        answer = await client.post("/items/", json={"name": "Foo"})
        assert answer.json() == {"detail": [missing("price", input={"name": "Foo"})]}


async def test_errors_in_several_fields_and_nested_items_are_all_reported() -> None:
    async with make_client() as client:
        body = {"name": 1, "quantity": "x", "images": [{"url": "u"}, {"url": 2, "name": "n"}]}
        answer = await client.post("/offers/", json=body)
        assert answer.status_code == 422
        assert answer.json()["detail"] == [
            {"type": "string_type", "loc": ["body", "name"], "msg": "Input should be a valid string", "input": 1},
            {
                "type": "int_parsing",
                "loc": ["body", "quantity"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "x",
            },
            missing("images", 0, "name", input={"url": "u"}),
            {
                "type": "string_type",
                "loc": ["body", "images", 1, "url"],
                "msg": "Input should be a valid string",
                "input": 2,
            },
        ]
        answer = await client.post("/many/", json=[{"name": "a"}, {"price": 1}])
        assert answer.json()["detail"] == [
            missing(0, "price", input={"name": "a"}),
            missing(1, "name", input={"price": 1}),
        ]


async def test_null_body_is_a_missing_body() -> None:
    async with make_client() as client:
        answer = await client.post("/items/", content=b"null", headers={"content-type": "application/json"})
        assert answer.status_code == 422
        assert answer.json() == {"detail": [missing(input=None)]}


@pytest.mark.parametrize(
    ("content", "position", "error"),
    [
        (b"{some broken json}", 1, "Expecting property name enclosed in double quotes"),
        (b"[1,2", 4, "Expecting ',' delimiter"),
        (b'{"name": "Foo", "price": 1', 26, "Expecting ',' delimiter"),
    ],
)
async def test_broken_json_is_json_invalid_with_its_position(content: bytes, position: int, error: str) -> None:
    async with make_client() as client:
        answer = await client.post("/items/", content=content, headers={"content-type": "application/json"})
        assert answer.status_code == 422
        assert answer.json() == {
            "detail": [
                {
                    "type": "json_invalid",
                    "loc": ["body", position],
                    "msg": "JSON decode error",
                    "input": {},
                    "ctx": {"error": error},
                }
            ]
        }


async def test_form_data_or_non_json_content_types_are_model_attributes_type() -> None:
    async with make_client() as client:
        answer = await client.post("/items/", data={"name": "Foo", "price": "50.5"})
        assert answer.status_code == 422
        assert answer.json()["detail"] == [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": "name=Foo&price=50.5",
            }
        ]
        data = b'{"name": "Foo", "price": 50.5}'
        for content_type in ("text/plain", "application/geo+json-seq", "application/not-really-json"):
            answer = await client.post("/items/", content=data, headers={"content-type": content_type})
            assert answer.status_code == 422, content_type
        for content_type in ("application/json", "application/geo+json"):
            answer = await client.post("/items/", content=data, headers={"content-type": content_type})
            assert answer.status_code == 200, content_type
        # No Content-Type: not JSON (FastAPI 0.165's strict_content_type default).
        assert (await client.post("/items/", content=data)).status_code == 422


async def test_body_constraints_are_enforced_and_worded_as_fastapi_does() -> None:
    app = Faster()

    @app.put("/items/{item_id}")
    async def update(item_id: int, item: Priced, importance: Annotated[int, Body(gt=0)]) -> dict[str, Any]:
        return {"item_id": item_id, "importance": importance}

    @app.post("/single")
    async def single(
        importance: Annotated[int, Body(ge=1, embed=True)], note: Annotated[str | None, Body(max_length=3)] = None
    ) -> dict[str, Any]:
        return {"importance": importance, "note": note}

    @app.post("/list")
    async def non_empty(values: Annotated[list[int], Body(min_length=1)]) -> int:
        return len(values)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        answer = await client.put("/items/1", json={"item": {"name": "x", "price": 0}, "importance": 0})
        assert answer.status_code == 422
        assert answer.json()["detail"] == [
            {
                "type": "greater_than",
                "loc": ["body", "item", "price"],
                "msg": "Input should be greater than 0",
                "input": 0,
                "ctx": {"gt": 0},
            },
            {
                "type": "greater_than",
                "loc": ["body", "importance"],
                "msg": "Input should be greater than 0",
                "input": 0,
                "ctx": {"gt": 0},
            },
        ]
        ok = await client.put("/items/1", json={"item": {"name": "x", "price": 1}, "importance": 3})
        assert ok.json() == {"item_id": 1, "importance": 3}
        answer = await client.post("/single", json={"importance": 0, "note": "long"})
        assert [error["type"] for error in answer.json()["detail"]] == ["greater_than_equal", "string_too_long"]
        assert (await client.post("/single", json={"importance": 2, "note": None})).json() == {
            "importance": 2,
            "note": None,
        }
        answer = await client.post("/list", json=[])
        assert answer.json()["detail"] == [
            {
                "type": "too_short",
                "loc": ["body"],
                "msg": "List should have at least 1 item after validation, not 0",
                "input": [],
                "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0},
            }
        ]
