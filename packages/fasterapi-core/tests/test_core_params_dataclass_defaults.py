"""Dataclass bodies keep their defaulted fields when echoed back (msgspec leaves them off ``__dict__``)."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import msgspec

from fasterapi_core import Body, Faster
from fasterapi_core._dataclass_defaults import plan_completion


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@dataclasses.dataclass
class Item:
    name: str
    price: float
    description: str | None = None
    tax: float | None = None


@dataclasses.dataclass
class Basket:
    owner: str
    items: list[Item]
    favourite: Item | None = None
    labels: list[str] = dataclasses.field(default_factory=list)


class Wrapper(msgspec.Struct):
    basket: Basket
    by_name: dict[str, Item] = {}


async def test_echoed_dataclass_body_has_every_field() -> None:
    app = Faster()

    @app.post("/items/")
    async def create_item(item: Item) -> Item:
        return item

    @app.post("/untyped/")
    async def untyped(item: Item):  # type: ignore[no-untyped-def]
        return item

    expected = {"name": "x", "price": 1.0, "description": None, "tax": None}
    async with client_for(app) as client:
        assert (await client.post("/items/", json={"name": "x", "price": 1})).json() == expected
        assert (await client.post("/untyped/", json={"name": "x", "price": 1})).json() == expected


async def test_nested_and_embedded_dataclasses_are_completed() -> None:
    app = Faster()

    @app.post("/basket")
    async def basket(basket: Basket):  # type: ignore[no-untyped-def]
        return basket

    @app.post("/embedded")
    async def embedded(item: Item, note: str = Body("none")):  # type: ignore[no-untyped-def]
        return {"item": item, "note": note}

    full_item = {"name": "a", "price": 1.0, "description": None, "tax": None}
    async with client_for(app) as client:
        answer = await client.post("/basket", json={"owner": "o", "items": [{"name": "a", "price": 1}]})
        assert answer.json() == {"owner": "o", "items": [full_item], "favourite": None, "labels": []}
        answer = await client.post("/embedded", json={"item": {"name": "a", "price": 1}})
        assert answer.json() == {"item": full_item, "note": "none"}


def test_completion_is_planned_only_where_a_dataclass_has_plain_defaults() -> None:
    assert plan_completion(int) is None
    assert plan_completion(list[dict[str, int]]) is None

    @dataclasses.dataclass
    class NoDefaults:
        a: int

    assert plan_completion(NoDefaults) is None
    complete = plan_completion(Wrapper)
    assert complete is not None
    value = msgspec.json.decode(
        b'{"basket": {"owner": "o", "items": [{"name": "a", "price": 1}]},'
        b' "by_name": {"k": {"name": "b", "price": 2}}}',
        type=Wrapper,
    )
    complete(value)
    assert "tax" in value.basket.items[0].__dict__
    assert "favourite" in value.basket.__dict__
    assert value.by_name["k"].__dict__["description"] is None


@dataclasses.dataclass
class Node:
    value: int
    children: list[Node] = dataclasses.field(default_factory=list)
    label: str = "leaf"


def test_recursive_dataclasses_are_completed_without_endless_planning() -> None:
    complete = plan_completion(Node)
    assert complete is not None
    tree: Any = msgspec.json.decode(b'{"value": 1, "children": [{"value": 2}]}', type=Node)
    complete(tree)
    assert msgspec.json.decode(msgspec.json.encode(tree)) == {
        "value": 1,
        "children": [{"value": 2, "children": [], "label": "leaf"}],
        "label": "leaf",
    }
