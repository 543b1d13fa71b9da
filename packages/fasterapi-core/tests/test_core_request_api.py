"""The ``Request`` object: lazy URL, headers, query, cookies, client, state and body readers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fasterapi_core import Body, Depends, Faster, HTTPException, Request
from fasterapi_core.requests import ClientDisconnect


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def make_scope(**overrides: Any) -> dict[str, Any]:
    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "scheme": "https",
        "path": "/a/b",
        "root_path": "",
        "query_string": b"x=1&x=2&y=&z=%20sp+ace",
        "headers": [
            (b"host", b"example.com:8443"),
            (b"x-multi", b"one"),
            (b"X-Multi", b"two"),
            (b"cookie", b'session=abc; theme="dark"'),
        ],
        "client": ("10.0.0.1", 5555),
        "server": ("example.com", 8443),
    }
    scope.update(overrides)
    return scope


def test_url_parts_and_replace() -> None:
    request = Request(make_scope())
    url = request.url
    assert url.scheme == "https"
    assert url.hostname == "example.com"
    assert url.port == 8443
    assert url.path == "/a/b"
    assert url.query == "x=1&x=2&y=&z=%20sp+ace"
    assert str(url.replace(path="/c", query="")) == "https://example.com:8443/c"
    assert str(url.replace(port=9000).netloc) == "example.com:9000"
    assert str(request.base_url) == "https://example.com:8443/"
    assert request.url is url  # parsed at most once


def test_url_without_host_header_uses_server() -> None:
    request = Request(make_scope(headers=[], scheme="http", server=("127.0.0.1", 80), query_string=b""))
    assert str(request.url) == "http://127.0.0.1/a/b"


def test_headers_are_case_insensitive_and_multi_valued() -> None:
    request = Request(make_scope())
    assert request.headers["x-multi"] == "one"
    assert request.headers["X-MULTI"] == "one"
    assert request.headers.getlist("x-multi") == ["one", "two"]
    assert "Host" in request.headers
    assert request.headers.get("missing", "d") == "d"


def test_query_params_cookies_client_path_params() -> None:
    request = Request(make_scope(path_params={"id": 3}))
    assert request.query_params["x"] == "1"
    assert request.query_params.getlist("x") == ["1", "2"]
    assert request.query_params["y"] == ""
    assert request.query_params["z"] == " sp ace"
    assert request.cookies == {"session": "abc", "theme": "dark"}
    assert request.client is not None
    assert (request.client.host, request.client.port) == ("10.0.0.1", 5555)
    assert request.path_params == {"id": 3}
    assert request.method == "GET"


def test_state_attribute_access_is_stored_in_the_scope() -> None:
    scope = make_scope()
    request = Request(scope)
    request.state.user = "ann"
    assert request.state.user == "ann"
    assert scope["state"] == {"user": "ann"}
    with pytest.raises(AttributeError):
        _ = request.state.nothing


def chunked_receive(*chunks: bytes) -> Any:
    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1} for i, chunk in enumerate(chunks)
    ]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        return {"type": "http.disconnect"}

    return receive


async def test_body_and_json_are_read_once_and_cached() -> None:
    request = Request(make_scope(method="POST"), chunked_receive(b'{"a":', b" [1, 2]}"))
    assert await request.body() == b'{"a": [1, 2]}'
    assert await request.json() == {"a": [1, 2]}
    assert await request.body() == b'{"a": [1, 2]}'


async def test_bad_json_is_a_400() -> None:
    request = Request(make_scope(method="POST"), chunked_receive(b"{nope"))
    with pytest.raises(HTTPException) as info:
        await request.json()
    assert info.value.status_code == 400


async def test_stream_yields_chunks() -> None:
    request = Request(make_scope(method="POST"), chunked_receive(b"ab", b"cd", b""))
    chunks = [chunk async for chunk in request.stream()]
    assert b"".join(chunks) == b"abcd"
    assert chunks[:2] == [b"ab", b"cd"]


async def test_stream_raises_client_disconnect() -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    request = Request(make_scope(method="POST"), receive)
    with pytest.raises(ClientDisconnect):
        await request.body()
    assert await request.is_disconnected()


async def test_is_disconnected_false_while_connected() -> None:
    async def receive() -> dict[str, Any]:
        import anyio

        await anyio.sleep(10)
        return {"type": "http.request", "body": b"", "more_body": False}

    request = Request(make_scope(), receive)
    assert await request.is_disconnected() is False


async def test_request_in_a_handler_url_for_and_app() -> None:
    app = Faster()

    @app.get("/users/{user_id}", name="user_detail")
    async def detail(user_id: int) -> int:
        return user_id

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        return {
            "url_for": str(request.url_for("user_detail", user_id=7)),
            "json": await request.json(),
            "same_app": request.app is app,
            "path": request.url.path,
            "header": request.headers["x-h"],
        }

    async with client_for(app) as client:
        response = await client.post("/echo", json={"k": 1}, headers={"x-h": "v"})
    assert response.json() == {
        "url_for": "http://testserver/users/7",
        "json": {"k": 1},
        "same_app": True,
        "path": "/echo",
        "header": "v",
    }


async def test_form_urlencoded_via_request() -> None:
    app = Faster()

    @app.post("/form")
    async def form(request: Request) -> dict[str, Any]:
        data = await request.form()
        return {"a": data["a"], "b": data.getlist("b") if hasattr(data, "getlist") else data["b"]}

    async with client_for(app) as client:
        response = await client.post(
            "/form", content=b"a=1&b=x&b=y", headers={"content-type": "application/x-www-form-urlencoded"}
        )
    assert response.status_code == 200
    assert response.json()["a"] == "1"


async def test_body_is_shared_between_body_params_request_and_dependencies() -> None:
    import msgspec

    class Payload(msgspec.Struct):
        a: int

    app = Faster()

    async def raw_body(request: Request) -> bytes:
        return await request.body()

    @app.post("/first-dep")
    async def first_dep(raw: bytes = Depends(raw_body), payload: Payload = Body()) -> list[Any]:
        return [raw.decode(), payload.a]

    @app.post("/first-param")
    async def first_param(payload: Payload, request: Request) -> list[Any]:
        return [(await request.body()).decode(), payload.a, await request.json()]

    async with client_for(app) as client:
        one = await client.post("/first-dep", json={"a": 1})
        two = await client.post("/first-param", json={"a": 2})
    assert one.json() == ['{"a":1}', 1]
    assert two.json() == ['{"a":2}', 2, {"a": 2}]


async def test_chunked_body_param() -> None:
    import msgspec

    class Payload(msgspec.Struct):
        a: int

    app = Faster()

    @app.post("/p")
    async def p(payload: Payload) -> int:
        return payload.a

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = make_scope(method="POST", path="/p", query_string=b"", headers=[(b"content-type", b"application/json")])
    await app(scope, chunked_receive(b'{"a"', b":", b"7}"), send)
    assert sent[0]["status"] == 200
    assert sent[1]["body"] == b"7"


def test_base_url_keeps_root_path_and_is_cached() -> None:
    request = Request(make_scope(root_path="/api", path="/api/a/b"))
    assert str(request.base_url) == "https://example.com:8443/api/"
    assert request.base_url is request.base_url


async def test_http_connection_annotation_gets_the_request() -> None:
    from fasterapi_core import HTTPConnection

    app = Faster()

    @app.get("/conn")
    async def conn(connection: HTTPConnection, request: Request) -> list[Any]:
        return [type(connection).__name__, connection is request, connection.url.path]

    async with client_for(app) as client:
        assert (await client.get("/conn")).json() == ["Request", True, "/conn"]
