"""Lifespan handling in TestClient, AsyncTestClient and LifespanManager."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

from fasterapi_testclient import (
    AsyncTestClient,
    LifespanManager,
    LifespanShutdownError,
    LifespanStartupError,
    TestClient,
)

pytestmark = pytest.mark.anyio


def lifespan_app(on_startup: str = "complete", on_shutdown: str = "complete") -> Any:
    """An app whose lifespan behaviour is chosen by the test; HTTP returns the state it sees."""
    seen: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            message = await receive()
            seen.append(message["type"])
            if on_startup == "failed":
                await send({"type": "lifespan.startup.failed", "message": "database unreachable"})
                return
            if on_startup == "raise":
                raise ConnectionError("database unreachable (raised)")
            if on_startup == "return":
                return
            if on_startup == "hang":
                await anyio.sleep_forever()
            scope["state"]["db"] = "connected"
            await send({"type": "lifespan.startup.complete"})
            message = await receive()
            seen.append(message["type"])
            if on_shutdown == "failed":
                await send({"type": "lifespan.shutdown.failed", "message": "could not flush"})
                return
            if on_shutdown == "raise":
                raise OSError("could not flush (raised)")
            await send({"type": "lifespan.shutdown.complete"})
            return
        await receive()
        state = scope.get("state", {})
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": repr(sorted(state.items())).encode()})

    app.seen = seen  # type: ignore[attr-defined]
    return app


def test_startup_runs_before_the_block_and_shutdown_after(backend: str) -> None:
    app = lifespan_app()
    with TestClient(app, backend=backend) as client:
        assert app.seen == ["lifespan.startup"]
        assert client.app_state == {"db": "connected"}
        assert client.get("/").text == "[('db', 'connected')]"
    assert app.seen == ["lifespan.startup", "lifespan.shutdown"]


def test_state_is_copied_per_request(backend: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await receive()
            scope["state"]["counter"] = 0
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        scope["state"]["counter"] += 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(scope["state"]["counter"]).encode()})

    with TestClient(app, backend=backend) as client:
        assert client.get("/").text == "1"
        assert client.get("/").text == "1"
        assert client.app_state == {"counter": 0}


def test_no_lifespan_without_context_manager(backend: str) -> None:
    app = lifespan_app()
    client = TestClient(app, backend=backend)
    assert client.get("/").text == "[]"
    assert app.seen == []
    client.close()


@pytest.mark.parametrize(
    ("mode", "error", "message"),
    [
        ("failed", LifespanStartupError, "database unreachable"),
        ("raise", ConnectionError, r"database unreachable \(raised\)"),
        ("return", LifespanStartupError, "without sending 'lifespan.startup.complete'"),
    ],
)
def test_startup_failure_raises_at_once_with_the_apps_message(
    mode: str, error: type, message: str, backend: str
) -> None:
    with pytest.raises(error, match=message), TestClient(lifespan_app(on_startup=mode), backend=backend):
        pytest.fail("the block must not run when startup fails")


@pytest.mark.parametrize(
    ("mode", "error", "message"),
    [("failed", LifespanShutdownError, "could not flush"), ("raise", OSError, r"could not flush \(raised\)")],
)
def test_shutdown_failure_raises(mode: str, error: type, message: str, backend: str) -> None:
    with pytest.raises(error, match=message), TestClient(lifespan_app(on_shutdown=mode), backend=backend) as client:
        assert client.get("/").status_code == 200


def test_app_returning_on_the_lifespan_scope_is_tolerated(backend: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    with TestClient(app, backend=backend) as client:
        assert client.get("/").status_code == 204
        assert client.app_state == {}


async def http_only(scope: Any, receive: Any, send: Any) -> None:
    assert scope["type"] == "http", "only http is supported"
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def test_app_raising_on_the_lifespan_scope_raises_as_in_starlette(backend: str) -> None:
    with pytest.raises(AssertionError, match="only http is supported"), TestClient(http_only, backend=backend):
        pytest.fail("must not be entered")


def test_app_raising_on_the_lifespan_scope_is_tolerated_without_raising(backend: str) -> None:
    """With ``raise_server_exceptions=False`` the client acts as a server: no lifespan, requests still work."""
    with TestClient(http_only, backend=backend, raise_server_exceptions=False) as client:
        assert client.get("/").status_code == 204


def test_app_that_answers_lifespan_with_http_is_treated_as_unsupported(backend: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["type"].encode()})

    with TestClient(app, backend=backend) as client:
        assert client.get("/").text == "http"


async def test_async_client_lifespan() -> None:
    app = lifespan_app()
    async with AsyncTestClient(app) as client:
        assert app.seen == ["lifespan.startup"]
        assert client.app_state == {"db": "connected"}
        assert (await client.get("/")).text == "[('db', 'connected')]"
    assert app.seen == ["lifespan.startup", "lifespan.shutdown"]


async def test_async_client_startup_failure() -> None:
    with pytest.raises(LifespanStartupError, match="database unreachable"):
        async with AsyncTestClient(lifespan_app(on_startup="failed")):
            pytest.fail("the block must not run when startup fails")


async def test_lifespan_manager_with_plain_httpx() -> None:
    app = lifespan_app()
    async with LifespanManager(app) as manager:
        assert manager.state == {"db": "connected"}
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert (await client.get("/")).text == "[('db', 'connected')]"
    assert app.seen == ["lifespan.startup", "lifespan.shutdown"]


async def test_lifespan_manager_startup_failure_and_timeout() -> None:
    with pytest.raises(ConnectionError, match="database unreachable"):
        async with LifespanManager(lifespan_app(on_startup="raise")):
            pytest.fail("the block must not run when startup fails")
    with pytest.raises(TimeoutError, match=r"lifespan\.startup\.complete"):
        async with LifespanManager(lifespan_app(on_startup="hang"), startup_timeout=0.05):
            pytest.fail("the block must not run when startup hangs")
