"""FastAPI tutorial conformance: Dependencies (first steps, classes, sub-dependencies, decorator and global
dependencies, dependencies with yield and their ``scope``, ``use_cache``, router dependencies), translated to
FasterAPI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import pytest

from FasterAPI import APIRouter, Cookie, Depends, Faster, Header, HTTPException
from FasterAPI.testclient import TestClient

# --- first steps (tutorial001 / tutorial001_02) -------------------------------------------------------


async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100) -> dict[str, Any]:
    return {"q": q, "skip": skip, "limit": limit}


CommonsDep = Annotated[dict[str, Any], Depends(common_parameters)]


def _first_steps_app() -> Faster:
    app = Faster()

    @app.get("/items/")
    async def read_items(commons: CommonsDep) -> dict[str, Any]:
        return commons

    @app.get("/users/")
    async def read_users(commons: Annotated[dict[str, Any], Depends(common_parameters)]) -> dict[str, Any]:
        return commons

    return app


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/items", {"q": None, "skip": 0, "limit": 100}),
        ("/items?q=foo", {"q": "foo", "skip": 0, "limit": 100}),
        ("/items?q=foo&skip=5", {"q": "foo", "skip": 5, "limit": 100}),
        ("/items?q=foo&skip=5&limit=30", {"q": "foo", "skip": 5, "limit": 30}),
        ("/users", {"q": None, "skip": 0, "limit": 100}),
    ],
)
def test_first_steps(path: str, expected: dict[str, Any]) -> None:
    response = TestClient(_first_steps_app()).get(path)
    assert response.status_code == 200
    assert response.json() == expected


def test_first_steps_openapi_lists_dependency_query_params() -> None:
    schema = TestClient(_first_steps_app()).get("/openapi.json").json()
    operation = schema["paths"]["/items/"]["get"]
    assert operation["operationId"] == "read_items_items__get"
    assert [(p["name"], p["in"], p["required"]) for p in operation["parameters"]] == [
        ("q", "query", False),
        ("skip", "query", False),
        ("limit", "query", False),
    ]
    assert operation["parameters"][1]["schema"]["type"] == "integer"
    assert operation["parameters"][1]["schema"]["default"] == 0
    assert operation["parameters"][2]["schema"]["default"] == 100


# --- classes as dependencies (tutorial002-004) ---------------------------------------------------------

FAKE_ITEMS_DB = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]


class CommonQueryParams:
    def __init__(self, q: str | None = None, skip: int = 0, limit: int = 100) -> None:
        self.q = q
        self.skip = skip
        self.limit = limit


def _classes_app(style: str) -> Faster:
    app = Faster()

    def respond(commons: CommonQueryParams) -> dict[str, Any]:
        response: dict[str, Any] = {}
        if commons.q:
            response.update({"q": commons.q})
        response.update({"items": FAKE_ITEMS_DB[commons.skip : commons.skip + commons.limit]})
        return response

    if style == "explicit":

        @app.get("/items/")
        async def read_items(commons: Annotated[CommonQueryParams, Depends(CommonQueryParams)]) -> dict[str, Any]:
            return respond(commons)

    elif style == "untyped":

        @app.get("/items/")
        async def read_items(commons: Annotated[Any, Depends(CommonQueryParams)]) -> dict[str, Any]:
            return respond(commons)

    else:

        @app.get("/items/")
        async def read_items(commons: Annotated[CommonQueryParams, Depends()]) -> dict[str, Any]:
            return respond(commons)

    return app


@pytest.mark.parametrize("style", ["explicit", "untyped", "shortcut"])
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/items", {"items": [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]}),
        ("/items?q=foo", {"items": [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}], "q": "foo"}),
        ("/items?q=foo&skip=1", {"items": [{"item_name": "Bar"}, {"item_name": "Baz"}], "q": "foo"}),
        ("/items?q=bar&limit=2", {"items": [{"item_name": "Foo"}, {"item_name": "Bar"}], "q": "bar"}),
        ("/items?q=bar&skip=1&limit=1", {"items": [{"item_name": "Bar"}], "q": "bar"}),
        ("/items?limit=1&q=bar&skip=1", {"items": [{"item_name": "Bar"}], "q": "bar"}),
    ],
)
def test_classes_as_dependencies(style: str, path: str, expected: dict[str, Any]) -> None:
    response = TestClient(_classes_app(style)).get(path)
    assert response.status_code == 200
    assert response.json() == expected


def test_class_dependency_params_in_openapi() -> None:
    schema = TestClient(_classes_app("shortcut")).get("/openapi.json").json()
    params = schema["paths"]["/items/"]["get"]["parameters"]
    assert [p["name"] for p in params] == ["q", "skip", "limit"]


# --- sub-dependencies (tutorial005) ---------------------------------------------------------------------


def query_extractor(q: str | None = None) -> str | None:
    return q


def query_or_cookie_extractor(
    q: Annotated[str | None, Depends(query_extractor)], last_query: Annotated[str | None, Cookie()] = None
) -> str | None:
    if not q:
        return last_query
    return q


@pytest.fixture(name="sub_client")
def _sub_client() -> TestClient:
    app = Faster()

    @app.get("/items/")
    async def read_query(query_or_default: Annotated[str | None, Depends(query_or_cookie_extractor)]) -> Any:
        return {"q_or_cookie": query_or_default}

    return TestClient(app)


@pytest.mark.parametrize(
    ("path", "cookies", "expected"),
    [
        ("/items", None, {"q_or_cookie": None}),
        ("/items?q=foo", None, {"q_or_cookie": "foo"}),
        ("/items", {"last_query": "bar"}, {"q_or_cookie": "bar"}),
        ("/items?q=foo", {"last_query": "bar"}, {"q_or_cookie": "foo"}),
    ],
)
def test_sub_dependencies(
    sub_client: TestClient, path: str, cookies: dict[str, str] | None, expected: dict[str, Any]
) -> None:
    if cookies:
        sub_client.cookies.update(cookies)
    response = sub_client.get(path)
    assert response.status_code == 200
    assert response.json() == expected


def test_sub_dependencies_openapi_params() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_query(query_or_default: Annotated[str | None, Depends(query_or_cookie_extractor)]) -> Any:
        return {"q_or_cookie": query_or_default}

    params = TestClient(app).get("/openapi.json").json()["paths"]["/items/"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in params] == [("q", "query"), ("last_query", "cookie")]


# --- dependencies in path operation decorators (tutorial006) and global dependencies (tutorial012) ------


async def verify_token(x_token: Annotated[str, Header()]) -> None:
    if x_token != "fake-super-secret-token":
        raise HTTPException(status_code=400, detail="X-Token header invalid")


async def verify_key(x_key: Annotated[str, Header()]) -> str:
    if x_key != "fake-super-secret-key":
        raise HTTPException(status_code=400, detail="X-Key header invalid")
    return x_key


def _decorator_app() -> Faster:
    app = Faster()

    @app.get("/items/", dependencies=[Depends(verify_token), Depends(verify_key)])
    async def read_items() -> list[dict[str, str]]:
        return [{"item": "Foo"}, {"item": "Bar"}]

    return app


def _global_app() -> Faster:
    app = Faster(dependencies=[Depends(verify_token), Depends(verify_key)])

    @app.get("/items/")
    async def read_items() -> list[dict[str, str]]:
        return [{"item": "Portal Gun"}, {"item": "Plumbus"}]

    @app.get("/users/")
    async def read_users() -> list[dict[str, str]]:
        return [{"username": "Rick"}, {"username": "Morty"}]

    return app


MISSING_HEADERS = {
    "detail": [
        {"type": "missing", "loc": ["header", "x-token"], "msg": "Field required", "input": None},
        {"type": "missing", "loc": ["header", "x-key"], "msg": "Field required", "input": None},
    ]
}


@pytest.mark.parametrize("factory", [_decorator_app, _global_app])
def test_decorator_and_global_dependencies_missing_headers(factory: Any) -> None:
    response = TestClient(factory()).get("/items/")
    assert response.status_code == 422
    assert response.json() == MISSING_HEADERS


@pytest.mark.parametrize("factory", [_decorator_app, _global_app])
def test_decorator_and_global_dependencies_invalid_headers(factory: Any) -> None:
    client = TestClient(factory())
    # verify_token has all it needs, so it runs (and fails) before the missing X-Key is reported
    response = client.get("/items/", headers={"X-Token": "invalid"})
    assert response.status_code == 400
    assert response.json() == {"detail": "X-Token header invalid"}
    response = client.get("/items/", headers={"X-Token": "invalid", "X-Key": "fake-super-secret-key"})
    assert response.status_code == 400
    assert response.json() == {"detail": "X-Token header invalid"}
    response = client.get("/items/", headers={"X-Token": "fake-super-secret-token", "X-Key": "invalid"})
    assert response.status_code == 400
    assert response.json() == {"detail": "X-Key header invalid"}


def test_decorator_dependencies_valid() -> None:
    headers = {"X-Token": "fake-super-secret-token", "X-Key": "fake-super-secret-key"}
    response = TestClient(_decorator_app()).get("/items/", headers=headers)
    assert response.status_code == 200
    assert response.json() == [{"item": "Foo"}, {"item": "Bar"}]


def test_global_dependencies_valid() -> None:
    headers = {"X-Token": "fake-super-secret-token", "X-Key": "fake-super-secret-key"}
    client = TestClient(_global_app())
    assert client.get("/items/", headers=headers).json() == [{"item": "Portal Gun"}, {"item": "Plumbus"}]
    assert client.get("/users/", headers=headers).json() == [{"username": "Rick"}, {"username": "Morty"}]


def test_decorator_dependency_headers_in_openapi() -> None:
    schema = TestClient(_decorator_app()).get("/openapi.json").json()
    params = schema["paths"]["/items/"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in params] == [
        ("x-token", "header", True),
        ("x-key", "header", True),
    ]


# --- dependencies with yield (tutorial007/008*) ---------------------------------------------------------

DATA = {
    "plumbus": {"description": "Freshly pickled plumbus", "owner": "Morty"},
    "portal-gun": {"description": "Gun to create portals", "owner": "Rick"},
}


class OwnerError(Exception):
    pass


class InternalError(Exception):
    pass


def test_yield_dependency_turns_exception_into_http_exception() -> None:
    app = Faster()

    def get_username() -> Iterator[str]:
        try:
            yield "Rick"
        except OwnerError as e:
            raise HTTPException(status_code=400, detail=f"Owner error: {e}") from e

    @app.get("/items/{item_id}")
    def get_item(item_id: str, username: Annotated[str, Depends(get_username)]) -> Any:
        if item_id not in DATA:
            raise HTTPException(status_code=404, detail="Item not found")
        item = DATA[item_id]
        if item["owner"] != username:
            raise OwnerError(username)
        return item

    client = TestClient(app)
    response = client.get("/items/foo")
    assert response.status_code == 404
    assert response.json() == {"detail": "Item not found"}
    response = client.get("/items/plumbus")
    assert response.status_code == 400
    assert response.json() == {"detail": "Owner error: Rick"}
    response = client.get("/items/portal-gun")
    assert response.status_code == 200
    assert response.json() == {"description": "Gun to create portals", "owner": "Rick"}


def _internal_error_app(reraise: bool, events: list[str]) -> Faster:
    app = Faster()

    def get_username() -> Iterator[str]:
        try:
            yield "Rick"
        except InternalError:
            events.append("caught")
            if reraise:
                raise

    @app.get("/items/{item_id}")
    def get_item(item_id: str, username: Annotated[str, Depends(get_username)]) -> Any:
        if item_id == "portal-gun":
            raise InternalError(f"The portal gun is too dangerous to be owned by {username}")
        if item_id != "plumbus":
            raise HTTPException(status_code=404, detail="Item not found, there's only a plumbus here")
        return item_id

    return app


@pytest.mark.parametrize("reraise", [False, True])
def test_yield_dependency_with_except_normal_paths(reraise: bool) -> None:
    client = TestClient(_internal_error_app(reraise, []))
    response = client.get("/items/foo")
    assert response.status_code == 404
    assert response.json() == {"detail": "Item not found, there's only a plumbus here"}
    response = client.get("/items/plumbus")
    assert response.status_code == 200
    assert response.json() == "plumbus"


@pytest.mark.parametrize("reraise", [False, True])
def test_yield_dependency_with_except_gives_500(reraise: bool) -> None:
    events: list[str] = []
    client = TestClient(_internal_error_app(reraise, events), raise_server_exceptions=False)
    response = client.get("/items/portal-gun")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    assert events == ["caught"]


def test_yield_dependency_reraised_error_reaches_test_client() -> None:
    client = TestClient(_internal_error_app(True, []))
    with pytest.raises(InternalError) as exc_info:
        client.get("/items/portal-gun")
    assert exc_info.value.args[0] == "The portal gun is too dangerous to be owned by Rick"


def test_yield_dependency_swallowed_error_is_reported() -> None:
    from FasterAPI.exceptions import FastAPIError, FasterAPIError

    client = TestClient(_internal_error_app(False, []))
    with pytest.raises(FastAPIError) as exc_info:
        client.get("/items/portal-gun")
    assert "raising an exception and a dependency with yield" in exc_info.value.args[0]
    assert isinstance(exc_info.value, FasterAPIError)
    assert isinstance(exc_info.value.__cause__, InternalError)


def test_error_before_yield_is_a_500() -> None:
    app = Faster()

    def get_file() -> Iterator[str]:
        with open("/nonexistent/definitely/not/here.txt") as f:
            yield f.read()

    @app.get("/me")
    def me(content: Annotated[str, Depends(get_file)]) -> str:
        return content

    with pytest.raises(OSError, match="No such file or directory"):
        TestClient(app).get("/me")
    response = TestClient(app, raise_server_exceptions=False).get("/me")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"


class _RecordStart:
    """Pure ASGI middleware noting when the response starts, to order it against dependency exits."""

    def __init__(self, app: Any, events: list[str]) -> None:
        self.app = app
        self.events = events

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def recording_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                self.events.append("response-start")
            await send(message)

        await self.app(scope, receive, recording_send)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("function", ["setup", "handler", "cleanup", "response-start"]),
        ("request", ["setup", "handler", "response-start", "cleanup"]),
        (None, ["setup", "handler", "response-start", "cleanup"]),
    ],
)
def test_yield_dependency_scope(scope: str | None, expected: list[str]) -> None:
    events: list[str] = []
    app = Faster()
    app.add_middleware(_RecordStart, events=events)

    def get_username() -> Iterator[str]:
        events.append("setup")
        try:
            yield "Rick"
        finally:
            events.append("cleanup")

    @app.get("/users/me")
    def get_user_me(username: Annotated[str, Depends(get_username, scope=scope)]) -> str:  # type: ignore[arg-type]
        events.append("handler")
        return username

    response = TestClient(app).get("/users/me")
    assert response.status_code == 200
    assert response.json() == "Rick"
    assert events == expected


def test_yield_dependencies_nest_and_close_in_reverse() -> None:
    events: list[str] = []
    app = Faster()

    async def dependency_a() -> Any:
        events.append("a-open")
        try:
            yield "a"
        finally:
            events.append("a-close")

    async def dependency_b(dep_a: Annotated[str, Depends(dependency_a)]) -> Any:
        events.append("b-open")
        try:
            yield dep_a + "b"
        finally:
            events.append(f"b-close:{dep_a}")

    async def dependency_c(dep_b: Annotated[str, Depends(dependency_b)]) -> Any:
        events.append("c-open")
        try:
            yield dep_b + "c"
        finally:
            events.append(f"c-close:{dep_b}")

    @app.get("/")
    async def root(dep_c: Annotated[str, Depends(dependency_c)]) -> dict[str, str]:
        return {"value": dep_c}

    assert TestClient(app).get("/").json() == {"value": "abc"}
    assert events == ["a-open", "b-open", "c-open", "c-close:ab", "b-close:a", "a-close"]


# --- use_cache -----------------------------------------------------------------------------------------


def test_dependency_used_twice_is_called_once_unless_use_cache_false() -> None:
    calls: list[str] = []
    app = Faster()

    def get_value() -> int:
        calls.append("called")
        return len(calls)

    def first(value: Annotated[int, Depends(get_value)]) -> int:
        return value

    def uncached(value: Annotated[int, Depends(get_value, use_cache=False)]) -> int:
        return value

    @app.get("/cached")
    def cached_route(a: Annotated[int, Depends(get_value)], b: Annotated[int, Depends(first)]) -> list[int]:
        return [a, b]

    @app.get("/uncached")
    def uncached_route(a: Annotated[int, Depends(get_value)], b: Annotated[int, Depends(uncached)]) -> list[int]:
        return [a, b]

    client = TestClient(app)
    assert client.get("/cached").json() == [1, 1]
    calls.clear()
    assert client.get("/uncached").json() == [1, 2]


# --- the pre-Annotated style: dependencies as parameter defaults ----------------------------------------


def test_dependencies_as_parameter_defaults() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(commons: CommonQueryParams = Depends()) -> dict[str, Any]:
        return {"q": commons.q, "skip": commons.skip, "limit": commons.limit}

    @app.get("/untyped/")
    async def untyped(commons=Depends(CommonQueryParams)) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        return {"q": commons.q}

    @app.get("/function/")
    async def function(commons: dict[str, Any] = Depends(common_parameters)) -> dict[str, Any]:
        return commons

    client = TestClient(app)
    assert client.get("/items/?q=a&skip=2").json() == {"q": "a", "skip": 2, "limit": 100}
    assert client.get("/untyped/?q=z").json() == {"q": "z"}
    assert client.get("/function/?limit=3").json() == {"q": None, "skip": 0, "limit": 3}
    response = client.get("/items/?skip=x")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["query", "skip"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "x",
            }
        ]
    }


def test_request_scope_yield_dependency_cannot_depend_on_function_scope() -> None:
    from FasterAPI.exceptions import DependencyScopeError, FastAPIError

    def get_session() -> Iterator[str]:
        yield "session"

    def get_named_func_session(session: Annotated[str, Depends(get_session, scope="function")]) -> Iterator[str]:
        yield session

    def plain_user(session: Annotated[str, Depends(get_session, scope="function")]) -> str:
        return session

    def function_scoped(session: Annotated[str, Depends(get_session, scope="function")]) -> Iterator[str]:
        yield session

    app = Faster()
    with pytest.raises(FastAPIError) as exc_info:

        @app.get("/broken-scope")
        def get_broken(sessions: Annotated[str, Depends(get_named_func_session)]) -> str:
            return sessions

    assert isinstance(exc_info.value, DependencyScopeError)
    assert str(exc_info.value) == (
        'The dependency "get_named_func_session" has a scope of "request", '
        'it cannot depend on dependencies with scope "function".'
    )

    @app.get("/plain")
    def plain(user: Annotated[str, Depends(plain_user)]) -> str:
        return user

    @app.get("/both-function")
    def both(s: Annotated[str, Depends(function_scoped, scope="function")]) -> str:
        return s

    client = TestClient(app)
    assert client.get("/plain").json() == "session"
    assert client.get("/both-function").json() == "session"


# -- beyond the tutorial's own examples: code after a bare yield, router and include_router dependencies -----------


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
