"""JSON request bodies: models, embedding, content types, and what bad bodies answer."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any, TypedDict

import httpx
import msgspec

from fasterapi_core import Body, Faster, Query, RequestValidationError

ClientFor = Callable[[Any], httpx.AsyncClient]


class Item(msgspec.Struct):
    name: str
    price: float
    tags: list[str] = []


class Order(msgspec.Struct):
    items: list[Item]
    note: str | None = None


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Movie(TypedDict):
    title: str
    year: int


def make_app() -> Faster:
    app = Faster()

    @app.post("/items")
    async def create(item: Item) -> Item:
        return item

    @app.post("/orders")
    async def order(order: Order) -> int:
        return len(order.items)

    @app.post("/points")
    async def point(p: Point) -> dict[str, Any]:
        return {"sum": p.x + p.y, "type": type(p).__name__}

    @app.post("/movies")
    async def movie(m: Movie) -> Movie:
        return m

    @app.post("/dict")
    async def as_dict(data: dict[str, int]) -> dict[str, int]:
        return data

    @app.post("/list")
    async def as_list(data: list[int]) -> int:
        return sum(data)

    @app.post("/embed")
    async def embed(item: Annotated[Item, Body(embed=True)]) -> str:
        return item.name

    @app.post("/multi")
    async def multi(item: Item, point: Point, importance: int = Body(), q: str | None = Query(None)) -> list[Any]:
        return [item.name, point.x, importance, q]

    @app.post("/optional")
    async def optional(item: Item | None = None) -> str:
        return "none" if item is None else item.name

    @app.post("/text")
    async def text(data: str = Body()) -> str:
        return data

    @app.post("/any")
    async def anything(payload: Any = Body()) -> Any:
        return payload

    return app


async def test_struct_body(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post("/items", json={"name": "a", "price": 2})
    assert response.json() == {"name": "a", "price": 2.0, "tags": []}


async def test_dataclass_typeddict_dict_and_list_bodies(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        assert (await client.post("/points", json={"x": 1, "y": 2})).json() == {"sum": 3, "type": "Point"}
        assert (await client.post("/movies", json={"title": "t", "year": 1999})).json() == {"title": "t", "year": 1999}
        assert (await client.post("/dict", json={"a": 1})).json() == {"a": 1}
        assert (await client.post("/list", json=[1, 2, 3])).json() == 6
        bad = await client.post("/movies", json={"title": "t"})
    assert bad.json()["detail"] == [
        {"type": "missing", "loc": ["body", "year"], "msg": "Field required", "input": {"title": "t"}}
    ]


async def test_nested_error_location_and_input(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post(
            "/orders", json={"items": [{"name": "a", "price": 1}, {"name": "b", "price": "x"}]}
        )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "float_parsing",
            "loc": ["body", "items", 1, "price"],
            "msg": "Input should be a valid number, unable to parse string as a number",
            "input": "x",
        }
    ]


async def test_embed_single_body_param(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        ok = await client.post("/embed", json={"item": {"name": "n", "price": 1}})
        flat = await client.post("/embed", json={"name": "n", "price": 1})
    assert ok.json() == "n"
    assert flat.status_code == 422
    assert flat.json()["detail"][0]["loc"] == ["body", "item"]


async def test_several_body_params_are_embedded_by_name(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        payload = {"item": {"name": "n", "price": 1}, "point": {"x": 4, "y": 0}, "importance": 5}
        ok = await client.post("/multi?q=z", json=payload)
        missing = await client.post("/multi", json={"item": {"name": "n", "price": 1}})
    assert ok.json() == ["n", 4, 5, "z"]
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["type"] == "missing"
    assert missing.json()["detail"][0]["loc"][0] == "body"


async def test_optional_body_may_be_absent(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        assert (await client.post("/optional")).json() == "none"
        assert (await client.post("/optional", json={"name": "x", "price": 1})).json() == "x"


async def test_missing_required_body(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post("/items")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}


async def test_a_body_without_content_type_is_not_json_by_default(client_for: ClientFor) -> None:
    """FastAPI 0.165's ``strict_content_type`` default: no ``Content-Type``, no JSON (a 422 for a model)."""
    async with client_for(make_app()) as client:
        response = await client.post("/items", content=b'{"name":"a","price":1}')
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": '{"name":"a","price":1}',
            }
        ]
    }


async def test_strict_content_type_off_reads_a_body_without_content_type_as_json(client_for: ClientFor) -> None:
    app = make_app()
    app.strict_content_type = False
    lax_route = Faster()

    @lax_route.post("/lax", strict_content_type=False)
    async def lax(item: Item) -> Item:
        return item

    for target, path in ((app, "/items"), (lax_route, "/lax")):
        async with client_for(target) as client:
            response = await client.post(path, content=b'{"name":"a","price":1}')
            assert response.status_code == 200
            assert response.json()["name"] == "a"
            plain = await client.post(path, content=b'{"name":"a","price":1}', headers={"content-type": "text/plain"})
            assert plain.status_code == 422


async def test_json_suffix_media_types_are_json(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post(
            "/items", content=b'{"name":"a","price":1}', headers={"content-type": "application/vnd.api+json"}
        )
    assert response.status_code == 200


async def test_text_plain_body_for_a_model_is_422(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post(
            "/items", content=b'{"name":"a","price":1}', headers={"content-type": "text/plain"}
        )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "model_attributes_type"
    assert response.json()["detail"][0]["loc"] == ["body"]


async def test_text_plain_body_for_a_str_parameter_is_taken_as_is(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        plain = await client.post("/text", content=b"hello", headers={"content-type": "text/plain"})
        json_body = await client.post("/text", json="quoted")
    assert plain.json() == "hello"
    assert json_body.json() == "quoted"


async def test_malformed_json_is_json_invalid(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post("/items", content=b'{"name": ', headers={"content-type": "application/json"})
        garbage = await client.post("/items", content=b"{x}", headers={"content-type": "application/json"})
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["type"] == "json_invalid"
    assert error["msg"] == "JSON decode error"
    assert error["loc"] == ["body", 9]
    assert garbage.json()["detail"][0]["loc"] == ["body", 1]


async def test_invalid_utf8_is_400(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post(
            "/any", content=b'{"name": "\xff\xfe"}', headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json() == {"detail": "There was an error parsing the body"}


async def test_absurdly_deep_nesting_is_400_not_500(client_for: ClientFor) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    async with client_for(make_app()) as client:
        response = await client.post("/any", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400


async def test_overlong_numbers_are_not_500(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        huge = await client.post(
            "/list", content=b"[" + b"9" * 5000 + b"]", headers={"content-type": "application/json"}
        )
        fraction = await client.post(
            "/items",
            content=b'{"name":"a","price":1' + b"0" * 5000 + b"}",
            headers={"content-type": "application/json"},
        )
    assert huge.status_code == 422
    assert fraction.status_code in (200, 422)


async def test_wrong_top_level_type(client_for: ClientFor) -> None:
    async with client_for(make_app()) as client:
        response = await client.post("/items", json=[1, 2])
        wrong_list = await client.post("/list", json={"a": 1})
    assert response.json()["detail"][0]["type"] == "model_attributes_type"
    assert response.json()["detail"][0]["input"] == [1, 2]
    assert wrong_list.json()["detail"][0]["type"] == "list_type"


async def test_request_validation_error_errors_method(client_for: ClientFor) -> None:
    app = make_app()
    seen: list[Any] = []

    @app.exception_handler(RequestValidationError)
    async def handler(request: Any, exc: RequestValidationError) -> Any:
        from fasterapi_core import JSONResponse

        seen.append(exc.errors())
        return JSONResponse({"custom": exc.errors()}, status_code=400)

    async with client_for(app) as client:
        response = await client.post("/items", json={"name": "a"})
    assert response.status_code == 400
    assert [{**error, "loc": list(error["loc"])} for error in seen[0]] == response.json()["custom"]
    assert seen[0][0]["loc"] == ("body", "price")


async def test_embedded_body_params_with_aliases_and_defaults(client_for: ClientFor) -> None:
    app = Faster()

    @app.post("/alias")
    async def alias(
        user_name: Annotated[str, Body(alias="user-name")],
        count: int = Body(1),
        tags: list[str] = Body(default_factory=list),
    ) -> list[Any]:
        return [user_name, count, tags]

    async with client_for(app) as client:
        ok = await client.post("/alias", json={"user-name": "ann", "count": 3})
        missing = await client.post("/alias", json={"user_name": "ann"})
    assert ok.json() == ["ann", 3, []]
    assert missing.json()["detail"] == [
        {"type": "missing", "loc": ["body", "user-name"], "msg": "Field required", "input": None}
    ]
