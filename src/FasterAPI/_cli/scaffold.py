"""``fasterapi new NAME``: a small project whose own tests pass out of the box."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["create_project"]

_PYPROJECT = """\
[project]
name = "{name}"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = ["faster-api-web[standard]"]

[dependency-groups]
dev = ["faster-api-web[test]"]

[tool.pytest.ini_options]
addopts = ["--import-mode=importlib"]
pythonpath = ["."]
testpaths = ["tests"]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "function"
"""

_README = """\
# {name}

A FasterAPI application.

    uv sync                                  # or: pip install -e . "faster-api-web[test]"
    uv run fasterapi dev app/main.py         # serve with reload on http://127.0.0.1:8000
    uv run python -m pytest                  # run the tests

Interactive API docs are at http://127.0.0.1:8000/docs.
"""

_MAIN = '''\
"""The application: create it, include the routers."""

from FasterAPI import Faster

from app.routers import items

app = Faster(title="{name}")
app.include_router(items.router)


@app.get("/health")
async def health() -> dict[str, str]:
    return {{"status": "ok"}}
'''

_MODELS = '''\
"""Request and response bodies, validated by msgspec."""

import msgspec


class ItemIn(msgspec.Struct):
    """What a client sends to create or replace an item (the server picks the id)."""

    name: str
    price: float


class Item(msgspec.Struct):
    """An item as stored and returned."""

    id: int
    name: str
    price: float
'''

_STORE = '''\
"""A tiny in-memory store, handed to handlers through a dependency (swap it for a database)."""

from collections.abc import Iterator

from app.models import Item, ItemIn


class ItemStore:
    def __init__(self) -> None:
        self._items: dict[int, Item] = {{}}
        self._next_id = 1

    def list(self) -> list[Item]:
        return list(self._items.values())

    def get(self, item_id: int) -> Item | None:
        return self._items.get(item_id)

    def add(self, data: ItemIn) -> Item:
        item = Item(id=self._next_id, name=data.name, price=data.price)
        self._items[item.id] = item
        self._next_id += 1
        return item

    def replace(self, item_id: int, data: ItemIn) -> Item | None:
        if item_id not in self._items:
            return None
        item = Item(id=item_id, name=data.name, price=data.price)
        self._items[item_id] = item
        return item

    def delete(self, item_id: int) -> bool:
        return self._items.pop(item_id, None) is not None


_store = ItemStore()


def get_store() -> Iterator[ItemStore]:
    """Dependency: one shared store (a real app would open and close a session here)."""
    yield _store
'''

_ITEMS = '''\
"""CRUD endpoints for items."""

from FasterAPI import Depends, FasterRouter, HTTPException

from app.models import Item, ItemIn
from app.store import ItemStore, get_store

router = FasterRouter(prefix="/items", tags=["items"])


@router.get("/")
async def list_items(store: ItemStore = Depends(get_store)) -> list[Item]:
    return store.list()


@router.post("/", status_code=201)
async def create_item(data: ItemIn, store: ItemStore = Depends(get_store)) -> Item:
    return store.add(data)


@router.get("/{{item_id}}")
async def read_item(item_id: int, store: ItemStore = Depends(get_store)) -> Item:
    item = store.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item


@router.put("/{{item_id}}")
async def replace_item(item_id: int, data: ItemIn, store: ItemStore = Depends(get_store)) -> Item:
    item = store.replace(item_id, data)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item


@router.delete("/{{item_id}}", status_code=204)
async def delete_item(item_id: int, store: ItemStore = Depends(get_store)) -> None:
    if not store.delete(item_id):
        raise HTTPException(status_code=404, detail="Item not found")
'''

_TESTS = '''\
"""Tests for the generated app: run them with ``python -m pytest``."""

from collections.abc import Iterator

import pytest
from FasterAPI.testclient import TestClient

from app.main import app
from app.store import ItemStore, get_store


@pytest.fixture
def client() -> Iterator[TestClient]:
    store = ItemStore()

    def fresh_store() -> Iterator[ItemStore]:
        yield store

    app.dependency_overrides[get_store] = fresh_store
    with TestClient(app) as test_client:
        yield test_client
    app.dependency_overrides.clear()


def test_health(client: TestClient) -> None:
    assert client.get("/health").json() == {{"status": "ok"}}


def test_create_read_replace_delete(client: TestClient) -> None:
    created = client.post("/items/", json={{"name": "Widget", "price": 9.99}})
    assert created.status_code == 201
    item = created.json()
    assert item == {{"id": 1, "name": "Widget", "price": 9.99}}
    assert client.get(f"/items/{{item['id']}}").json() == item
    replaced = client.put(f"/items/{{item['id']}}", json={{"name": "Gadget", "price": 5.0}})
    assert replaced.json() == {{"id": 1, "name": "Gadget", "price": 5.0}}
    assert client.get("/items/").json() == [replaced.json()]
    assert client.delete(f"/items/{{item['id']}}").status_code == 204
    assert client.get(f"/items/{{item['id']}}").status_code == 404


def test_invalid_body_is_a_422(client: TestClient) -> None:
    response = client.post("/items/", json={{"name": "Widget", "price": "cheap"}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "body"


def test_unknown_item_is_a_404(client: TestClient) -> None:
    assert client.get("/items/42").status_code == 404
'''

_FILES = {
    "pyproject.toml": _PYPROJECT,
    "README.md": _README,
    "app/__init__.py": "",
    "app/main.py": _MAIN,
    "app/models.py": _MODELS,
    "app/store.py": _STORE,
    "app/routers/__init__.py": "",
    "app/routers/items.py": _ITEMS,
    "tests/test_items.py": _TESTS,
}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def create_project(name: str, parent: Path) -> list[Path]:
    """Write the project into ``parent / name``; refuses to touch an existing non-empty folder."""
    from .loading import CommandError

    if not _NAME.fullmatch(name):
        raise CommandError(f"project name {name!r} must start with a letter and use only letters, digits, - and _")
    root = parent / name
    if root.exists() and any(root.iterdir()):
        raise CommandError(f"{root} already exists and is not empty")
    written = []
    for relative, template in _FILES.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.format(name=name) if template else "", encoding="utf-8")
        written.append(target)
    return written
