"""faster-api-web parity: the documented names and forms of the app, routers, radix router, markers,
lifecycle hooks and exceptions (anchor inventory, sections 1.1, 2.1-2.9, 2.12, 2.15, 2.17-2.19)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import msgspec
import pytest

import FasterAPI
from FasterAPI import (
    BackgroundTask,
    BackgroundTasks,
    Body,
    Cookie,
    Depends,
    Faster,
    FasterRouter,
    Header,
    HTTPException,
    Path,
    Query,
    RadixRouter,
    Request,
    RequestValidationError,
)
from FasterAPI.testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: float


def test_version_string() -> None:
    assert isinstance(FasterAPI.__version__, str)
    assert FasterAPI.__version__


def test_faster_constructor_documented_kwargs() -> None:
    app = Faster(
        title="Shop",
        version="1.2.3",
        description="desc",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url="/redoc",
        openapi_tags=[{"name": "items", "description": "Items"}],
        terms_of_service="https://example.com/tos",
        contact={"name": "me"},
        license_info={"name": "MIT"},
        max_body_size=1024,
        stream_request_body=False,
        stream_multipart=False,
    )
    info = TestClient(app).get("/openapi.json").json()["info"]
    assert info["title"] == "Shop"
    assert info["version"] == "1.2.3"
    assert info["description"] == "desc"
    assert info["termsOfService"] == "https://example.com/tos"
    assert info["contact"] == {"name": "me"}
    assert info["license"] == {"name": "MIT"}


def test_faster_kwargs_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Faster("title")  # type: ignore[misc]


def test_max_body_size_413() -> None:
    app = Faster(max_body_size=10)

    @app.post("/echo")
    async def echo(request: Request) -> int:
        return len(await request.body())

    c = TestClient(app)
    assert c.post("/echo", content=b"x" * 10).json() == 10
    assert c.post("/echo", content=b"x" * 11).status_code == 413


def test_stream_request_body() -> None:
    app = Faster(stream_request_body=True)

    @app.post("/upload")
    async def upload(request: Request) -> int:
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
        return total

    assert TestClient(app).post("/upload", content=b"a" * 5000).json() == 5000


def test_route_decorators_return_the_function() -> None:
    app = Faster()

    async def handler() -> dict[str, str]:
        return {"status": "ok"}

    assert app.get("/health")(handler) is handler


async def test_handlers_can_be_awaited_directly() -> None:
    app = Faster()

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    assert await health() == {"status": "ok"}


def test_all_five_method_decorators() -> None:
    app = Faster()

    @app.get("/r")
    async def g() -> str:
        return "GET"

    @app.post("/r")
    async def p() -> str:
        return "POST"

    @app.put("/r")
    async def u() -> str:
        return "PUT"

    @app.patch("/r")
    async def pa() -> str:
        return "PATCH"

    @app.delete("/r")
    async def d() -> str:
        return "DELETE"

    c = TestClient(app)
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        assert c.request(method, "/r").json() == method


def test_trailing_slash_insensitive_registration() -> None:
    app = Faster()

    @app.get("/users")
    async def users() -> list[str]:
        return ["a"]

    assert TestClient(app).get("/users/").json() == ["a"]


def test_faster_router_prefix_tags_dependencies() -> None:
    calls: list[str] = []

    def audit() -> None:
        calls.append("audit")

    router = FasterRouter(prefix="/users", tags=["users"], dependencies=[Depends(audit)])

    @router.get("/{user_id}")
    async def get_user(user_id: str) -> dict[str, str]:
        return {"id": user_id}

    @router.post("/", status_code=201)
    async def create_user(item: Item) -> Item:
        return item

    app = Faster()
    app.include_router(router)
    c = TestClient(app)
    assert c.get("/users/42").json() == {"id": "42"}
    assert c.post("/users/", json={"name": "a", "price": 1}).status_code == 201
    assert calls == ["audit", "audit"]
    op = c.get("/openapi.json").json()["paths"]["/users/{user_id}"]["get"]
    assert op["tags"] == ["users"]


def test_include_router_prefix_tags_dependencies_and_twice() -> None:
    calls: list[str] = []

    def dep() -> None:
        calls.append("dep")

    router = FasterRouter(tags=["a"])

    @router.get("/ping")
    async def ping() -> str:
        return "pong"

    app = Faster()
    app.include_router(router, prefix="/v1", tags=["v1"], dependencies=[Depends(dep)])
    app.include_router(router, prefix="/v2")
    c = TestClient(app)
    assert c.get("/v1/ping").json() == "pong"
    assert c.get("/v2/ping").json() == "pong"
    assert calls == ["dep"]
    tags = c.get("/openapi.json").json()["paths"]["/v1/ping"]["get"]["tags"]
    assert set(tags) == {"v1", "a"}


def test_radix_router_add_route_and_resolve() -> None:
    router = RadixRouter()

    def get_user() -> None: ...

    def me() -> None: ...

    router.add_route("GET", "/users/{user_id}", get_user, {"name": "user"})
    router.add_route("GET", "/users/me", me)
    handler, params, metadata = router.resolve("GET", "/users/42")
    assert handler is get_user
    assert params == {"user_id": "42"}
    assert metadata == {"name": "user"}
    handler, params, _ = router.resolve("GET", "/users/me")
    assert handler is me
    assert params == {}
    assert router.resolve("GET", "/nothing") is None


def test_radix_router_from_router_module() -> None:
    from FasterAPI.router import FasterRouter as FR, RadixRouter as RR

    assert RR is RadixRouter
    assert FR is FasterRouter


def test_on_startup_on_shutdown_bare_decorators() -> None:
    events: list[str] = []
    app = Faster()

    @app.on_startup
    async def connect() -> None:
        events.append("startup")

    @app.on_shutdown
    def disconnect() -> None:
        events.append("shutdown")

    def second() -> None:
        events.append("startup2")

    app.on_startup(second)
    with TestClient(app):
        assert events == ["startup", "startup2"]
    assert events == ["startup", "startup2", "shutdown"]


def test_lifespan_kwarg_receives_app() -> None:
    seen: list[object] = []

    @asynccontextmanager
    async def lifespan(app: Faster) -> AsyncIterator[None]:
        seen.append(app)
        yield
        seen.append("stop")

    app = Faster(lifespan=lifespan)
    with TestClient(app):
        assert seen == [app]
    assert seen == [app, "stop"]


def test_lifespan_plain_async_generator() -> None:
    seen: list[str] = []

    async def lifespan(app: Faster) -> AsyncIterator[None]:
        seen.append("start")
        yield
        seen.append("stop")

    app = Faster(lifespan=lifespan)
    with TestClient(app):
        assert seen == ["start"]
    assert seen == ["start", "stop"]


def test_markers_documented_forms() -> None:
    app = Faster()

    @app.get("/m/{item_id}")
    async def m(
        item_id: str = Path(description="the id"),
        q: str | None = Query(None, description="search", alias="query"),
        token: str | None = Header(None, alias="X-Token"),
        raw: str | None = Header(None, convert_underscores=False),
        session: str | None = Cookie(None),
    ) -> dict[str, object]:
        return {"item_id": item_id, "q": q, "token": token, "raw": raw, "session": session}

    c = TestClient(app, cookies={"session": "s"})
    r = c.get("/m/1?query=hi", headers={"X-Token": "t", "raw": "r"})
    assert r.json() == {"item_id": "1", "q": "hi", "token": "t", "raw": "r", "session": "s"}


def test_body_marker_any_json_and_embed() -> None:
    app = Faster()

    @app.post("/any")
    async def any_body(payload: dict[str, object] = Body()) -> dict[str, object]:
        return payload

    @app.post("/embed")
    async def embed(item: Item = Body(embed=True)) -> Item:
        return item

    c = TestClient(app)
    assert c.post("/any", json={"a": [1]}).json() == {"a": [1]}
    assert c.post("/embed", json={"item": {"name": "x", "price": 1}}).json() == {"name": "x", "price": 1.0}


def test_struct_body_msgspec_strictness() -> None:
    app = Faster()

    @app.post("/items")
    async def create(item: Item) -> Item:
        return item

    c = TestClient(app)
    assert c.post("/items", json={"name": "a", "price": 3}).json() == {"name": "a", "price": 3.0}
    r = c.post("/items", json={"name": "a", "price": "3"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "price"]


def test_dataclass_body() -> None:
    from dataclasses import dataclass

    @dataclass
    class Point:
        x: int
        y: int

    app = Faster()

    @app.post("/p")
    async def p(point: Point) -> dict[str, int]:
        return {"sum": point.x + point.y}

    assert TestClient(app).post("/p", json={"x": 1, "y": 2}).json() == {"sum": 3}


def test_http_exception_defaults_and_headers() -> None:
    exc = HTTPException(404, "nope", {"X-A": "1"})
    assert (exc.status_code, exc.detail, exc.headers) == (404, "nope", {"X-A": "1"})
    assert HTTPException().status_code == 500


def test_request_validation_error_errors_list() -> None:
    errors = [{"loc": ["body"], "msg": "bad", "type": "value_error"}]
    exc = RequestValidationError(errors)
    assert exc.errors == errors  # faster-api-web: a list attribute
    assert exc.errors() == [{"loc": ("body",), "msg": "bad", "type": "value_error"}]  # FastAPI: tuple locs


def test_add_exception_handler_sync_handler_returning_dict() -> None:
    class Boom(Exception):
        pass

    app = Faster()

    def handler(request: Request, exc: Boom) -> object:
        from FasterAPI.responses import JSONResponse

        return JSONResponse({"handled": True}, status_code=409)

    app.add_exception_handler(Boom, handler)

    @app.get("/b")
    async def b() -> None:
        raise Boom

    r = TestClient(app).get("/b")
    assert r.status_code == 409
    assert r.json() == {"handled": True}


def test_exception_handler_for_base_class_catches_subclass_http_exception() -> None:
    class MyHTTP(HTTPException):
        pass

    app = Faster()
    seen: list[str] = []

    async def handler(request: Request, exc: HTTPException) -> object:
        from FasterAPI.responses import JSONResponse

        seen.append(type(exc).__name__)
        return JSONResponse({"d": exc.detail}, status_code=exc.status_code)

    app.add_exception_handler(HTTPException, handler)

    @app.get("/x")
    async def x() -> None:
        raise MyHTTP(418, "teapot")

    r = TestClient(app).get("/x")
    assert r.status_code == 418
    assert r.json() == {"d": "teapot"}
    assert seen == ["MyHTTP"]


async def test_background_task_objects_run() -> None:
    log: list[str] = []

    async def a(x: str) -> None:
        log.append(x)

    def b(x: str, *, suffix: str) -> None:
        log.append(x + suffix)

    tasks = BackgroundTasks()
    tasks.add_task(a, "1")
    tasks.add_task(b, "2", suffix="!")
    await tasks.run()
    await BackgroundTask(a, "3").run()
    assert log == ["1", "2!", "3"]


def test_depends_use_cache_and_class_dependency() -> None:
    calls: list[int] = []

    def counter() -> int:
        calls.append(1)
        return len(calls)

    class Pagination:
        def __init__(self, skip: int = 0, limit: int = 10) -> None:
            self.skip = skip
            self.limit = limit

    app = Faster()

    @app.get("/p")
    async def p(
        page: Annotated[Pagination, Depends(Pagination)],
        a: int = Depends(counter),
        b: int = Depends(counter, use_cache=False),
    ) -> dict[str, int]:
        return {"skip": page.skip, "limit": page.limit, "a": a, "b": b}

    assert TestClient(app).get("/p?skip=5&limit=3").json() == {"skip": 5, "limit": 3, "a": 1, "b": 2}


def test_mount_strips_prefix_and_extends_root_path() -> None:
    seen: dict[str, object] = {}

    async def sub_app(scope: dict[str, object], receive: object, send: object) -> None:
        seen["path"] = scope["path"]
        seen["root_path"] = scope["root_path"]
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"sub"})  # type: ignore[operator]

    app = Faster()
    app.mount("/sub", sub_app, name="sub")
    r = TestClient(app).get("/sub/x")
    assert r.text == "sub"
    assert seen["root_path"] == "/sub"
    assert str(seen["path"]).endswith("/x")


def test_default_docs_routes_and_titles() -> None:
    c = TestClient(Faster(title="Shop"))
    assert "Shop - Swagger UI" in c.get("/docs").text
    assert "Shop - ReDoc" in c.get("/redoc").text
    assert c.get("/openapi.json").status_code == 200


def test_async_client_concurrent_requests() -> None:
    import asyncio

    import httpx

    app = Faster()

    @app.get("/n/{n}")
    async def n(n: int) -> int:
        return n * 2

    async def main() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=5) as ac:
            rs = await asyncio.gather(*(ac.get(f"/n/{i}") for i in range(5)))
        return [r.json() for r in rs]

    assert asyncio.run(main()) == [0, 2, 4, 6, 8]
