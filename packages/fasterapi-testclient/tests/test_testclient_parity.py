"""What Starlette's TestClient does and ours must do too, on plain ASGI apps (ASGI 2 and 3)."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest

from fasterapi_testclient import AsyncTestClient, TestClient, WebSocketDisconnect

pytestmark = pytest.mark.anyio


# -- ASGI 2 apps -------------------------------------------------------------------------------


class ClassicApp:
    """ASGI 2: built from the scope, then called with receive and send."""

    def __init__(self, scope: Any) -> None:
        self.scope = scope

    async def __call__(self, receive: Any, send: Any) -> None:
        if self.scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if self.scope["type"] == "websocket":
            await receive()
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.send", "text": "asgi2"})
            await send({"type": "websocket.close", "code": 1000})
            return
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": f"asgi2 {self.scope['path']}".encode()})


def classic_function(scope: Any) -> Any:
    async def asgi(receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 201, "headers": []})
        await send({"type": "http.response.body", "body": b"function"})

    return asgi


def test_asgi2_class_and_function_apps_are_wrapped(backend: str) -> None:
    with TestClient(ClassicApp, backend=backend) as client:
        assert client.get("/hello").text == "asgi2 /hello"
        with client.websocket_connect("/ws") as websocket:
            assert websocket.receive_text() == "asgi2"
    with TestClient(classic_function, backend=backend) as client:
        response = client.get("/")
        assert (response.status_code, response.text) == (201, "function")


async def test_async_client_wraps_asgi2_apps() -> None:
    async with AsyncTestClient(ClassicApp) as client:
        assert (await client.get("/x")).text == "asgi2 /x"


def test_asgi3_callables_are_not_mistaken_for_asgi2(backend: str) -> None:
    async def inner(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def returns_an_awaitable(scope: Any, receive: Any, send: Any) -> Any:
        return inner(scope, receive, send)

    class Instance:
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await inner(scope, receive, send)

    for app in (returns_an_awaitable, Instance()):
        assert TestClient(app, backend=backend).get("/").status_code == 204


# -- websocket_connect takes the request keywords ---------------------------------------------


def test_websocket_connect_takes_httpx_request_keywords(raw_app: Any, backend: str) -> None:
    with (
        TestClient(raw_app, backend=backend, cookies={"jar": "1"}) as client,
        client.websocket_connect(
            "/ws/scope",
            subprotocols=["wamp", "chat"],
            params={"token": "a b", "n": 1},
            headers={"X-Trace": "t-1", "User-Agent": "custom-agent"},
            cookies={"session": "abc"},
            auth=("user", "pass"),
        ) as websocket,
    ):
        scope = json.loads(websocket.receive_text())
        assert websocket.accepted_subprotocol == "chat"
    assert scope["query_string"] == "token=a+b&n=1"
    assert scope["subprotocols"] == ["wamp", "chat"]
    headers = dict(scope["headers"])
    assert headers["x-trace"] == "t-1"
    assert headers["user-agent"] == "custom-agent"
    assert headers["authorization"] == httpx.BasicAuth("user", "pass")._auth_header
    assert "session=abc" in headers["cookie"] and "jar=1" in headers["cookie"]
    assert headers["sec-websocket-protocol"] == "wamp, chat"


def test_websocket_handshake_carries_a_real_clients_headers(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/scope") as websocket:
        scope = json.loads(websocket.receive_text())
    headers = dict(scope["headers"])
    assert headers["host"] == "testserver"
    assert headers["user-agent"] == "testclient"
    assert headers["connection"] == "upgrade"
    assert headers["upgrade"] == "websocket"
    assert headers["sec-websocket-version"] == "13"
    assert headers["sec-websocket-key"]
    assert all(name == name.lower() for name in headers)


def test_websocket_connect_uses_the_clients_default_auth(raw_app: Any, backend: str) -> None:
    client = TestClient(raw_app, backend=backend)
    client.auth = ("admin", "secret")
    with client, client.websocket_connect("/ws/scope") as websocket:
        headers = dict(json.loads(websocket.receive_text())["headers"])
    assert headers["authorization"] == httpx.BasicAuth("admin", "secret")._auth_header


async def test_async_websocket_connect_takes_request_keywords(raw_app: Any) -> None:
    async with (
        AsyncTestClient(raw_app) as client,
        client.websocket_connect("/ws/scope", params={"q": "1"}, headers={"x-a": "b"}) as websocket,
    ):
        scope = json.loads(await websocket.receive_text())
    assert scope["query_string"] == "q=1"
    assert dict(scope["headers"])["x-a"] == "b"


# -- the http.response.debug extension ---------------------------------------------------------


async def template_app(scope: Any, receive: Any, send: Any) -> None:
    """Sends what a template response sends when the server offers ``http.response.debug``."""
    if scope["type"] != "http":
        return
    if "http.response.debug" in scope["extensions"]:
        info = {"template": "index.html", "context": {"user": "ada"}}
        await send({"type": "http.response.debug", "info": info})
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"<p>ada</p>"})


def test_debug_extension_exposes_template_and_context(backend: str) -> None:
    with TestClient(template_app, backend=backend) as client:
        response = client.get("/")
    assert response.template == "index.html"  # type: ignore[attr-defined]
    assert response.context == {"user": "ada"}  # type: ignore[attr-defined]
    assert response.text == "<p>ada</p>"


async def test_async_client_exposes_template_and_context() -> None:
    async with AsyncTestClient(template_app) as client:
        response = await client.get("/")
    assert response.template == "index.html"  # type: ignore[attr-defined]
    assert response.context == {"user": "ada"}  # type: ignore[attr-defined]


def test_plain_responses_have_no_template(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        response = client.get("/echo")
    assert not hasattr(response, "template")
    assert not hasattr(response, "context")


# -- receive() after the response -------------------------------------------------------------


def test_receive_after_the_response_is_a_disconnect_at_once(backend: str) -> None:
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})
        with anyio.CancelScope() as already_cancelled:  # how Request.is_disconnected() peeks
            already_cancelled.cancel()
            seen.append(await receive())
        seen.append(await receive())

    with TestClient(app, backend=backend) as client:
        assert client.get("/").text == "done"
    assert seen == [{"type": "http.disconnect"}, {"type": "http.disconnect"}]


# -- WebSocket protocol mistakes and timeouts -------------------------------------------------


def test_second_denial_response_start_is_a_clear_error(backend: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            return
        await receive()
        await send({"type": "websocket.http.response.start", "status": 403, "headers": []})
        await send({"type": "websocket.http.response.start", "status": 404, "headers": []})

    with (
        TestClient(app, backend=backend) as client,
        pytest.raises(RuntimeError, match=r"'websocket.http.response.start' twice"),
        client.websocket_connect("/ws"),
    ):
        pytest.fail("must not be entered")


def test_receive_timeout_is_raised_even_when_the_app_reraises_the_close(backend: str) -> None:
    """The app turns the client's closing into a ``WebSocketDisconnect``; the test still sees its timeout."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            return
        await receive()
        await send({"type": "websocket.accept"})
        message = await receive()
        raise WebSocketDisconnect(message.get("code", 1000))

    with (
        TestClient(app, backend=backend) as client,
        pytest.raises(TimeoutError, match=r"pass timeout=\.\.\.") as info,
        client.websocket_connect("/ws") as websocket,
    ):
        websocket.receive_text(timeout=0.05)
    assert "waiting for a message from the WebSocket app at '/ws'" in str(info.value)


async def test_async_receive_timeout_is_raised_as_timeout_error() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            return
        await receive()
        await send({"type": "websocket.accept"})
        message = await receive()
        raise WebSocketDisconnect(message.get("code", 1000))

    async with AsyncTestClient(app) as client:
        with pytest.raises(TimeoutError, match="ws_timeout"):
            async with client.websocket_connect("/ws") as websocket:
                await websocket.receive_json(timeout=0.05)


# -- the http.response.trailers extension ------------------------------------------------------


def trailers_app(announce: bool = True) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        assert "http.response.trailers" in scope["extensions"]
        await send({"type": "http.response.start", "status": 200, "headers": [], "trailers": announce})
        await send({"type": "http.response.body", "body": b"part,", "more_body": True})
        await send({"type": "http.response.body", "body": b"end"})
        await send({"type": "http.response.trailers", "headers": [(b"x-checksum", b"abc")], "more_trailers": True})
        await send({"type": "http.response.trailers", "headers": [(b"x-count", b"2")]})

    return app


def test_trailers_are_collected_in_the_response_extensions(backend: str) -> None:
    with TestClient(trailers_app(), backend=backend) as client:
        response = client.get("/")
    assert response.text == "part,end"
    assert response.extensions["http.response.trailers"] == [(b"x-checksum", b"abc"), (b"x-count", b"2")]


async def test_async_client_collects_trailers() -> None:
    async with AsyncTestClient(trailers_app()) as client:
        response = await client.get("/")
    assert response.extensions["http.response.trailers"] == [(b"x-checksum", b"abc"), (b"x-count", b"2")]


def test_trailers_without_announcing_them_are_an_error(backend: str) -> None:
    with (
        TestClient(trailers_app(announce=False), backend=backend) as client,
        pytest.raises(RuntimeError, match="without announcing them"),
    ):
        client.get("/")


_START = {"type": "http.response.start", "status": 200, "headers": []}
_START_WITH_TRAILERS = {**_START, "trailers": True}
_LAST_BODY = {"type": "http.response.body", "body": b""}
_TRAILERS = {"type": "http.response.trailers", "headers": []}


@pytest.mark.parametrize(
    "messages",
    [
        pytest.param([_START, _START], id="start-twice"),
        pytest.param([{"type": "http.response.body", "body": b"x"}], id="body-before-start"),
        pytest.param([_START, _LAST_BODY, _LAST_BODY], id="body-after-complete"),
        pytest.param([_START, _LAST_BODY, _TRAILERS], id="trailers-not-announced"),
        pytest.param([_START_WITH_TRAILERS, _TRAILERS], id="trailers-before-body"),
        pytest.param([_START_WITH_TRAILERS, _LAST_BODY, _TRAILERS, _TRAILERS], id="trailers-after-last"),
    ],
)
def test_http_messages_out_of_order_are_assertion_errors_too(backend: str, messages: list[dict[str, Any]]) -> None:
    # Starlette's client fails such apps with an AssertionError; ours names the mistake and is both.
    async def app(scope: Any, receive: Any, send: Any) -> None:
        for message in messages:
            await send(message)

    client = TestClient(app, backend=backend)
    with pytest.raises(AssertionError) as caught:
        client.get("/")
    client.close()
    assert isinstance(caught.value, RuntimeError)


def test_debug_info_is_also_in_the_response_extensions(backend: str) -> None:
    with TestClient(template_app, backend=backend) as client:
        response = client.get("/")
    assert response.extensions["http.response.debug"] == {"template": "index.html", "context": {"user": "ada"}}
