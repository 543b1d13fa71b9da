"""FastAPI parity: dependency injection (docs: tutorial/dependencies/*, advanced/advanced-dependencies,
advanced/testing-dependencies)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

import pytest

from FasterAPI import APIRouter, Cookie, Depends, Faster, Header, HTTPException
from FasterAPI.testclient import TestClient

FAKE_ITEMS_DB = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]


async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100) -> dict[str, object]:
    return {"q": q, "skip": skip, "limit": limit}


CommonsDep = Annotated[dict[str, object], Depends(common_parameters)]


class CommonQueryParams:
    def __init__(self, q: str | None = None, skip: int = 0, limit: int = 100) -> None:
        self.q = q
        self.skip = skip
        self.limit = limit


def test_function_dependency_reads_query() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(commons: CommonsDep) -> dict[str, object]:
        return commons

    client = TestClient(app)
    assert client.get("/items/").json() == {"q": None, "skip": 0, "limit": 100}
    assert client.get("/items/?q=foo&skip=5&limit=30").json() == {"q": "foo", "skip": 5, "limit": 30}
    r = client.get("/items/?skip=x")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "skip"]


def test_class_dependency_and_shortcut() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(commons: Annotated[CommonQueryParams, Depends(CommonQueryParams)]) -> dict[str, object]:
        response: dict[str, object] = {}
        if commons.q:
            response["q"] = commons.q
        response["items"] = FAKE_ITEMS_DB[commons.skip : commons.skip + commons.limit]
        return response

    @app.get("/short/")
    async def short(commons: Annotated[CommonQueryParams, Depends()]) -> dict[str, object]:
        return {"q": commons.q, "skip": commons.skip}

    client = TestClient(app)
    assert client.get("/items/?q=x&skip=1&limit=1").json() == {"q": "x", "items": [{"item_name": "Bar"}]}
    assert client.get("/short/?skip=2").json() == {"q": None, "skip": 2}


def test_sub_dependencies() -> None:
    app = Faster()

    def query_extractor(q: str | None = None) -> str | None:
        return q

    def query_or_cookie_extractor(
        q: Annotated[str | None, Depends(query_extractor)],
        last_query: Annotated[str | None, Cookie()] = None,
    ) -> str | None:
        if not q:
            return last_query
        return q

    @app.get("/items/")
    async def read_query(query_or_default: Annotated[str | None, Depends(query_or_cookie_extractor)]) -> object:
        return {"q_or_cookie": query_or_default}

    client = TestClient(app)
    assert client.get("/items/?q=foo").json() == {"q_or_cookie": "foo"}
    assert TestClient(app, cookies={"last_query": "c"}).get("/items/").json() == {"q_or_cookie": "c"}


def test_dependency_cache_and_use_cache_false() -> None:
    calls: list[str] = []
    app = Faster()

    def dep() -> int:
        calls.append("dep")
        return len(calls)

    def sub_a(v: Annotated[int, Depends(dep)]) -> int:
        return v

    def sub_b(v: Annotated[int, Depends(dep, use_cache=False)]) -> int:
        return v

    @app.get("/cached")
    def cached(a: Annotated[int, Depends(sub_a)], b: Annotated[int, Depends(dep)]) -> list[int]:
        return [a, b]

    @app.get("/uncached")
    def uncached(a: Annotated[int, Depends(dep)], b: Annotated[int, Depends(sub_b)]) -> list[int]:
        return [a, b]

    client = TestClient(app)
    assert client.get("/cached").json() == [1, 1]
    assert calls == ["dep"]
    calls.clear()
    assert client.get("/uncached").json() == [1, 2]


def test_dependencies_in_path_operation_decorator() -> None:
    app = Faster()

    async def verify_token(x_token: Annotated[str, Header()]) -> None:
        if x_token != "fake-super-secret-token":
            raise HTTPException(status_code=400, detail="X-Token header invalid")

    async def verify_key(x_key: Annotated[str, Header()]) -> str:
        if x_key != "fake-super-secret-key":
            raise HTTPException(status_code=400, detail="X-Key header invalid")
        return x_key

    @app.get("/items/", dependencies=[Depends(verify_token), Depends(verify_key)])
    async def read_items() -> list[dict[str, str]]:
        return [{"item": "Foo"}, {"item": "Bar"}]

    client = TestClient(app)
    ok = client.get("/items/", headers={"X-Token": "fake-super-secret-token", "X-Key": "fake-super-secret-key"})
    assert ok.json() == [{"item": "Foo"}, {"item": "Bar"}]
    bad = client.get("/items/", headers={"X-Token": "invalid", "X-Key": "fake-super-secret-key"})
    assert bad.status_code == 400
    assert bad.json() == {"detail": "X-Token header invalid"}
    missing = client.get("/items/", headers={"X-Key": "fake-super-secret-key"})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["header", "x-token"]


def test_global_dependencies() -> None:
    async def verify_token(x_token: Annotated[str, Header()]) -> None:
        if x_token != "ok":
            raise HTTPException(status_code=400, detail="X-Token header invalid")

    app = Faster(dependencies=[Depends(verify_token)])

    @app.get("/users/")
    async def users() -> list[str]:
        return ["Rick"]

    client = TestClient(app)
    assert client.get("/users/", headers={"X-Token": "ok"}).json() == ["Rick"]
    assert client.get("/users/", headers={"X-Token": "no"}).status_code == 400


def test_yield_dependency_setup_and_teardown_order() -> None:
    events: list[str] = []
    app = Faster()

    async def get_db() -> AsyncIterator[str]:
        events.append("open")
        try:
            yield "db"
        finally:
            events.append("close")

    @app.get("/q")
    async def q(db: Annotated[str, Depends(get_db)]) -> dict[str, str]:
        events.append("handler")
        return {"db": db}

    assert TestClient(app).get("/q").json() == {"db": "db"}
    assert events == ["open", "handler", "close"]


def test_sync_yield_dependency() -> None:
    events: list[str] = []
    app = Faster()

    def get_db() -> Iterator[str]:
        events.append("open")
        yield "db"
        events.append("after-yield")

    @app.get("/q")
    def q(db: Annotated[str, Depends(get_db)]) -> dict[str, str]:
        return {"db": db}

    assert TestClient(app).get("/q").json() == {"db": "db"}
    assert events == ["open", "after-yield"]


def test_yield_dependency_sees_handler_exception() -> None:
    seen: list[str] = []
    app = Faster()

    class OwnerError(Exception):
        pass

    def get_username() -> Iterator[str]:
        try:
            yield "Rick"
        except OwnerError as e:
            seen.append(str(e))
            raise HTTPException(status_code=400, detail=f"Owner error: {e}") from e

    @app.get("/items/{item_id}")
    def get_item(item_id: str, username: Annotated[str, Depends(get_username)]) -> dict[str, str]:
        if item_id == "plumbus":
            raise OwnerError(username)
        return {"item": item_id, "owner": username}

    client = TestClient(app)
    assert client.get("/items/portal-gun").json() == {"item": "portal-gun", "owner": "Rick"}
    r = client.get("/items/plumbus")
    assert r.status_code == 400
    assert r.json() == {"detail": "Owner error: Rick"}
    assert seen == ["Rick"]


def test_nested_yield_dependencies_close_in_reverse_order() -> None:
    events: list[str] = []
    app = Faster()

    async def dep_a() -> AsyncIterator[str]:
        events.append("a-open")
        yield "a"
        events.append("a-close")

    async def dep_b(a: Annotated[str, Depends(dep_a)]) -> AsyncIterator[str]:
        events.append("b-open")
        yield a + "b"
        events.append("b-close")

    @app.get("/x")
    async def x(b: Annotated[str, Depends(dep_b)]) -> str:
        return b

    assert TestClient(app).get("/x").json() == "ab"
    assert events == ["a-open", "b-open", "b-close", "a-close"]


def test_callable_instance_dependency() -> None:
    class FixedContentQueryChecker:
        def __init__(self, fixed_content: str) -> None:
            self.fixed_content = fixed_content

        def __call__(self, q: str = "") -> bool:
            if q:
                return self.fixed_content in q
            return False

    checker = FixedContentQueryChecker("bar")
    app = Faster()

    @app.get("/query-checker/")
    async def read_query_check(fixed_content_included: Annotated[bool, Depends(checker)]) -> object:
        return {"fixed_content_in_query": fixed_content_included}

    client = TestClient(app)
    assert client.get("/query-checker/?q=foobar").json() == {"fixed_content_in_query": True}
    assert client.get("/query-checker/?q=foo").json() == {"fixed_content_in_query": False}


def test_dependency_overrides() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(commons: CommonsDep) -> dict[str, object]:
        return {"message": "Hello Items!", "params": commons}

    async def override_dependency(q: str | None = None) -> dict[str, object]:
        return {"q": q, "skip": 5, "limit": 10}

    app.dependency_overrides[common_parameters] = override_dependency
    client = TestClient(app)
    try:
        assert client.get("/items/?q=foo").json() == {
            "message": "Hello Items!",
            "params": {"q": "foo", "skip": 5, "limit": 10},
        }
    finally:
        app.dependency_overrides = {}
    assert client.get("/items/?q=foo").json()["params"] == {"q": "foo", "skip": 0, "limit": 100}


def test_router_and_include_dependencies() -> None:
    order: list[str] = []

    def dep_app() -> None:
        order.append("include")

    def dep_router() -> None:
        order.append("router")

    def dep_route() -> None:
        order.append("route")

    router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(dep_router)])

    @router.get("/", dependencies=[Depends(dep_route)])
    async def read_items() -> list[str]:
        order.append("handler")
        return ["x"]

    app = Faster()
    app.include_router(router, dependencies=[Depends(dep_app)])
    assert TestClient(app).get("/items/").json() == ["x"]
    assert order == ["include", "router", "route", "handler"]


@pytest.mark.parametrize("path", ["/items/", "/items"])
def test_router_prefix_with_root_route(path: str) -> None:
    router = APIRouter(prefix="/items")

    @router.get("/")
    async def read_items() -> list[str]:
        return ["x"]

    app = Faster()
    app.include_router(router)
    r = TestClient(app).get(path, follow_redirects=True)
    assert r.status_code == 200
    assert r.json() == ["x"]
