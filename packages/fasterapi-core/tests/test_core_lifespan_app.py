"""Lifespan: hooks, ``lifespan=`` with state, failures, mounted apps; ``app.state``."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

from fasterapi_core import Faster, Request

# These tests use @app.on_event on purpose (FastAPI's deprecated form, still supported).
pytestmark = pytest.mark.filterwarnings("ignore:on_event is deprecated:DeprecationWarning")


class LifespanDriver:
    """Speaks the server side of the lifespan protocol, with timeouts on every wait."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.state: dict[str, Any] = {}
        self.sent: list[dict[str, Any]] = []
        self._to_app, self._app_receive = anyio.create_memory_object_stream[dict[str, Any]](4)
        self._error: BaseException | None = None

    async def _run(self) -> None:
        async def send(message: dict[str, Any]) -> None:
            self.sent.append(message)

        try:
            await self.app(
                {"type": "lifespan", "state": self.state, "asgi": {"version": "3.0"}}, self._app_receive.receive, send
            )
        except BaseException as exc:  # the app re-raises after reporting a failure
            self._error = exc

    async def _wait_for(self, count: int) -> dict[str, Any]:
        with anyio.fail_after(5):
            while len(self.sent) < count:
                await anyio.sleep(0.001)
        return self.sent[count - 1]

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[LifespanDriver]:
        async with anyio.create_task_group() as group:
            group.start_soon(self._run)
            await self._to_app.send({"type": "lifespan.startup"})
            await self._wait_for(1)
            try:
                yield self
            finally:
                if self.sent[0]["type"] == "lifespan.startup.complete":
                    await self._to_app.send({"type": "lifespan.shutdown"})
                    await self._wait_for(2)
                self._to_app.close()
                self._app_receive.close()


async def test_all_hook_forms_and_order() -> None:
    events: list[str] = []

    async def ctor_start() -> None:
        events.append("ctor-start")

    @contextlib.asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, Any]]:
        events.append("lifespan-enter")
        yield {"db": "connection"}
        events.append("lifespan-exit")

    app = Faster(lifespan=lifespan, on_startup=[ctor_start], on_shutdown=[lambda: events.append("ctor-stop")])

    @app.on_startup
    def bare_start() -> None:
        events.append(f"bare-start in thread {threading.current_thread() is not threading.main_thread()}")

    @app.on_event("startup")
    async def event_start() -> None:
        events.append("event-start")

    @app.on_shutdown
    async def bare_stop() -> None:
        events.append("bare-stop")

    app.add_event_handler("shutdown", lambda: events.append("handler-stop"))

    driver = LifespanDriver(app)
    async with driver.running():
        assert driver.sent[0]["type"] == "lifespan.startup.complete"
        assert driver.state == {"db": "connection"}
    assert [m["type"] for m in driver.sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert events == [
        "lifespan-enter",
        "ctor-start",
        "bare-start in thread True",
        "event-start",
        "ctor-stop",
        "bare-stop",
        "handler-stop",
        "lifespan-exit",
    ]


def test_unknown_event_name_is_refused() -> None:
    with pytest.raises(ValueError, match="startup"):
        Faster().on_event("boot")


async def test_startup_failure_is_reported_with_its_message() -> None:
    app = Faster()

    @app.on_startup
    async def broken() -> None:
        raise RuntimeError("database unreachable")

    driver = LifespanDriver(app)
    async with driver.running():
        pass
    assert driver.sent[0]["type"] == "lifespan.startup.failed"
    assert "database unreachable" in driver.sent[0]["message"]


async def test_lifespan_startup_failure_is_reported() -> None:
    @contextlib.asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[None]:
        raise ValueError("bad config")
        yield

    driver = LifespanDriver(Faster(lifespan=lifespan))
    async with driver.running():
        pass
    assert driver.sent[0]["type"] == "lifespan.startup.failed"
    assert "bad config" in driver.sent[0]["message"]


async def test_shutdown_failure_is_reported() -> None:
    app = Faster()

    @app.on_shutdown
    def broken() -> None:
        raise OSError("flush failed")

    driver = LifespanDriver(app)
    async with driver.running():
        pass
    assert driver.sent[1]["type"] == "lifespan.shutdown.failed"
    assert "flush failed" in driver.sent[1]["message"]


async def test_plain_async_generator_lifespan_and_no_parameter_factory() -> None:
    events: list[str] = []

    async def gen_lifespan(app: Faster) -> AsyncIterator[None]:
        events.append("up")
        yield
        events.append("down")

    @contextlib.asynccontextmanager
    async def no_param() -> AsyncIterator[None]:
        events.append("no-param up")
        yield

    for app in (Faster(lifespan=gen_lifespan), Faster(lifespan=no_param)):
        async with LifespanDriver(app).running():
            pass
    assert events == ["up", "down", "no-param up"]


async def test_lifespan_state_is_seen_per_request_as_a_copy() -> None:
    @contextlib.asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[dict[str, Any]]:
        yield {"counter": 0, "shared": []}

    app = Faster(lifespan=lifespan)

    @app.get("/")
    async def index(request: Request) -> dict[str, Any]:
        request.state.counter += 1  # rebinding stays in this request's copy
        request.state.shared.append(1)  # the shared object itself is the same
        return {"counter": request.state.counter, "shared": len(request.state.shared)}

    driver = LifespanDriver(app)
    async with driver.running():

        async def with_state(scope: dict[str, Any], receive: Any, send: Any) -> None:
            scope["state"] = driver.state  # a server that does not copy by itself
            await app(scope, receive, send)

        transport = httpx.ASGITransport(app=with_state)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            assert (await c.get("/")).json() == {"counter": 1, "shared": 1}
            assert (await c.get("/")).json() == {"counter": 1, "shared": 2}


def test_app_state_attributes() -> None:
    app = Faster()
    app.state.pool = "p"
    assert app.state.pool == "p"
    with pytest.raises(AttributeError):
        _ = app.state.missing


async def test_mounted_apps_get_their_own_lifespan() -> None:
    events: list[str] = []
    parent = Faster()
    child = Faster()

    @parent.on_startup
    async def parent_up() -> None:
        events.append("parent up")

    @parent.on_shutdown
    async def parent_down() -> None:
        events.append("parent down")

    @child.on_startup
    async def child_up() -> None:
        events.append("child up")

    @child.on_shutdown
    async def child_down() -> None:
        events.append("child down")

    async def no_lifespan_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http", "this app only speaks HTTP"

    parent.mount("/child", child)
    parent.mount("/plain", no_lifespan_app)
    driver = LifespanDriver(parent)
    async with driver.running():
        assert events == ["parent up", "child up"]
    assert events == ["parent up", "child up", "child down", "parent down"]
    assert [m["type"] for m in driver.sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


async def test_mounted_app_startup_failure_fails_the_parent() -> None:
    parent = Faster()
    child = Faster()

    @child.on_startup
    async def broken() -> None:
        raise RuntimeError("child cannot start")

    parent.mount("/child", child)
    driver = LifespanDriver(parent)
    async with driver.running():
        pass
    assert driver.sent[0]["type"] == "lifespan.startup.failed"
    assert "child cannot start" in driver.sent[0]["message"]


def test_faster_api_web_handler_list_names() -> None:
    app = Faster()

    @app.on_startup
    def start() -> None: ...

    @app.on_shutdown
    def stop() -> None: ...

    assert app.startup_handlers == [start]
    assert app.shutdown_handlers == [stop]
