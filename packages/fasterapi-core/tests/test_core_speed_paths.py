"""The short ways through dispatch (direct 404, no middleware layer, cached header lines) answer
exactly what the general machinery answers, and step aside whenever something could observe them."""

from __future__ import annotations

from typing import Any

import msgspec
from hypothesis import given, settings, strategies as st

from fasterapi_core import Faster, FasterRouter, HTTPException, JSONResponse, Query, Request
from fasterapi_core.responses import PlainTextResponse


async def call(app: Any, method: str, path: str, *, root_path: str = "", query: bytes = b"") -> dict[str, Any]:
    """Run one request straight through ASGI; the answer's status, headers and joined body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": root_path,
        "query_string": query,
        "headers": [(b"host", b"test")],
        "client": ("127.0.0.1", 5000),
        "server": ("test", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = sent[0]
    assert start["type"] == "http.response.start"
    return {
        "status": start["status"],
        "headers": {k.decode(): v.decode() for k, v in start["headers"]},
        "body": b"".join(m.get("body", b"") for m in sent[1:]),
    }


def small_app(**options: Any) -> Faster:
    app = Faster(**options)

    @app.get("/items/")
    async def items() -> list[int]:
        return [1, 2]

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def test_core_speed_default_404_and_head_404() -> None:
    app = small_app()
    answer = await call(app, "GET", "/nowhere")
    assert answer == {
        "status": 404,
        "headers": {"content-length": "22", "content-type": "application/json"},
        "body": b'{"detail":"Not Found"}',
    }
    head = await call(app, "HEAD", "/nowhere/deeper/")
    assert (head["status"], head["headers"]["content-length"], head["body"]) == (404, "22", b"")


async def test_core_speed_custom_404_handlers_still_answer_misses() -> None:
    by_status = small_app()

    @by_status.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"missing": request.url.path}, status_code=404)

    answer = await call(by_status, "GET", "/nowhere")
    assert (answer["status"], answer["body"]) == (404, b'{"missing":"/nowhere"}')

    by_class = small_app()

    @by_class.exception_handler(HTTPException)
    async def http_errors(request: Request, exc: HTTPException) -> PlainTextResponse:
        return PlainTextResponse(f"{exc.status_code}: {exc.detail}", status_code=exc.status_code)

    answer = await call(by_class, "GET", "/nowhere")
    assert (answer["status"], answer["body"]) == (404, b"404: Not Found")
    answer = await call(by_class, "POST", "/health")
    assert (answer["status"], answer["body"]) == (405, b"405: Method Not Allowed")


async def test_core_speed_middleware_sees_misses() -> None:
    app = small_app()
    seen: list[int] = []

    class Recorder:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            async def recording_send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    seen.append(message["status"])
                    message["headers"] = [*message["headers"], (b"x-seen", b"yes")]
                await send(message)

            await self.inner(scope, receive, recording_send)

    assert (await call(app, "GET", "/health"))["status"] == 200  # the stack is built without middleware
    app.add_middleware(Recorder)
    answer = await call(app, "GET", "/nowhere")
    assert (answer["status"], answer["headers"]["x-seen"]) == (404, "yes")
    assert (await call(app, "GET", "/health"))["headers"]["x-seen"] == "yes"
    assert seen == [404, 200]


async def test_core_speed_redirect_405_and_root_path_still_work() -> None:
    app = small_app()
    redirect = await call(app, "GET", "/items")
    assert (redirect["status"], redirect["headers"]["location"]) == (307, "http://test/items/")
    not_allowed = await call(app, "DELETE", "/health")
    assert (not_allowed["status"], not_allowed["headers"]["allow"]) == (405, "GET, HEAD")
    assert (await call(app, "GET", "/api/health", root_path="/api"))["body"] == b'{"status":"ok"}'
    assert (await call(app, "GET", "/api/nowhere", root_path="/api"))["status"] == 404
    no_redirects = small_app(redirect_slashes=False)
    assert (await call(no_redirects, "GET", "/items"))["status"] == 404


async def test_core_speed_overridden_middleware_stack_is_used() -> None:
    calls: list[str] = []

    class Wrapped(Faster):
        def build_middleware_stack(self) -> Any:
            inner = super().build_middleware_stack()

            async def outer(scope: Any, receive: Any, send: Any) -> None:
                calls.append(scope["path"])
                await inner(scope, receive, send)

            return outer

    app = Wrapped()

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    assert (await call(app, "GET", "/health"))["status"] == 200
    assert calls == ["/health"]


async def test_core_speed_content_length_of_any_size() -> None:
    app = Faster()
    sizes = [0, 1, 9, 10, 16383, 16384, 100_000]

    @app.get("/text/{size:int}")
    async def text(size: int) -> str:
        return "x" * size

    for size in sizes:
        for _ in range(2):  # once built, once reused
            answer = await call(app, "GET", f"/text/{size}")
            assert int(answer["headers"]["content-length"]) == len(answer["body"]) == size + 2
    head = await call(app, "HEAD", "/text/5")
    assert (head["headers"]["content-length"], head["body"]) == ("7", b"")


async def test_core_speed_path_values_passed_as_they_are_only_when_nothing_would_change_them() -> None:
    from typing import Annotated

    from fasterapi_core import Path

    app = Faster()

    @app.get("/plain/{name}/{number:int}")
    async def plain(name: str, number: int) -> dict[str, Any]:
        return {"name": name, "number": number, "type": type(number).__name__}

    @app.get("/converted/{number}")
    async def converted(number: int) -> int:
        return number

    @app.get("/checked/{number:int}")
    async def checked(number: Annotated[int, Path(gt=10)]) -> int:
        return number

    # A path value the handler does not take can only come from an include prefix (a route's own is refused).
    partial_router = FasterRouter()

    @partial_router.get("/{kept}")
    async def partial(kept: str) -> str:
        return kept

    app.include_router(partial_router, prefix="/partial/{ignored}")

    @app.get("/sync/{name}")
    def sync(name: str) -> str:
        return name

    answer = await call(app, "GET", "/plain/ann/7")
    assert answer["body"] == b'{"name":"ann","number":7,"type":"int"}'
    assert (await call(app, "GET", "/converted/7"))["body"] == b"7"
    assert (await call(app, "GET", "/converted/x"))["status"] == 422
    assert (await call(app, "GET", "/checked/11"))["body"] == b"11"
    assert (await call(app, "GET", "/checked/3"))["status"] == 422
    assert (await call(app, "GET", "/partial/i/k"))["body"] == b'"k"'
    assert (await call(app, "GET", "/sync/bob"))["body"] == b'"bob"'
    head = await call(app, "HEAD", "/plain/ann/7")
    assert (head["status"], head["body"], head["headers"]["content-length"]) == (200, b"", "38")


async def test_core_speed_list_of_models_passes_through_only_when_every_item_is_exactly_the_model() -> None:
    class Item(msgspec.Struct):
        id: int

    class Secret(Item):
        password: str

    app = Faster()
    lists: dict[str, list[Any]] = {
        "exact": [Item(1), Item(2)],
        "empty": [],
        "one_subclass": [Item(1), Secret(2, "hunter2")],
        "dicts": [{"id": 1, "password": "x"}],
    }

    @app.get("/items/{kind}")
    async def items(kind: str) -> list[Item]:
        return lists[kind]

    assert (await call(app, "GET", "/items/exact"))["body"] == b'[{"id":1},{"id":2}]'
    assert (await call(app, "GET", "/items/empty"))["body"] == b"[]"
    assert (await call(app, "GET", "/items/one_subclass"))["body"] == b'[{"id":1},{"id":2}]'
    assert (await call(app, "GET", "/items/dicts"))["body"] == b'[{"id":1}]'


class NamedItem(msgspec.Struct):
    name: str


async def test_core_speed_body_routes_enforce_the_limit_themselves() -> None:
    def body_app(**options: Any) -> Faster:
        app = Faster(**options)

        @app.post("/items")
        async def create(item: NamedItem, q: int = 0) -> dict[str, Any]:
            return {"name": item.name, "q": q}

        @app.post("/small", max_body_size=12)
        async def small(item: NamedItem) -> NamedItem:
            return item

        return app

    async def post(app: Faster, path: str, body: bytes, headers: list[tuple[bytes, bytes]]) -> int:
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": path, "root_path": "", "query_string": b"q=2"}
        await app({**scope, "headers": [(b"content-type", b"application/json"), *headers]}, receive, send)
        status: int = sent[0]["status"]
        return status

    body = b'{"name":"abcdefgh"}'  # 19 bytes
    declared = [(b"content-length", str(len(body)).encode())]
    for app in (body_app(max_body_size=18), body_app(max_body_size=18, middleware=[])):
        assert await post(app, "/items", body, declared) == 413  # announced
        assert await post(app, "/items", body, []) == 413  # counted (no Content-Length)
        assert await post(app, "/items", body, [(b"content-length", b"many")]) == 400
        assert await post(app, "/items", b'{"name":"a"}', []) == 200
    roomy = body_app(max_body_size=None)
    assert await post(roomy, "/items", body * 1000, []) == 422  # no limit: read and validated
    assert await post(roomy, "/items", body, [(b"content-length", b"many")]) == 200  # not even parsed
    assert await post(roomy, "/small", body, declared) == 413  # the route's own option
    assert await post(roomy, "/small", body, []) == 413
    assert await post(roomy, "/small", b'{"name":"a"}', []) == 200

    class Passthrough:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await self.inner(scope, receive, send)

    wrapped = body_app(max_body_size=18)
    wrapped.add_middleware(Passthrough)
    assert await post(wrapped, "/items", body, declared) == 413
    assert await post(wrapped, "/items", body, []) == 413
    assert await post(wrapped, "/items", b'{"name":"a"}', []) == 200


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab=&%2F+ ", max_size=12))
def test_core_speed_query_parsing_agrees_with_the_standard_library(query: str) -> None:
    """The solver's grouped parse, ``parse_query_string`` (``request.query_params``) and the stdlib agree."""
    from urllib.parse import parse_qs

    from fasterapi_core.datastructures import parse_query_string, query_dict

    grouped: dict[str, list[str]] = {}
    for key, value in parse_query_string(query):
        grouped.setdefault(key, []).append(value)
    assert query_dict(query.encode("ascii")) == grouped == parse_qs(query, keep_blank_values=True)


async def test_core_speed_unrelated_handlers_keep_the_direct_404_and_later_handlers_take_over() -> None:
    app = small_app()

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> PlainTextResponse:
        return PlainTextResponse("bad value", status_code=400)

    @app.get("/fails")
    async def fails() -> None:
        raise ValueError("no")

    answer = await call(app, "GET", "/nowhere")
    assert (answer["status"], answer["body"]) == (404, b'{"detail":"Not Found"}')
    assert (await call(app, "GET", "/fails"))["body"] == b"bad value"

    async def not_found(request: Request, exc: Exception) -> PlainTextResponse:
        return PlainTextResponse("custom 404", status_code=404)

    app.exception_handlers[404] = not_found  # changed directly, after requests were served
    assert (await call(app, "GET", "/nowhere"))["body"] == b"custom 404"
    wrapped = small_app()
    wrapped.add_middleware(lambda inner: inner)
    wrapped.exception_handlers[HTTPException] = not_found
    assert (await call(wrapped, "GET", "/nowhere"))["body"] == b"custom 404"


async def test_core_speed_validation_errors_reach_only_handlers_that_can_take_them() -> None:
    from fasterapi_core import RequestValidationError
    from fasterapi_core.exceptions import ValidationException

    def make() -> Faster:
        app = Faster()

        @app.get("/n")
        async def n(q: int) -> int:
            return q

        return app

    plain = await call(make(), "GET", "/n", query=b"q=x")
    unrelated = make()

    @unrelated.exception_handler(KeyError)
    async def key_error(request: Request, exc: KeyError) -> PlainTextResponse:
        return PlainTextResponse("key", status_code=400)

    assert await call(unrelated, "GET", "/n", query=b"q=x") == plain
    assert plain["status"] == 422
    for key in (RequestValidationError, ValidationException):
        handled = make()

        async def custom(request: Request, exc: Exception) -> PlainTextResponse:
            return PlainTextResponse("custom 422", status_code=422)

        handled.add_exception_handler(key, custom)
        assert (await call(handled, "GET", "/n", query=b"q=x"))["body"] == b"custom 422"


async def test_core_speed_subclass_dispatch_is_still_called() -> None:
    seen: list[str] = []

    class Traced(Faster):
        async def _dispatch_http(self, scope: Any, receive: Any, send: Any) -> None:
            seen.append(scope["path"])
            await super()._dispatch_http(scope, receive, send)

    app = Traced()

    @app.get("/health")
    async def health() -> str:
        return "ok"

    assert (await call(app, "GET", "/health"))["body"] == b'"ok"'
    assert (await call(app, "GET", "/health"))["body"] == b'"ok"'
    assert seen == ["/health", "/health"]


async def test_core_speed_path_and_query_routes() -> None:
    app = Faster()

    @app.get("/users/{user_id:int}")
    async def user(user_id: int, q: int, tags: list[str] | None = Query(None), flag: bool = False) -> dict[str, Any]:
        return {"id": user_id, "q": q, "tags": tags, "flag": flag}

    answer = await call(app, "GET", "/users/7", query=b"q=1&q=2&tags=a&tags=b&flag=yes")
    assert answer["body"] == b'{"id":7,"q":2,"tags":["a","b"],"flag":true}'
    missing = await call(app, "GET", "/users/7", query=b"tags=a")
    assert missing["status"] == 422
    assert b'"loc":["query","q"]' in missing["body"]
    assert (await call(app, "GET", "/users/7", query=b"q=x"))["status"] == 422
