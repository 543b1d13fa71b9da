"""CORS, GZip, TrustedHost and HTTPSRedirect middleware."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from fasterapi_core import (
    EventSourceResponse,
    Faster,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from fasterapi_core.middleware import (
    CORSMiddleware,
    GZipMiddleware,
    HTTPSRedirectMiddleware,
    TrustedHostMiddleware,
)


def client(app: Any, base_url: str = "http://test") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, follow_redirects=False)


def cors_app(**options: Any) -> Faster:
    app = Faster()
    app.add_middleware(CORSMiddleware, **options)

    @app.get("/data")
    async def data() -> dict[str, int]:
        return {"a": 1}

    @app.post("/data")
    async def post_data() -> dict[str, int]:
        return {"b": 2}

    return app


PREFLIGHT = {"origin": "https://ok.example", "access-control-request-method": "POST"}


async def test_cors_simple_request_with_listed_origin() -> None:
    app = cors_app(allow_origins=["https://ok.example"], expose_headers=["X-Total"])
    async with client(app) as c:
        r = await c.get("/data", headers={"origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"
        assert r.headers["vary"] == "Origin"
        assert r.headers["access-control-expose-headers"] == "X-Total"
        r = await c.get("/data", headers={"origin": "https://evil.example"})
        assert r.status_code == 200
        assert "access-control-allow-origin" not in r.headers
        r = await c.get("/data")
        assert "access-control-allow-origin" not in r.headers


async def test_cors_wildcard_without_credentials_and_echo_with_credentials() -> None:
    async with client(cors_app(allow_origins=["*"])) as c:
        r = await c.get("/data", headers={"origin": "https://any.example"})
        assert r.headers["access-control-allow-origin"] == "*"
    async with client(cors_app(allow_origins=["*"], allow_credentials=True)) as c:
        r = await c.get("/data", headers={"origin": "https://any.example"})
        assert r.headers["access-control-allow-origin"] == "https://any.example"
        assert r.headers["access-control-allow-credentials"] == "true"
        r = await c.options("/data", headers={"origin": "https://any.example", "access-control-request-method": "GET"})
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "https://any.example"


async def test_cors_preflight_allowed_and_refused() -> None:
    app = cors_app(allow_origins=["https://ok.example"], allow_methods=["GET", "POST"], allow_headers=["X-Token"])
    async with client(app) as c:
        r = await c.options("/data", headers={**PREFLIGHT, "access-control-request-headers": "x-token, content-type"})
        assert (r.status_code, r.text) == (200, "OK")
        assert r.headers["access-control-allow-origin"] == "https://ok.example"
        assert r.headers["access-control-allow-methods"] == "GET, POST"
        assert "x-token" in r.headers["access-control-allow-headers"]
        assert r.headers["access-control-max-age"] == "600"
        r = await c.options("/data", headers={**PREFLIGHT, "origin": "https://evil.example"})
        assert r.status_code == 400
        assert "origin" in r.text
        assert "access-control-allow-origin" not in r.headers
        r = await c.options("/data", headers={**PREFLIGHT, "access-control-request-method": "DELETE"})
        assert (r.status_code, r.text) == (400, "Disallowed CORS method")
        r = await c.options("/data", headers={**PREFLIGHT, "access-control-request-headers": "x-other"})
        assert (r.status_code, r.text) == (400, "Disallowed CORS headers")


async def test_cors_origin_regex_and_allow_all_headers() -> None:
    app = cors_app(allow_origin_regex=r"https://.*\.example\.org", allow_methods=["*"], allow_headers=["*"])
    async with client(app) as c:
        r = await c.options(
            "/data",
            headers={
                "origin": "https://app.example.org",
                "access-control-request-method": "PATCH",
                "access-control-request-headers": "x-anything",
            },
        )
        assert r.status_code == 200
        assert r.headers["access-control-allow-headers"] == "x-anything"
        r = await c.get("/data", headers={"origin": "https://example.org.evil.com"})
        assert "access-control-allow-origin" not in r.headers


async def test_cors_defaults_allow_nothing() -> None:
    async with client(cors_app()) as c:
        r = await c.options("/data", headers=PREFLIGHT)
        assert r.status_code == 400


def gzip_app(**options: Any) -> Faster:
    app = Faster()
    app.add_middleware(GZipMiddleware, **options)

    @app.get("/big")
    async def big() -> PlainTextResponse:
        return PlainTextResponse("x" * 5000)

    @app.get("/small")
    async def small() -> PlainTextResponse:
        return PlainTextResponse("tiny")

    @app.get("/encoded")
    async def encoded() -> Response:
        return Response(gzip.compress(b"y" * 5000), headers={"Content-Encoding": "gzip"})

    async def parts() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"z" * 1000

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        return StreamingResponse(parts(), media_type="text/plain")

    async def events() -> AsyncIterator[str]:
        yield "e" * 2000

    @app.get("/sse")
    async def sse() -> EventSourceResponse:
        return EventSourceResponse(events())

    return app


async def test_gzip_compresses_large_bodies_only() -> None:
    async with client(gzip_app()) as c:
        r = await c.get("/big", headers={"accept-encoding": "gzip"})
        assert r.headers["content-encoding"] == "gzip"
        assert r.headers["vary"] == "Accept-Encoding"
        assert r.text == "x" * 5000  # httpx decompresses
        assert int(r.headers["content-length"]) < 5000
        r = await c.get("/small", headers={"accept-encoding": "gzip"})
        assert "content-encoding" not in r.headers
        r = await c.get("/big", headers={"accept-encoding": "identity"})
        assert "content-encoding" not in r.headers
        assert r.text == "x" * 5000


async def test_gzip_skips_encoded_and_event_streams() -> None:
    async with client(gzip_app()) as c:
        r = await c.get("/encoded", headers={"accept-encoding": "gzip"})
        assert r.content == b"y" * 5000  # compressed once, decoded once
        r = await c.get("/sse", headers={"accept-encoding": "gzip"})
        assert "content-encoding" not in r.headers
        assert r.text == "data: " + "e" * 2000 + "\n\n"


async def test_gzip_streams_chunk_by_chunk() -> None:
    sent: list[dict[str, Any]] = []
    app = gzip_app(compresslevel=6)
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/stream",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"accept-encoding", b"gzip, br")],
    }
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b""}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def never_disconnect() -> dict[str, Any]:
        if not requested:
            return await receive()
        import anyio

        await anyio.sleep(10)
        return {"type": "http.disconnect"}

    import anyio

    with anyio.fail_after(5):
        await app(scope, never_disconnect, send)
    start = sent[0]
    headers = dict(start["headers"])
    assert headers[b"content-encoding"] == b"gzip"
    assert b"content-length" not in headers
    bodies = [m for m in sent[1:] if m["type"] == "http.response.body"]
    assert len(bodies) == 11  # one compressed piece per chunk, then the end
    assert all(m.get("more_body") for m in bodies[:-1])
    assert all(m["body"] for m in bodies[:10])  # each chunk was flushed, not held back
    data = b"".join(m["body"] for m in bodies)
    assert zlib.decompress(data, 31) == b"z" * 10_000


def host_app(**options: Any) -> Faster:
    app = Faster()
    app.add_middleware(TrustedHostMiddleware, **options)

    @app.get("/")
    async def index() -> str:
        return "hi"

    return app


async def test_trusted_host_exact_wildcard_and_refusal() -> None:
    app = host_app(allowed_hosts=["example.com", "*.example.org"])
    async with client(app, "http://example.com") as c:
        assert (await c.get("/")).status_code == 200
        assert (await c.get("/", headers={"host": "example.com:8000"})).status_code == 200
        assert (await c.get("/", headers={"host": "api.example.org"})).status_code == 200
        r = await c.get("/", headers={"host": "example.org"})
        assert (r.status_code, r.text) == (400, "Invalid host header")
        assert (await c.get("/", headers={"host": "evil.com"})).status_code == 400


async def test_trusted_host_www_redirect() -> None:
    app = host_app(allowed_hosts=["www.example.com"])
    async with client(app, "http://example.com") as c:
        r = await c.get("/path?q=1")
        assert r.status_code == 301
        assert r.headers["location"] == "http://www.example.com/path?q=1"


def test_trusted_host_rejects_inner_wildcards() -> None:
    with pytest.raises(ValueError, match="wildcard"):
        TrustedHostMiddleware(lambda *a: None, allowed_hosts=["api.*.com"])


async def test_trusted_host_refuses_websockets_too() -> None:
    app = host_app(allowed_hosts=["example.com"])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": "/", "root_path": "", "query_string": b"", "headers": [(b"host", b"x")]}
    await app(scope, receive, send)
    assert sent[0]["type"] == "websocket.close"
    scope["extensions"] = {"websocket.http.response": {}}
    sent.clear()
    await app(scope, receive, send)
    assert sent[0] == {
        "type": "websocket.http.response.start",
        "status": 400,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"19")],
    }


async def test_https_redirect_for_http_and_websocket() -> None:
    app = Faster()
    app.add_middleware(HTTPSRedirectMiddleware)

    @app.post("/submit")
    async def submit() -> str:
        return "ok"

    async with client(app, "http://example.com") as c:
        r = await c.post("/submit?x=1")
        assert r.status_code == 307
        assert r.headers["location"] == "https://example.com/submit?x=1"
        r = await c.get("/", headers={"host": "example.com:8080"})
        assert r.headers["location"] == "https://example.com:8080/"
    async with client(app, "https://example.com") as c:
        assert (await c.post("/submit")).text == '"ok"'

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    scope = {
        "type": "websocket",
        "scheme": "ws",
        "path": "/ws",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"example.com")],
        "extensions": {"websocket.http.response": {}},
    }
    await app(scope, receive, send)
    assert sent[0]["status"] == 307
    assert dict(sent[0]["headers"])[b"location"] == b"wss://example.com/ws"


async def test_gzip_leaves_empty_bodies_alone() -> None:
    app = Faster()
    app.add_middleware(GZipMiddleware, minimum_size=0)

    @app.get("/empty", status_code=204)
    async def empty() -> Response:
        return Response(status_code=204)

    async with client(app) as c:
        r = await c.get("/empty", headers={"accept-encoding": "gzip"})
    assert r.status_code == 204
    assert "content-encoding" not in r.headers
