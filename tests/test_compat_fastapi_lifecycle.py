"""FastAPI parity: lifespan and events, background tasks, app.state, TestClient semantics
(docs: advanced/events, tutorial/background-tasks, advanced/testing-events, tutorial/testing,
advanced/async-tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
import pytest

from FasterAPI import BackgroundTasks, Depends, Faster, Request
from FasterAPI.responses import JSONResponse
from FasterAPI.testclient import TestClient

# These tests use @app.on_event on purpose (FastAPI's deprecated form, still supported).
pytestmark = pytest.mark.filterwarnings("ignore:on_event is deprecated:DeprecationWarning")


def test_lifespan_context_manager() -> None:
    events: list[str] = []
    ml_models: dict[str, object] = {}

    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[None]:
        ml_models["answer"] = 42
        events.append("startup")
        yield
        ml_models.clear()
        events.append("shutdown")

    app = Faster(lifespan=lifespan)

    @app.get("/predict")
    async def predict() -> dict[str, object]:
        return {"result": ml_models["answer"]}

    with TestClient(app) as client:
        assert events == ["startup"]
        assert client.get("/predict").json() == {"result": 42}
    assert events == ["startup", "shutdown"]
    assert ml_models == {}


def test_lifespan_state_reaches_request_state() -> None:
    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, object]]:
        yield {"db": "connection"}

    app = Faster(lifespan=lifespan)

    @app.get("/")
    async def root(request: Request) -> dict[str, object]:
        return {"db": request.state.db}

    with TestClient(app) as client:
        assert client.get("/").json() == {"db": "connection"}


def test_on_event_startup_and_shutdown() -> None:
    events: list[str] = []
    app = Faster()

    @app.on_event("startup")
    async def startup_event() -> None:
        events.append("startup")

    @app.on_event("shutdown")
    def shutdown_event() -> None:
        events.append("shutdown")

    @app.get("/")
    async def root() -> list[str]:
        return events

    with TestClient(app) as client:
        assert client.get("/").json() == ["startup"]
    assert events == ["startup", "shutdown"]


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


def test_app_state() -> None:
    app = Faster()
    app.state.counter = 5

    @app.get("/")
    async def root(request: Request) -> dict[str, int]:
        return {"counter": request.app.state.counter}

    assert TestClient(app).get("/").json() == {"counter": 5}


def test_background_tasks_run_after_response() -> None:
    log: list[str] = []
    app = Faster()

    def write_notification(email: str, message: str = "") -> None:
        log.append(f"notification for {email}: {message}")

    @app.post("/send-notification/{email}")
    async def send_notification(email: str, background_tasks: BackgroundTasks) -> dict[str, str]:
        background_tasks.add_task(write_notification, email, message="some notification")
        return {"message": "Notification sent in the background"}

    r = TestClient(app).post("/send-notification/foo@example.com")
    assert r.json() == {"message": "Notification sent in the background"}
    assert log == ["notification for foo@example.com: some notification"]


def test_background_tasks_from_dependency_share_instance() -> None:
    log: list[str] = []
    app = Faster()

    async def write_log(message: str) -> None:
        log.append(message)

    def get_query(background_tasks: BackgroundTasks, q: str | None = None) -> str | None:
        if q:
            background_tasks.add_task(write_log, f"found query: {q}")
        return q

    @app.post("/send-notification/{email}")
    async def send_notification(
        email: str, background_tasks: BackgroundTasks, q: Annotated[str | None, Depends(get_query)]
    ) -> dict[str, str]:
        background_tasks.add_task(write_log, f"message to {email}")
        return {"message": "Message sent"}

    TestClient(app).post("/send-notification/a@b.c?q=x")
    assert log == ["found query: x", "message to a@b.c"]


def test_background_task_on_response_object() -> None:
    from FasterAPI import BackgroundTask

    log: list[str] = []
    app = Faster()

    @app.get("/")
    async def root() -> JSONResponse:
        return JSONResponse({"ok": True}, background=BackgroundTask(log.append, "done"))

    assert TestClient(app).get("/").json() == {"ok": True}
    assert log == ["done"]


def test_test_client_basic() -> None:
    app = Faster()

    @app.get("/")
    async def read_main() -> dict[str, str]:
        return {"msg": "Hello World"}

    client = TestClient(app)
    response = client.get("/")
    assert response.status_code == 200
    assert response.json() == {"msg": "Hello World"}


def test_test_client_request_kwargs() -> None:
    app = Faster()

    @app.post("/items/")
    async def create(request: Request) -> dict[str, object]:
        return {"token": request.headers.get("x-token"), "json": await request.json()}

    r = TestClient(app).post("/items/", headers={"X-Token": "coneofsilence"}, json={"id": "foobar"})
    assert r.json() == {"token": "coneofsilence", "json": {"id": "foobar"}}


async def test_async_client_with_asgi_transport() -> None:
    app = Faster()

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "Tomato"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=5) as ac:
        response = await ac.get("/")
    assert response.status_code == 200
    assert response.json() == {"message": "Tomato"}


def test_lifespan_startup_failure_raises_in_test_client() -> None:
    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[None]:
        raise RuntimeError("cannot start")
        yield

    app = Faster(lifespan=lifespan)
    with pytest.raises(Exception, match="cannot start"), TestClient(app):
        pass
