"""Dependency injection: Depends, caching, classes, Security scopes, route/router/app dependencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import httpx
import pytest

from fasterapi_core import (
    BackgroundTasks,
    Depends,
    Faster,
    FasterAPIError,
    FasterRouter,
    Header,
    HTTPException,
    Query,
    Request,
    Response,
    Security,
    SecurityScopes,
)

ClientFor = Callable[[Any], httpx.AsyncClient]


async def test_sub_dependencies_to_any_depth_with_params(client_for: ClientFor) -> None:
    app = Faster()

    def level3(x_user: str = Header()) -> str:
        return x_user

    async def level2(user: str = Depends(level3), verbose: bool = False) -> dict[str, Any]:
        return {"user": user, "verbose": verbose}

    def level1(info: Annotated[dict[str, Any], Depends(level2)], limit: int = Query(5)) -> dict[str, Any]:
        return {**info, "limit": limit}

    @app.get("/deep")
    async def deep(data: dict[str, Any] = Depends(level1)) -> dict[str, Any]:
        return data

    async with client_for(app) as client:
        ok = await client.get("/deep?verbose=yes&limit=2", headers={"x-user": "ann"})
        missing = await client.get("/deep?limit=x")
    assert ok.json() == {"user": "ann", "verbose": True, "limit": 2}
    assert [e["loc"] for e in missing.json()["detail"]] == [["header", "x-user"], ["query", "limit"]]


async def test_dependency_is_cached_per_request_unless_use_cache_false(client_for: ClientFor) -> None:
    app = Faster()
    calls: list[str] = []

    def counter() -> int:
        calls.append("c")
        return len(calls)

    def uses_counter(n: int = Depends(counter)) -> int:
        return n

    @app.get("/cached")
    async def cached(a: int = Depends(counter), b: int = Depends(uses_counter)) -> list[int]:
        return [a, b]

    @app.get("/fresh")
    async def fresh(a: int = Depends(counter), b: int = Depends(counter, use_cache=False)) -> list[int]:
        return [a, b]

    async with client_for(app) as client:
        assert (await client.get("/cached")).json() == [1, 1]
        assert (await client.get("/cached")).json() == [2, 2]
        assert (await client.get("/fresh")).json() == [3, 4]


class Pagination:
    def __init__(self, skip: int = 0, limit: int = 10) -> None:
        self.skip = skip
        self.limit = limit


class Prefixer:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    async def __call__(self, name: str = "x") -> str:
        return self.prefix + name


async def test_class_dependency_callable_instance_and_bare_depends(client_for: ClientFor) -> None:
    app = Faster()
    hello = Prefixer("hello-")

    @app.get("/page")
    async def page(
        p: Pagination = Depends(Pagination),
        q: Annotated[Pagination, Depends()] = None,  # type: ignore[assignment]
        greeting: str = Depends(hello),
    ) -> list[Any]:
        return [p.skip, p.limit, q.limit, greeting]

    async with client_for(app) as client:
        response = await client.get("/page?skip=3&limit=4&name=bob")
    assert response.json() == [3, 4, 4, "hello-bob"]


async def test_security_scopes_accumulate(client_for: ClientFor) -> None:
    app = Faster()
    seen: list[list[str]] = []

    def auth(scopes: SecurityScopes) -> str:
        seen.append(list(scopes.scopes))
        return scopes.scope_str

    def admin(token: str = Security(auth, scopes=["admin"])) -> str:
        return token

    @app.get("/admin")
    async def read(token: Annotated[str, Security(admin, scopes=["items:read"])]) -> str:
        return token

    async with client_for(app) as client:
        response = await client.get("/admin")
    assert response.json() == "items:read admin"
    assert seen == [["items:read", "admin"]]


async def test_route_router_and_app_level_dependencies_apply_everywhere(client_for: ClientFor) -> None:
    order: list[str] = []

    def app_dep() -> None:
        order.append("app")

    def include_dep() -> None:
        order.append("include")

    def router_dep() -> None:
        order.append("router")

    def route_dep() -> None:
        order.append("route")

    app = Faster(dependencies=[Depends(app_dep)])
    router = FasterRouter(prefix="/r", dependencies=[Depends(router_dep)])

    @router.get("/before", dependencies=[Depends(route_dep)])
    async def before() -> str:
        order.append("handler")
        return "ok"

    app.include_router(router, dependencies=[Depends(include_dep)])

    @router.get("/after")
    async def after() -> str:
        order.append("handler")
        return "ok"

    @app.get("/plain")
    async def plain() -> str:
        order.append("handler")
        return "ok"

    async with client_for(app) as client:
        assert (await client.get("/r/before")).status_code == 200
        assert order == ["app", "include", "router", "route", "handler"]
        order.clear()
        assert (await client.get("/r/after")).status_code == 200
        assert order == ["app", "include", "router", "handler"]
        order.clear()
        assert (await client.get("/plain")).status_code == 200
        assert order == ["app", "handler"]


async def test_nested_routers_keep_dependencies_and_prefixes(client_for: ClientFor) -> None:
    calls: list[str] = []
    app = Faster()
    outer = FasterRouter(prefix="/outer", dependencies=[Depends(lambda: calls.append("outer"))])
    inner = FasterRouter(prefix="/inner", dependencies=[Depends(lambda: calls.append("inner"))])

    @inner.get("/leaf")
    async def leaf() -> str:
        return "leaf"

    outer.include_router(inner)
    app.include_router(outer, prefix="/v1")
    async with client_for(app) as client:
        response = await client.get("/v1/outer/inner/leaf")
    assert response.json() == "leaf"
    assert calls == ["outer", "inner"]


async def test_dependency_errors_stop_the_request(client_for: ClientFor) -> None:
    app = Faster()

    def guard(x_token: str = Header()) -> None:
        if x_token != "ok":
            raise HTTPException(403, "nope", headers={"x-why": "token"})

    @app.get("/guarded", dependencies=[Depends(guard)])
    async def guarded() -> str:
        return "in"

    async with client_for(app) as client:
        assert (await client.get("/guarded", headers={"x-token": "ok"})).json() == "in"
        denied = await client.get("/guarded", headers={"x-token": "bad"})
    assert denied.status_code == 403
    assert denied.json() == {"detail": "nope"}
    assert denied.headers["x-why"] == "token"


def test_circular_dependencies_are_refused_at_registration() -> None:
    app = Faster()

    def a(value: Any = Depends(lambda: None)) -> None:
        return None

    def first(x: Any = Depends(lambda: None)) -> None:
        return None

    def ping(x: Any = Depends(first)) -> None:
        return None

    def pong(x: Any = Depends(ping)) -> None:
        return None

    first.__defaults__ = (Depends(pong),)

    with pytest.raises(FasterAPIError, match="circular dependency"):

        @app.get("/loop")
        async def loop(x: Any = Depends(first)) -> None:
            return None


def test_unresolvable_annotation_is_a_clear_error() -> None:
    app = Faster()

    def handler(item: Undefined) -> None:  # type: ignore[name-defined]  # noqa: F821
        return None

    with pytest.raises(FasterAPIError, match="Undefined"):
        app.get("/bad")(handler)


async def test_special_parameters_request_response_background(client_for: ClientFor) -> None:
    app = Faster()
    done: list[str] = []

    def record(text: str) -> None:
        done.append(text)

    def needs_request(request: Request) -> str:
        return request.url.path

    @app.get("/special", status_code=201)
    async def special(
        request: Request, response: Response, tasks: BackgroundTasks, path: str = Depends(needs_request)
    ) -> dict[str, Any]:
        response.headers["x-extra"] = "1"
        tasks.add_task(record, "after")
        return {"method": request.method, "path": path}

    @app.get("/status")
    async def status(response: Response) -> str:
        response.status_code = 202
        return "accepted"

    async with client_for(app) as client:
        response = await client.get("/special")
        status = await client.get("/status")
    assert response.status_code == 201
    assert response.json() == {"method": "GET", "path": "/special"}
    assert response.headers["x-extra"] == "1"
    assert response.headers["content-length"] == str(len(response.content))
    assert done == ["after"]
    assert status.status_code == 202


async def test_sync_dependencies_and_handlers_run_in_worker_threads(client_for: ClientFor) -> None:
    import threading

    app = Faster()
    main_thread = threading.get_ident()

    def where() -> bool:
        return threading.get_ident() != main_thread

    @app.get("/threads")
    def handler(dep_in_thread: bool = Depends(where)) -> list[bool]:
        return [dep_in_thread, threading.get_ident() != main_thread]

    async with client_for(app) as client:
        assert (await client.get("/threads")).json() == [True, True]


async def test_response_parameter_sets_cookies_on_the_implicit_response(client_for: ClientFor) -> None:
    app = Faster()

    def remember(response: Response) -> None:
        response.set_cookie("seen", "1")

    @app.get("/cookies", dependencies=[Depends(remember)])
    async def cookies(response: Response) -> dict[str, str]:
        response.set_cookie("session", "abc", httponly=True)
        return {"ok": "yes"}

    @app.get("/explicit")
    async def explicit(response: Response) -> Response:
        response.set_cookie("merged", "m")
        return Response(b"x", media_type="text/plain")

    async with client_for(app) as client:
        response = await client.get("/cookies")
        explicit_response = await client.get("/explicit")
    assert response.json() == {"ok": "yes"}
    set_cookies = response.headers.get_list("set-cookie")
    assert any(c.startswith("seen=1") for c in set_cookies)
    assert any(c.startswith("session=abc") and "HttpOnly" in c for c in set_cookies)
    assert response.headers["content-length"] == str(len(response.content))
    assert explicit_response.headers["set-cookie"].startswith("merged=m")
