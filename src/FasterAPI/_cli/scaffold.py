"""``fasterapi new NAME``: a small project whose own tests pass out of the box.

FasterAPI is not on the public package index yet (a different, older ``faster-api-web`` is), so the
project's requirements carry a version floor, and ``--from`` points uv at a checkout or a wheel folder.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

__all__ = ["ProjectSource", "create_project", "detect_source", "source_from"]

_PYPROJECT = """\
[project]
name = "{name}"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = ["faster-api-web>={floor}"]

[dependency-groups]
dev = ["faster-api-web[test]>={floor}"]

[tool.pytest.ini_options]
addopts = ["--import-mode=importlib"]
pythonpath = ["."]
testpaths = ["tests"]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "function"
{source}"""

_CHECKOUT_SOURCE = """
# FasterAPI from a checkout (fasterapi new --from): uv installs it, and its components, from there.
[tool.uv.sources]
faster-api-web = {{ path = {path}, editable = true }}
"""

_WHEELS_SOURCE = """
# FasterAPI from a folder of wheels (fasterapi new --from): uv looks there besides the package index.
[tool.uv]
find-links = [{path}]
"""

_GITIGNORE = """\
__pycache__/
*.py[cod]
.venv/
.pytest_cache/
.mypy_cache/
.ruff_cache/
dist/
build/
*.egg-info/
.env
"""

_DOCKERFILE = """\
# Build: docker build -t {name} . && docker run -p 8000:8000 {name}
# (a project made with `fasterapi new --from` needs that checkout or wheel folder in the build context)
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:latest /uv /usr/local/bin/uv
WORKDIR /srv
COPY pyproject.toml uv.lock* ./
COPY app ./app
RUN uv sync --no-dev
EXPOSE 8000
CMD ["uv", "run", "--no-sync", "fasterapi", "run", "app/main.py", "--host", "0.0.0.0", "--port", "8000"]
"""

_README = """\
# {name}

A FasterAPI application.

    uv sync                                  # install the app and its test tools into .venv
    uv run pytest                            # run the tests
    uv run fasterapi dev app/main.py         # serve with reload on http://127.0.0.1:8000

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
    ".gitignore": _GITIGNORE,
    "Dockerfile": _DOCKERFILE,
    "app/__init__.py": "",
    "app/main.py": _MAIN,
    "app/models.py": _MODELS,
    "app/store.py": _STORE,
    "app/routers/__init__.py": "",
    "app/routers/items.py": _ITEMS,
    "tests/test_items.py": _TESTS,
}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_RELEASE = re.compile(r"\d+(?:\.\d+)*")
_WHEEL_VERSION = re.compile(r"faster_api_web-([^-]+)-.*\.whl")


@dataclass(frozen=True)
class ProjectSource:
    """Where the new project's uv gets FasterAPI: a checkout (a path source) or a folder of wheels."""

    path: Path
    kind: str  # "checkout" or "wheels"
    version: str


def _release(version: str) -> str:
    match = _RELEASE.match(version)
    return match.group(0) if match else version


def source_from(path: Path) -> ProjectSource:
    """Read ``--from``: a FasterAPI checkout (its root pyproject) or a folder holding faster_api_web wheels."""
    from .loading import CommandError

    path = path.expanduser().resolve()
    pyproject = path / "pyproject.toml"
    if pyproject.is_file():
        text = pyproject.read_text("utf-8")
        found = re.search(r'^version = "([^"]+)"', text, re.M)
        if found and re.search(r'^name = "faster-api-web"', text, re.M):
            return ProjectSource(path, "checkout", _release(found.group(1)))
    versions = [m.group(1) for w in path.glob("faster_api_web-*.whl") if (m := _WHEEL_VERSION.fullmatch(w.name))]
    if versions:
        newest = max(versions, key=lambda v: tuple(int(part) for part in _release(v).split(".")))
        return ProjectSource(path, "wheels", _release(newest))
    raise CommandError(
        f"--from {path}: neither a FasterAPI checkout (a pyproject.toml of faster-api-web) nor a folder "
        "with faster_api_web-*.whl (make one with: uv build --all-packages)"
    )


def detect_source() -> ProjectSource | None:
    """The checkout or wheel folder the running FasterAPI was installed from, if it says so (PEP 610)."""
    try:
        text = distribution("faster-api-web").read_text("direct_url.json")
    except PackageNotFoundError:
        return None
    if not text:
        return None
    url = json.loads(text).get("url", "")
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = Path(url2pathname(unquote(parsed.path)))
    try:
        return source_from(path.parent if path.suffix == ".whl" else path)
    except Exception:
        return None


def installed_release() -> str:
    """The release of the running FasterAPI: the version floor a project without ``--from`` asks for."""
    try:
        return _release(distribution("faster-api-web").version)
    except PackageNotFoundError:  # pragma: no cover - the CLI is part of that distribution
        return "0"


def create_project(name: str, parent: Path, source: ProjectSource | None = None) -> list[Path]:
    """Write the project into ``parent / name``; refuses any existing path (file or folder, even empty)."""
    from .loading import CommandError

    if not _NAME.fullmatch(name):
        raise CommandError(f"project name {name!r} must start with a letter and use only letters, digits, - and _")
    root = parent / name
    if root.exists() or root.is_symlink():
        raise CommandError(f"{root} already exists; choose a new name or another --directory")
    floor = source.version if source else installed_release()
    if source is None:
        source_block = ""
    else:
        template = _CHECKOUT_SOURCE if source.kind == "checkout" else _WHEELS_SOURCE
        source_block = template.format(path=json.dumps(source.path.as_posix()))
    written = []
    for relative, text in _FILES.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.format(name=name, floor=floor, source=source_block) if text else "", encoding="utf-8")
        written.append(target)
    return written
