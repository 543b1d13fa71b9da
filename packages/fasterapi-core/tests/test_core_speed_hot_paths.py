"""The hot-path shortcuts (the default 405's bytes, plain dependency trees solved in one flat loop) answer
exactly what the general machinery answers, and step aside whenever something could observe them."""

from __future__ import annotations

from typing import Any

import pytest

from fasterapi_core import Depends, Faster, Header, HTTPException, JSONResponse, Query, Request
from fasterapi_core._flat_chain import plan_flat_chain
from fasterapi_core.routing import APIRoute


async def call(
    app: Any, method: str, path: str, *, query: bytes = b"", headers: list[tuple[bytes, bytes]] | None = None
) -> dict[str, Any]:
    """Run one request straight through ASGI; the answer's status, header list (in order) and body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"test"), *(headers or [])],
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
        "headers": list(start["headers"]),
        "body": b"".join(m.get("body", b"") for m in sent[1:]),
    }


# -- 405 ---------------------------------------------------------------------------------------------------------


def methods_app() -> Faster:
    app = Faster()

    @app.get("/things")
    async def read() -> dict[str, str]:
        return {"ok": "read"}

    @app.put("/things")
    async def replace() -> dict[str, str]:
        return {"ok": "put"}

    return app


async def test_core_speed_default_405_bytes_are_httpexceptions_answer() -> None:
    fast = await call(methods_app(), "DELETE", "/things")
    assert fast == {
        "status": 405,
        "headers": [
            (b"allow", b"GET, HEAD, PUT"),
            (b"content-length", b"31"),
            (b"content-type", b"application/json"),
        ],
        "body": b'{"detail":"Method Not Allowed"}',
    }
    # The general way (an HTTPException handler that delegates to the default) sends the very same answer.
    general = methods_app()

    @general.exception_handler(HTTPException)
    async def default(request: Request, exc: HTTPException) -> Any:
        from fasterapi_core.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)

    assert await call(general, "DELETE", "/things") == fast


async def test_core_speed_head_405_has_no_body_and_the_header_lines_are_fresh_lists() -> None:
    app = Faster()

    @app.post("/only-post")
    async def create() -> None:
        return None

    head = await call(app, "HEAD", "/only-post")
    assert (head["status"], head["body"]) == (405, b"")
    assert (b"allow", b"POST") in head["headers"]
    first = await call(app, "PATCH", "/only-post")
    first["headers"].append((b"x-edited", b"1"))  # middleware may edit the list it gets
    assert (b"x-edited", b"1") not in (await call(app, "PATCH", "/only-post"))["headers"]


@pytest.mark.parametrize("key", [405, HTTPException])
async def test_core_speed_405_handlers_are_consulted_even_when_added_after_a_request(key: Any) -> None:
    app = methods_app()
    assert (await call(app, "DELETE", "/things"))["status"] == 405
    app.add_exception_handler(key, lambda request, exc: JSONResponse({"mine": exc.headers["Allow"]}, status_code=405))
    answer = await call(app, "DELETE", "/things")
    assert (answer["status"], answer["body"]) == (405, b'{"mine":"GET, HEAD, PUT"}')


async def test_core_speed_405_under_middleware_is_the_same_answer() -> None:
    plain = await call(methods_app(), "DELETE", "/things")
    wrapped = methods_app()

    @wrapped.middleware("http")
    async def passthrough(request: Request, call_next: Any) -> Any:
        return await call_next(request)

    assert await call(wrapped, "DELETE", "/things") == plain


# -- plain dependency trees: one flat loop, the same answers as the general solver --------------------------------


def unrelated() -> None:
    """Overriding this (used nowhere) makes an app take the general solver: the reference to compare with."""


def tree_app(calls: list[str], general: bool) -> Faster:
    """A diamond-free tree: route-level dependency, sync and async levels, query, header and path values."""
    app = Faster()
    if general:
        app.dependency_overrides[unrelated] = unrelated

    async def token(x_token: str = Header()) -> str:
        calls.append("token")
        return x_token

    def page(page: int = Query(1, ge=1)) -> int:  # sync: runs in a worker thread, as in the general solver
        calls.append("page")
        return page

    async def user(tok: str = Depends(token), verbose: bool = False) -> dict[str, Any]:
        calls.append("user")
        if tok == "forbidden":
            raise HTTPException(403, "Not allowed")
        return {"tok": tok, "verbose": verbose}

    async def context(who: dict[str, Any] = Depends(user), at: int = Depends(page)) -> dict[str, Any]:
        calls.append("context")
        return {**who, "page": at}

    async def audit(x_trace: str | None = Header(None)) -> None:
        calls.append(f"audit:{x_trace}")

    @app.get("/things/{thing_id}", dependencies=[Depends(audit)])
    async def read(thing_id: int, ctx: dict[str, Any] = Depends(context), limit: int = Query(10, le=50)) -> Any:
        calls.append("read")
        return {"thing": thing_id, "ctx": ctx, "limit": limit}

    return app


REQUESTS = [
    ("/things/3", b"", [(b"x-token", b"abc")]),
    ("/things/3", b"verbose=yes&page=4&limit=7", [(b"x-token", b"abc"), (b"x-trace", b"t1")]),
    ("/things/3", b"", []),  # the header is missing: token, user and context are not called; page and audit are
    ("/things/x", b"page=0&limit=99", []),  # errors at every level, reported in the general solver's order
    ("/things/3", b"page=0", [(b"x-token", b"abc")]),  # page fails: context is not called, user is
    ("/things/3", b"verbose=maybe", [(b"x-token", b"abc")]),
    ("/things/3", b"", [(b"x-token", b"forbidden")]),  # a dependency raising HTTPException
]


@pytest.mark.parametrize(("path", "query", "headers"), REQUESTS)
async def test_core_speed_flat_chain_answers_and_calls_what_the_general_solver_does(
    path: str, query: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    flat_calls: list[str] = []
    general_calls: list[str] = []
    flat = await call(tree_app(flat_calls, general=False), "GET", path, query=query, headers=headers)
    general = await call(tree_app(general_calls, general=True), "GET", path, query=query, headers=headers)
    assert flat == general
    assert sorted(flat_calls) == sorted(general_calls)  # the sync one runs in a thread: order may interleave


async def test_core_speed_flat_chain_is_planned_for_plain_trees_only() -> None:
    app = tree_app([], general=False)
    route = next(r for r in app.routes if isinstance(r, APIRoute) and r.path == "/things/{thing_id}")
    assert route.handle == route._handle_chain

    async def shared() -> int:
        return 1

    async def gen() -> Any:
        yield 1

    async def left(value: int = Depends(shared)) -> int:
        return value

    async def wants_request(request: Request) -> str:
        return request.url.path

    other = Faster()

    @other.get("/twice")
    async def twice(a: int = Depends(left), b: int = Depends(shared)) -> int:
        return a + b  # ``shared`` is reached twice: the per-request cache matters, the general solver keeps it

    @other.get("/yield")
    async def yielding(value: int = Depends(gen)) -> int:
        return value

    @other.get("/request")
    async def asks(path: str = Depends(wants_request)) -> str:
        return path

    for served in ("/yield", "/request"):
        route = next(r for r in other.routes if isinstance(r, APIRoute) and r.path == served)
        assert plan_flat_chain(route.dependant) is None
        assert route.handle == route._handle_full
    assert (await call(other, "GET", "/twice"))["body"] == b"2"
    assert (await call(other, "GET", "/request"))["body"] == b'"/request"'


async def test_core_speed_flat_chain_steps_aside_for_dependency_overrides() -> None:
    calls: list[str] = []
    app = tree_app(calls, general=False)
    route = next(r for r in app.routes if isinstance(r, APIRoute) and r.path == "/things/{thing_id}")
    token = route.dependant.dependencies[1].dependant.dependencies[0].dependant.dependencies[0].dependant.call
    assert getattr(token, "__name__", "") == "token"

    async def fake_token() -> str:
        return "fake"

    app.dependency_overrides[token] = fake_token
    answer = await call(app, "GET", "/things/3")
    assert answer["status"] == 200
    assert b'"tok":"fake"' in answer["body"]
    app.dependency_overrides.clear()
    assert (await call(app, "GET", "/things/3"))["status"] == 422


# -- 422: the refused body is decoded once for the integer retry and the error list --------------------------------


def body_app() -> Faster:
    import msgspec

    class Order(msgspec.Struct):
        name: str
        quantity: int
        tags: list[int] = []

    app = Faster()

    @app.post("/orders")
    async def create(order: Order) -> Order:
        return order

    return app


async def post(app: Faster, body: bytes) -> tuple[int, Any]:
    import json

    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/orders",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], json.loads(b"".join(m.get("body", b"") for m in sent[1:]))


@pytest.mark.parametrize("number", [b"3.0", b"3E0", b"0.3e1", b"30e-1", b"-2.0e1"])
async def test_core_speed_whole_number_floats_are_integers_in_every_spelling(number: bytes) -> None:
    status, answer = await post(body_app(), b'{"name": "e.g. 1.5", "quantity": ' + number + b', "tags": [1.0]}')
    assert status == 200
    assert answer == {"name": "e.g. 1.5", "quantity": int(float(number)), "tags": [1]}


async def test_core_speed_refused_bodies_keep_the_full_error_list() -> None:
    app = body_app()
    # No float anywhere (the untyped document is not walked): every problem is still listed.
    assert await post(app, b'{"tags": ["x"]}') == (
        422,
        {
            "detail": [
                {"type": "missing", "loc": ["body", "name"], "msg": "Field required", "input": {"tags": ["x"]}},
                {"type": "missing", "loc": ["body", "quantity"], "msg": "Field required", "input": {"tags": ["x"]}},
                {
                    "type": "int_parsing",
                    "loc": ["body", "tags", 0],
                    "msg": "Input should be a valid integer, unable to parse string as an integer",
                    "input": "x",
                },
            ]
        },
    )
    # Text that looks like a float ("1e5" inside a string) with a real fractional float elsewhere.
    status, answer = await post(app, b'{"name": "1e5", "quantity": 2.5}')
    assert (status, [error["type"] for error in answer["detail"]]) == (422, ["int_from_float"])
    assert answer["detail"][0]["input"] == 2.5
    status, answer = await post(app, b'{"name": "a", "quantity": 1,')
    assert (status, answer["detail"][0]["type"]) == (422, "json_invalid")
