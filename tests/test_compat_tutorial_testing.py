"""FastAPI tutorial conformance: Testing (TestClient, async tests with httpx, dependency overrides, testing
events and lifespan, testing websockets) and settings dependencies with ``lru_cache``, translated to FasterAPI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Annotated, Any

import httpx
import msgspec
import pytest

from FasterAPI import Depends, Faster, Header, HTTPException, WebSocket
from FasterAPI.testclient import TestClient

# These tests use @app.on_event on purpose (FastAPI's deprecated form, still supported).
pytestmark = pytest.mark.filterwarnings("ignore:on_event is deprecated:DeprecationWarning")

# --- testing/tutorial001 and app_b ------------------------------------------------------------------------


def test_testclient_first_steps() -> None:
    app = Faster()

    @app.get("/")
    async def read_main() -> dict[str, str]:
        return {"msg": "Hello World"}

    response = TestClient(app).get("/")
    assert response.status_code == 200
    assert response.json() == {"msg": "Hello World"}


class Item(msgspec.Struct):
    id: str
    title: str
    description: str | None = None


FAKE_SECRET_TOKEN = "coneofsilence"


@pytest.fixture(name="app_b_client")
def _app_b_client() -> TestClient:
    fake_db: dict[str, Any] = {
        "foo": {"id": "foo", "title": "Foo", "description": "There goes my hero"},
        "bar": {"id": "bar", "title": "Bar", "description": "The bartenders"},
    }
    app = Faster()

    @app.get("/items/{item_id}", response_model=Item)
    async def read_main(item_id: str, x_token: Annotated[str, Header()]) -> Any:
        if x_token != FAKE_SECRET_TOKEN:
            raise HTTPException(status_code=400, detail="Invalid X-Token header")
        if item_id not in fake_db:
            raise HTTPException(status_code=404, detail="Item not found")
        return fake_db[item_id]

    @app.post("/items/")
    async def create_item(item: Item, x_token: Annotated[str, Header()]) -> Item:
        if x_token != FAKE_SECRET_TOKEN:
            raise HTTPException(status_code=400, detail="Invalid X-Token header")
        if item.id in fake_db:
            raise HTTPException(status_code=409, detail="Item already exists")
        fake_db[item.id] = item
        return item

    return TestClient(app)


def test_app_b_read_item(app_b_client: TestClient) -> None:
    response = app_b_client.get("/items/foo", headers={"X-Token": "coneofsilence"})
    assert response.status_code == 200
    assert response.json() == {"id": "foo", "title": "Foo", "description": "There goes my hero"}


def test_app_b_read_item_errors(app_b_client: TestClient) -> None:
    response = app_b_client.get("/items/foo", headers={"X-Token": "hailhydra"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid X-Token header"}
    response = app_b_client.get("/items/baz", headers={"X-Token": "coneofsilence"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Item not found"}
    response = app_b_client.get("/items/foo")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["header", "x-token"], "msg": "Field required", "input": None}]
    }


def test_app_b_create_item(app_b_client: TestClient) -> None:
    body = {"id": "foobar", "title": "Foo Bar", "description": "The Foo Barters"}
    response = app_b_client.post("/items/", headers={"X-Token": "coneofsilence"}, json=body)
    assert response.status_code == 200
    assert response.json() == body
    response = app_b_client.post("/items/", headers={"X-Token": "hailhydra"}, json=body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid X-Token header"}
    stealer = {"id": "foo", "title": "The Foo ID Stealers", "description": "There goes my stealer"}
    response = app_b_client.post("/items/", headers={"X-Token": "coneofsilence"}, json=stealer)
    assert response.status_code == 409
    assert response.json() == {"detail": "Item already exists"}


def test_app_b_create_item_missing_title(app_b_client: TestClient) -> None:
    response = app_b_client.post("/items/", headers={"X-Token": "coneofsilence"}, json={"id": "x"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["body", "title"], "msg": "Field required", "input": {"id": "x"}}]
    }


# --- async tests with httpx.AsyncClient and ASGITransport --------------------------------------------------


async def test_async_client_with_asgi_transport() -> None:
    app = Faster()

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "Tomato"}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as ac:
        response = await ac.get("/")
    assert response.status_code == 200
    assert response.json() == {"message": "Tomato"}


@pytest.mark.anyio
async def test_async_client_under_the_anyio_marker() -> None:
    """FastAPI's async-tests page marks the test with ``@pytest.mark.anyio``; that must work here too."""
    app = Faster()

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "Tomato"}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as ac:
        response = await ac.get("/")
    assert response.status_code == 200
    assert response.json() == {"message": "Tomato"}


async def test_async_client_posts_json() -> None:
    app = Faster()

    @app.post("/items/")
    async def create(item: Item) -> Item:
        return item

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as ac:
        response = await ac.post("/items/", json={"id": "a", "title": "A"})
        bad = await ac.post("/items/", json={"id": "a"})
    assert response.json() == {"id": "a", "title": "A", "description": None}
    assert bad.status_code == 422


# --- testing dependencies with overrides (dependency_testing/tutorial001) ---------------------------------


async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100) -> dict[str, Any]:
    return {"q": q, "skip": skip, "limit": limit}


def _overrides_app() -> Faster:
    app = Faster()

    @app.get("/items/")
    async def read_items(commons: Annotated[dict[str, Any], Depends(common_parameters)]) -> dict[str, Any]:
        return {"message": "Hello Items!", "params": commons}

    @app.get("/users/")
    async def read_users(commons: Annotated[dict[str, Any], Depends(common_parameters)]) -> dict[str, Any]:
        return {"message": "Hello Users!", "params": commons}

    return app


OVERRIDDEN_FOO = {"q": "foo", "skip": 5, "limit": 10}


async def override_dependency(q: str | None = None) -> dict[str, Any]:
    return {"q": q, "skip": 5, "limit": 10}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/items/", {"message": "Hello Items!", "params": {"q": None, "skip": 5, "limit": 10}}),
        ("/items/?q=foo", {"message": "Hello Items!", "params": {"q": "foo", "skip": 5, "limit": 10}}),
        (
            "/items/?q=foo&skip=100&limit=200",
            {"message": "Hello Items!", "params": {"q": "foo", "skip": 5, "limit": 10}},
        ),
        ("/users/", {"message": "Hello Users!", "params": {"q": None, "skip": 5, "limit": 10}}),
        (
            "/users/?q=foo&skip=100&limit=200",
            {"message": "Hello Users!", "params": {"q": "foo", "skip": 5, "limit": 10}},
        ),
    ],
)
def test_dependency_override(path: str, expected: dict[str, Any]) -> None:
    app = _overrides_app()
    app.dependency_overrides[common_parameters] = override_dependency
    response = TestClient(app).get(path)
    assert response.status_code == 200
    assert response.json() == expected


def test_dependency_override_reset() -> None:
    app = _overrides_app()
    client = TestClient(app)
    app.dependency_overrides[common_parameters] = override_dependency
    assert client.get("/items/").json()["params"] == {"q": None, "skip": 5, "limit": 10}
    app.dependency_overrides = {}
    assert client.get("/items/").json()["params"] == {"q": None, "skip": 0, "limit": 100}
    app.dependency_overrides[common_parameters] = override_dependency
    app.dependency_overrides.clear()
    assert client.get("/users/?skip=3").json()["params"] == {"q": None, "skip": 3, "limit": 100}


def test_dependency_override_of_sub_dependency_and_router_dependency() -> None:
    from FasterAPI import APIRouter

    def get_user() -> str:
        return "real"

    def get_greeting(user: Annotated[str, Depends(get_user)]) -> str:
        return f"hello {user}"

    def guard() -> None:
        raise HTTPException(status_code=403, detail="guarded")

    router = APIRouter(dependencies=[Depends(guard)])

    @router.get("/guarded")
    async def guarded() -> str:
        return "in"

    app = Faster()
    app.include_router(router)

    @app.get("/greet")
    async def greet(greeting: Annotated[str, Depends(get_greeting)]) -> str:
        return greeting

    client = TestClient(app)
    assert client.get("/guarded").status_code == 403
    assert client.get("/greet").json() == "hello real"
    app.dependency_overrides[get_user] = lambda: "fake"
    app.dependency_overrides[guard] = lambda: None
    assert client.get("/greet").json() == "hello fake"
    assert client.get("/guarded").json() == "in"


# --- testing events and lifespan (app_testing/tutorial003, events) ---------------------------------------


def test_startup_event_runs_inside_with_block() -> None:
    items: dict[str, dict[str, str]] = {}
    app = Faster()

    @app.on_event("startup")
    async def startup_event() -> None:
        items["foo"] = {"name": "Fighters"}
        items["bar"] = {"name": "Tenders"}

    @app.get("/items/{item_id}")
    async def read_items(item_id: str) -> dict[str, str]:
        return items[item_id]

    with TestClient(app) as client:
        response = client.get("/items/foo")
        assert response.status_code == 200
        assert response.json() == {"name": "Fighters"}


def test_lifespan_runs_inside_with_block() -> None:
    events: list[str] = []
    ml_models: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[None]:
        ml_models["answer_to_everything"] = lambda x: x * 42
        events.append("startup")
        yield
        ml_models.clear()
        events.append("shutdown")

    app = Faster(lifespan=lifespan)

    @app.get("/predict")
    async def predict(x: float) -> dict[str, float]:
        return {"result": ml_models["answer_to_everything"](x)}

    with TestClient(app) as client:
        assert events == ["startup"]
        response = client.get("/predict", params={"x": 2})
        assert response.status_code == 200
        assert response.json() == {"result": 84.0}
    assert events == ["startup", "shutdown"]
    assert ml_models == {}


def test_lifespan_state_reaches_requests() -> None:
    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, Any]]:
        yield {"greeting": "hi"}

    app = Faster(lifespan=lifespan)

    from FasterAPI import Request

    @app.get("/")
    async def root(request: Request) -> dict[str, str]:
        return {"greeting": request.state.greeting}

    with TestClient(app) as client:
        assert client.get("/").json() == {"greeting": "hi"}


def test_on_event_startup_and_shutdown(tmp_path: Any) -> None:
    log = tmp_path / "log.txt"
    app = Faster()
    items: dict[str, dict[str, str]] = {}

    @app.on_event("startup")
    async def startup_event() -> None:
        items["foo"] = {"name": "Fighters"}

    @app.on_event("shutdown")
    def shutdown_event() -> None:
        with log.open(mode="a") as f:
            f.write("Application shutdown")

    @app.get("/items/{item_id}")
    async def read_items(item_id: str) -> dict[str, str]:
        return items[item_id]

    with TestClient(app) as client:
        assert client.get("/items/foo").json() == {"name": "Fighters"}
        assert not log.exists()
    assert log.read_text() == "Application shutdown"


# --- testing websockets (app_testing/tutorial002) ----------------------------------------------------------


def test_websocket_in_test_client() -> None:
    app = Faster()

    @app.get("/")
    async def read_main() -> dict[str, str]:
        return {"msg": "Hello World"}

    @app.websocket("/ws")
    async def websocket_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_json({"msg": "Hello WebSocket"})
        await websocket.close()

    client = TestClient(app)
    assert client.get("/").json() == {"msg": "Hello World"}
    with client.websocket_connect("/ws") as websocket:
        data = websocket.receive_json()
        assert data == {"msg": "Hello WebSocket"}


# --- settings as a dependency with lru_cache (settings/app02) --------------------------------------------


class Settings(msgspec.Struct):
    app_name: str = "Awesome API"
    admin_email: str = "admin@example.com"
    items_per_user: int = 50


@lru_cache
def get_settings() -> Settings:
    return Settings()


def test_settings_dependency_and_override() -> None:
    app = Faster()

    @app.get("/info")
    async def info(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, Any]:
        return {
            "app_name": settings.app_name,
            "admin_email": settings.admin_email,
            "items_per_user": settings.items_per_user,
        }

    client = TestClient(app)
    assert client.get("/info").json() == {
        "app_name": "Awesome API",
        "admin_email": "admin@example.com",
        "items_per_user": 50,
    }
    assert get_settings() is get_settings()

    def get_settings_override() -> Settings:
        return Settings(admin_email="testing_admin@example.com")

    app.dependency_overrides[get_settings] = get_settings_override
    assert client.get("/info").json() == {
        "app_name": "Awesome API",
        "admin_email": "testing_admin@example.com",
        "items_per_user": 50,
    }


# -- beyond the tutorial's own examples: no with block, no startup; a failing startup fails the with block ---------


def test_startup_without_context_manager_is_not_run() -> None:
    events: list[str] = []
    app = Faster()

    @app.on_event("startup")
    def startup_event() -> None:
        events.append("startup")

    @app.get("/")
    def root() -> str:
        return "ok"

    assert TestClient(app).get("/").json() == "ok"
    assert events == []


def test_lifespan_startup_failure_raises_in_test_client() -> None:
    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[None]:
        raise RuntimeError("cannot start")
        yield

    app = Faster(lifespan=lifespan)
    with pytest.raises(Exception, match="cannot start"), TestClient(app):
        pass
