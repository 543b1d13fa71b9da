"""FastAPI parity: middleware (docs: tutorial/middleware, tutorial/cors, advanced/middleware)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from FasterAPI import Faster, Request, Response
from FasterAPI.middleware import Middleware
from FasterAPI.middleware.cors import CORSMiddleware
from FasterAPI.middleware.gzip import GZipMiddleware
from FasterAPI.middleware.httpsredirect import HTTPSRedirectMiddleware
from FasterAPI.middleware.trustedhost import TrustedHostMiddleware
from FasterAPI.testclient import TestClient

CallNext = Callable[[Request], Awaitable[Response]]


def test_http_middleware_decorator_adds_header() -> None:
    app = Faster()

    @app.middleware("http")
    async def add_process_time_header(request: Request, call_next: CallNext) -> Response:
        start_time = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Process-Time"] = str(time.perf_counter() - start_time)
        return response

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "Hello World"}

    r = TestClient(app).get("/")
    assert r.json() == {"message": "Hello World"}
    assert float(r.headers["x-process-time"]) >= 0


def test_http_middleware_order_last_added_is_outermost() -> None:
    events: list[str] = []
    app = Faster()

    @app.middleware("http")
    async def first(request: Request, call_next: CallNext) -> Response:
        events.append("first-in")
        response = await call_next(request)
        events.append("first-out")
        return response

    @app.middleware("http")
    async def second(request: Request, call_next: CallNext) -> Response:
        events.append("second-in")
        response = await call_next(request)
        events.append("second-out")
        return response

    @app.get("/")
    async def root() -> str:
        events.append("handler")
        return "ok"

    TestClient(app).get("/")
    assert events == ["second-in", "first-in", "handler", "first-out", "second-out"]


def test_http_middleware_can_short_circuit() -> None:
    app = Faster()

    @app.middleware("http")
    async def block(request: Request, call_next: CallNext) -> Response:
        if request.headers.get("x-block"):
            return Response("blocked", status_code=403)
        return await call_next(request)

    @app.get("/")
    async def root() -> str:
        return "ok"

    c = TestClient(app)
    assert c.get("/").json() == "ok"
    r = c.get("/", headers={"X-Block": "1"})
    assert r.status_code == 403
    assert r.text == "blocked"


def test_http_middleware_sees_404() -> None:
    statuses: list[int] = []
    app = Faster()

    @app.middleware("http")
    async def record(request: Request, call_next: CallNext) -> Response:
        response = await call_next(request)
        statuses.append(response.status_code)
        return response

    TestClient(app).get("/missing")
    assert statuses == [404]


def make_cors_app(**kwargs: object) -> Faster:
    app = Faster()
    app.add_middleware(CORSMiddleware, **kwargs)

    @app.get("/")
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    return app


def test_cors_simple_request_with_allowed_origin() -> None:
    app = make_cors_app(
        allow_origins=["http://localhost:8080"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"]
    )
    c = TestClient(app)
    r = c.get("/", headers={"Origin": "http://localhost:8080"})
    assert r.headers["access-control-allow-origin"] == "http://localhost:8080"
    assert r.headers["access-control-allow-credentials"] == "true"
    other = c.get("/", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_preflight() -> None:
    app = make_cors_app(allow_origins=["http://localhost:8080"], allow_methods=["*"], allow_headers=["*"])
    r = TestClient(app).options(
        "/",
        headers={
            "Origin": "http://localhost:8080",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-Example",
        },
    )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "http://localhost:8080"
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "x-example" in r.headers["access-control-allow-headers"].lower()


def test_cors_preflight_disallowed_origin_is_400() -> None:
    app = make_cors_app(allow_origins=["http://localhost:8080"], allow_methods=["*"])
    r = TestClient(app).options("/", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"})
    assert r.status_code == 400


def test_cors_wildcard_origin() -> None:
    r = TestClient(make_cors_app(allow_origins=["*"])).get("/", headers={"Origin": "http://a.example"})
    assert r.headers["access-control-allow-origin"] == "*"


def test_gzip_middleware() -> None:
    app = Faster()
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)

    @app.get("/big")
    async def big() -> str:
        return "x" * 5000

    @app.get("/small")
    async def small() -> str:
        return "x"

    c = TestClient(app)
    r = c.get("/big", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.json() == "x" * 5000
    s = c.get("/small", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in s.headers
    plain = c.get("/big", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers


def test_trusted_host_middleware_with_wildcard_subdomain() -> None:
    app = Faster()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com", "*.example.com"])

    @app.get("/")
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    c = TestClient(app, base_url="http://example.com")
    assert c.get("/").status_code == 200
    assert c.get("/", headers={"Host": "api.example.com"}).status_code == 200
    bad = c.get("/", headers={"Host": "evil.com"})
    assert bad.status_code == 400
    assert bad.text == "Invalid host header"


def test_https_redirect_middleware() -> None:
    app = Faster()
    app.add_middleware(HTTPSRedirectMiddleware)

    @app.get("/")
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    r = TestClient(app).get("/?a=1", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == "https://testserver/?a=1"


def test_middleware_constructor_kwarg() -> None:
    app = Faster(middleware=[Middleware(CORSMiddleware, allow_origins=["*"])])

    @app.get("/")
    async def main() -> str:
        return "ok"

    assert TestClient(app).get("/", headers={"Origin": "http://x"}).headers["access-control-allow-origin"] == "*"
