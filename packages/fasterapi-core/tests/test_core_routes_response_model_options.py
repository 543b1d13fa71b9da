"""``response_model`` options FastAPI documents: exclude_unset/defaults/none, include/exclude, unions."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import msgspec
import pytest

from fasterapi_core import Faster, FasterAPIError


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float = 10.5
    tags: list[str] = []


class Order(msgspec.Struct):
    id: int
    items: list[Item]
    note: str | None = None


ITEMS: dict[str, dict[str, Any]] = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}


async def test_exclude_unset_keeps_only_the_keys_the_handler_set() -> None:
    app = Faster()

    @app.get("/items/{item_id}", response_model=Item, response_model_exclude_unset=True)
    async def read_item(item_id: str) -> dict[str, Any]:
        return ITEMS[item_id]

    async with client_for(app) as client:
        assert (await client.get("/items/foo")).json() == {"name": "Foo", "price": 50.2}
        bar = (await client.get("/items/bar")).json()
        assert bar == {"name": "Bar", "description": "The bartenders", "price": 62.0, "tax": 20.2}
        # Values equal to the default but set explicitly stay (FastAPI's tutorial, item "baz").
        baz = (await client.get("/items/baz")).json()
        assert baz == {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []}


async def test_exclude_unset_applies_inside_nested_models_and_lists() -> None:
    app = Faster()

    @app.get("/order", response_model=Order, response_model_exclude_unset=True)
    async def order() -> dict[str, Any]:
        return {"id": 1, "items": [{"name": "A", "price": 1}, {"name": "B", "price": 2, "tax": 0}]}

    async with client_for(app) as client:
        assert (await client.get("/order")).json() == {
            "id": 1,
            "items": [{"name": "A", "price": 1.0}, {"name": "B", "price": 2.0, "tax": 0.0}],
        }


async def test_exclude_unset_on_a_model_instance_leaves_out_fields_still_at_their_default() -> None:
    app = Faster()

    @app.get("/item", response_model=Item, response_model_exclude_unset=True)
    async def item() -> Item:
        return Item(name="Foo", price=1.0, description="d")

    async with client_for(app) as client:
        assert (await client.get("/item")).json() == {"name": "Foo", "price": 1.0, "description": "d"}


async def test_exclude_defaults_drops_fields_equal_to_their_default() -> None:
    app = Faster()

    @app.get("/item", response_model=Item, response_model_exclude_defaults=True)
    async def item() -> Item:
        return Item(name="Foo", price=1.0, tax=10.5)

    @app.get("/from-dict", response_model=Item, response_model_exclude_defaults=True)
    async def from_dict() -> dict[str, Any]:
        return {"name": "Foo", "price": 1.0, "tax": 10.5, "tags": ["x"]}

    async with client_for(app) as client:
        assert (await client.get("/item")).json() == {"name": "Foo", "price": 1.0}
        assert (await client.get("/from-dict")).json() == {"name": "Foo", "price": 1.0, "tags": ["x"]}


async def test_exclude_none_is_applied_to_nested_models_too() -> None:
    app = Faster()

    @app.get("/order", response_model=Order, response_model_exclude_none=True)
    async def order() -> Order:
        return Order(id=1, items=[Item(name="A", price=1.0)])

    async with client_for(app) as client:
        assert (await client.get("/order")).json() == {
            "id": 1,
            "items": [{"name": "A", "price": 1.0, "tax": 10.5, "tags": []}],
        }


async def test_include_and_exclude_accept_sets_and_dicts() -> None:
    app = Faster()

    @app.get("/name", response_model=Item, response_model_include={"name", "description"})
    async def name_only() -> dict[str, Any]:
        return ITEMS["bar"]

    @app.get("/public", response_model=Item, response_model_exclude={"tax": ..., "tags": ...})
    async def public() -> dict[str, Any]:
        return ITEMS["bar"]

    async with client_for(app) as client:
        assert (await client.get("/name")).json() == {"name": "Bar", "description": "The bartenders"}
        assert (await client.get("/public")).json() == {"name": "Bar", "price": 62.0, "description": "The bartenders"}


class CarItem(msgspec.Struct):
    description: str
    type: str = "car"


class PlaneItem(msgspec.Struct):
    description: str
    size: int
    type: str = "plane"


async def test_union_of_untagged_models_picks_the_member_that_fits() -> None:
    app = Faster()
    items = {
        "item1": {"description": "All my friends drive a low rider", "type": "car"},
        "item2": {"description": "Music is my aeroplane, it's my aeroplane", "type": "plane", "size": 5},
    }

    @app.get("/items/{item_id}", response_model=PlaneItem | CarItem)
    async def read_item(item_id: str) -> dict[str, Any]:
        return items[item_id]

    # The less specific member first: the best fit (most fields used) still wins, as pydantic does.
    @app.get("/reversed/{item_id}", response_model=CarItem | PlaneItem)
    async def read_reversed(item_id: str) -> dict[str, Any]:
        return items[item_id]

    @app.get("/instance", response_model=PlaneItem | CarItem)
    async def instance() -> CarItem:
        return CarItem(description="c")

    @app.get("/list", response_model=list[PlaneItem | CarItem])
    async def many() -> list[dict[str, Any]]:
        return list(items.values())

    @app.get("/bad", response_model=PlaneItem | CarItem)
    async def bad() -> dict[str, Any]:
        return {"size": 1}

    async with client_for(app) as client:
        assert (await client.get("/items/item1")).json() == items["item1"]
        assert (await client.get("/items/item2")).json() == {**items["item2"]}
        assert (await client.get("/reversed/item2")).json() == items["item2"]
        assert (await client.get("/instance")).json() == {"description": "c", "type": "car"}
        assert (await client.get("/list")).json() == list(items.values())
    server_error = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test"
    )
    async with server_error as client:
        assert (await client.get("/bad")).status_code == 500


def test_unsupported_response_model_is_refused_at_registration() -> None:
    app = Faster()

    with pytest.raises(FasterAPIError, match="response_model"):

        @app.get("/x", response_model=dict[str, PlaneItem | CarItem])
        async def handler() -> dict[str, Any]:
            return {}


@dataclasses.dataclass
class DataItem:
    name: str
    description: str | None = None
    tax: float | None = None


async def test_dataclass_response_model_from_a_dict_keeps_default_fields() -> None:
    app = Faster()

    @app.get("/item", response_model=DataItem)
    async def item() -> dict[str, Any]:
        return {"name": "x"}

    @app.get("/unset", response_model=DataItem, response_model_exclude_unset=True)
    async def unset() -> dict[str, Any]:
        return {"name": "x", "tax": None}

    async with client_for(app) as client:
        assert (await client.get("/item")).json() == {"name": "x", "description": None, "tax": None}
        assert (await client.get("/unset")).json() == {"name": "x", "tax": None}


async def test_a_response_class_in_a_pipe_union_annotation_is_not_a_response_model() -> None:
    from fasterapi_core import JSONResponse

    app = Faster()

    @app.get("/maybe/{flag}")
    async def maybe(flag: bool) -> JSONResponse | None:
        return JSONResponse({"custom": True}, status_code=202) if flag else None

    async with client_for(app) as client:
        answer = await client.get("/maybe/true")
        assert (answer.status_code, answer.json()) == (202, {"custom": True})
        assert (await client.get("/maybe/false")).json() is None


async def test_single_value_return_annotations_are_checked_as_in_fastapi() -> None:
    import enum

    import httpx

    from fasterapi_core import Faster

    class Color(str, enum.Enum):
        RED = "red"

    app = Faster(reraise_server_errors=False)

    @app.get("/twelve")
    async def twelve() -> int:
        return "12"  # type: ignore[return-value]

    @app.get("/abc")
    async def abc() -> int:
        return "abc"  # type: ignore[return-value]

    @app.get("/none")
    async def none() -> int | None:
        return None

    @app.get("/color")
    async def color() -> Color:
        return "red"  # type: ignore[return-value]

    @app.get("/trusted")
    async def trusted() -> dict[str, int]:
        return {"a": "x"}  # type: ignore[dict-item]

    @app.get("/checked", response_model=dict[str, int])
    async def checked() -> dict[str, int]:
        return {"a": "x"}  # type: ignore[dict-item]

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/twelve")).json() == 12
        assert (await client.get("/abc")).status_code == 500
        assert (await client.get("/none")).json() is None
        assert (await client.get("/color")).json() == "red"
        assert (await client.get("/trusted")).json() == {"a": "x"}
        assert (await client.get("/checked")).status_code == 500
