"""Plain dependency trees served by planned code (``_flat_chain``): the same answers and calls as the solver."""

from __future__ import annotations

import json
import threading
import traceback
from typing import Any

import pytest

from fasterapi_core import Cookie, Depends, Faster, Header, HTTPException, PlainTextResponse, Query, Response
from fasterapi_core.routing import APIRoute


def unrelated() -> None:
    """Overriding this (used nowhere) makes an app take the general solver: the reference to compare with."""


async def call(
    app: Any, method: str, path: str, *, query: bytes = b"", headers: list[tuple[bytes, bytes]] | None = None
) -> dict[str, Any]:
    """One request straight through ASGI: the answer's status, headers and body."""
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
    return {
        "status": sent[0]["status"],
        "headers": list(sent[0]["headers"]),
        "body": b"".join(m.get("body", b"") for m in sent[1:]),
    }


def route_of(app: Faster, path: str) -> APIRoute:
    return next(r for r in app.routes if isinstance(r, APIRoute) and r.path == path)


def wide_app(calls: list[str], general: bool) -> Faster:
    """Every value source, aliases, defaults, lists, the per-request cache, sync steps and a sync endpoint."""
    app = Faster()
    if general:
        app.dependency_overrides[unrelated] = unrelated

    async def shared(x_key: str = Header(alias="X-Key")) -> str:
        calls.append("shared")
        return x_key

    async def again() -> int:
        calls.append("again")
        return calls.count("again")

    def sync_step(tags: list[str] = Header([], alias="x-tag"), n: int = Query(1, alias="count", ge=1)) -> str:
        calls.append(f"sync:{threading.current_thread() is threading.main_thread()}")
        return f"{','.join(tags)}/{n}"

    async def left(key: str = Depends(shared), first: int = Depends(again)) -> str:
        calls.append("left")
        return f"left:{key}:{first}"

    async def right(
        key: str = Depends(shared),
        fresh: int = Depends(again, use_cache=False),
        cached: int = Depends(again),
        session: str | None = Cookie(None),
        flags: list[int] = Query(default_factory=list, alias="flag"),
    ) -> dict[str, Any]:
        calls.append("right")
        if key == "deny":
            raise HTTPException(401, "Denied", headers={"WWW-Authenticate": "Key"})
        return {"key": key, "fresh": fresh, "cached": cached, "session": session, "flags": flags}

    @app.get("/wide/{item_id}")
    async def wide(
        item_id: int,
        a: str = Depends(left),
        b: dict[str, Any] = Depends(right),
        s: str = Depends(sync_step),
        q: str = "none",
    ) -> Any:
        calls.append("wide")
        return {"item": item_id, "a": a, "b": b, "s": s, "q": q}

    @app.get("/sync-endpoint")
    def sync_endpoint(key: str = Depends(shared)) -> dict[str, Any]:
        calls.append(f"endpoint:{threading.current_thread() is threading.main_thread()}")
        return {"key": key}

    @app.get("/text", response_class=PlainTextResponse, status_code=201)
    async def text(key: str = Depends(shared)) -> str:
        return f"key={key}"

    @app.get("/response")
    async def response(key: str = Depends(shared)) -> Response:
        return Response(key, media_type="text/plain", headers={"x-seen": key})

    async def paging(size: int = Query(10, le=100), word: str = Query("any", alias="w-ord")) -> dict[str, Any]:
        return {"size": size, "word": word}

    @app.get("/typed/{number:int}")
    async def typed(number: int, page: dict[str, Any] = Depends(paging), strict: bool = False) -> Any:
        return {"number": number, "page": page, "strict": strict}

    return app


WIDE_REQUESTS = [
    ("GET", "/wide/3", b"", [(b"x-key", b"k1")]),
    ("GET", "/wide/3", b"q=yes&count=4&flag=1&flag=2", [(b"x-key", b"k1"), (b"x-tag", b"a"), (b"x-tag", b"b")]),
    ("GET", "/wide/3", b"count=2&count=3", [(b"x-key", b"first"), (b"x-key", b"second"), (b"cookie", b"session=s1")]),
    ("GET", "/wide/3", b"", [(b"X-Key", b"upper")]),  # a server breaking ASGI's lower-case promise is tolerated
    ("HEAD", "/wide/3", b"", [(b"x-key", b"k1")]),
    ("GET", "/wide/3", b"", []),  # the header is missing: shared, left and right are not called
    ("GET", "/wide/x", b"count=0&flag=z", []),  # errors in several steps and in the endpoint, in the solver's order
    ("GET", "/wide/3", b"count=0", [(b"x-key", b"k1")]),  # only the sync step fails: the others still run
    ("GET", "/wide/3", b"", [(b"x-key", b"deny")]),  # a dependency raising HTTPException
    ("GET", "/sync-endpoint", b"", [(b"x-key", b"k1")]),
    ("GET", "/text", b"", [(b"x-key", b"k1")]),
    ("GET", "/response", b"", [(b"x-key", b"k1")]),
    ("GET", "/response", b"", []),
    ("GET", "/text", b"", [(b"X-Key", b"upper")]),  # the same with single-value headers (scanned in place)
    ("GET", "/text", b"", [(b"x-key", b"first"), (b"x-key", b"second")]),
    ("GET", "/typed/7", b"", []),
    ("GET", "/typed/7", b"size=5&w-ord=caf%C3%A9+au+lait&strict=on&size=6", []),
    ("GET", "/typed/7", b"size=500&strict=maybe", []),
    ("GET", "/typed/7", b"size=&w-ord=", []),
]


@pytest.mark.parametrize(("method", "path", "query", "headers"), WIDE_REQUESTS)
async def test_core_flat_chain_answers_and_calls_what_the_general_solver_does(
    method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    flat_calls: list[str] = []
    general_calls: list[str] = []
    flat_app = wide_app(flat_calls, general=False)
    template = path.replace("/wide/3", "/wide/{item_id}").replace("/wide/x", "/wide/{item_id}")
    assert route_of(flat_app, template.replace("/typed/7", "/typed/{number:int}")).handle.__name__ == "_handle_chain"
    flat = await call(flat_app, method, path, query=query, headers=headers)
    general = await call(wide_app(general_calls, general=True), method, path, query=query, headers=headers)
    assert flat == general
    assert sorted(flat_calls) == sorted(general_calls)  # sync steps run in a thread: the order may interleave


async def test_core_flat_chain_keeps_the_per_request_cache() -> None:
    calls: list[str] = []
    app = wide_app(calls, general=False)
    answer = await call(app, "GET", "/wide/3", headers=[(b"x-key", b"k1")])
    assert answer["status"] == 200
    # ``shared`` and ``again`` are reached twice each with the cache on: called once; ``use_cache=False``: again.
    assert calls.count("shared") == 1
    assert calls.count("again") == 2
    assert b'"a":"left:k1:1","b":{"key":"k1","fresh":2,"cached":1' in answer["body"]
    calls.clear()
    await call(app, "GET", "/wide/3", headers=[(b"x-key", b"k1")])
    assert calls.count("shared") == 1  # the cache lives for one request only


async def test_core_flat_chain_runs_sync_steps_and_endpoints_in_a_thread() -> None:
    calls: list[str] = []
    app = wide_app(calls, general=False)
    await call(app, "GET", "/wide/3", headers=[(b"x-key", b"k1")])
    assert "sync:False" in calls
    await call(app, "GET", "/sync-endpoint", headers=[(b"x-key", b"k1")])
    assert "endpoint:False" in calls


async def test_core_flat_chain_reports_every_error_in_the_solvers_shape() -> None:
    answer = await call(wide_app([], general=False), "GET", "/wide/x", query=b"count=0&flag=z")
    assert answer["status"] == 422
    errors = json.loads(answer["body"])["detail"]
    # ``shared`` is reached from ``left`` and from ``right``; it failed, so nothing was cached: read twice.
    assert [(e["type"], e["loc"][0]) for e in errors] == [
        ("missing", "header"),
        ("missing", "header"),
        ("int_parsing", "query"),
        ("greater_than_equal", "query"),
        ("int_parsing", "path"),
    ]


async def test_core_flat_chain_calls_each_step_directly_in_generated_code() -> None:
    app = Faster()

    async def token(x_token: str = Header()) -> str:
        return x_token

    async def current_user(tok: str = Depends(token)) -> str:
        return tok

    @app.get("/me")
    async def me(user: str = Depends(current_user), verbose: bool = False) -> dict[str, Any]:
        return {"user": user, "verbose": verbose}

    chain = route_of(app, "/me")._chain
    assert chain is not None
    assert chain.source == (
        "async def run(scope, path_params):\n"
        "    query = last_values(scope.get('query_string', b''))\n"
        "    h0 = None\n"
        "    for name, value in scope.get('headers', ()):\n"
        "        if name == b'x-token':\n"
        "            if h0 is None:\n"
        "                h0 = value.decode('latin-1')\n"
        "        elif not name.islower():\n"
        "            return INVALID\n"
        "    p0 = h0\n"
        "    if p0 is None:\n"
        "        return INVALID\n"
        "    p1 = query.get('verbose')\n"
        "    if p1 is None:\n"
        "        p1 = default_1\n"
        "    else:\n"
        "        try:\n"
        "            p1 = convert_1(p1)\n"
        "        except BAD_VALUE:\n"
        "            return INVALID\n"
        "    r0 = await c_r0(x_token=p0)\n"
        "    r1 = await c_r1(tok=r0)\n"
        "    return await c_endpoint(user=r1, verbose=p1)\n"
    )
    answer = await call(app, "GET", "/me", query=b"verbose=1", headers=[(b"x-token", b"t")])
    assert answer["body"] == b'{"user":"t","verbose":true}'


async def test_core_flat_chain_tracebacks_show_the_generated_lines() -> None:
    app = Faster()

    async def broken() -> str:
        raise RuntimeError("boom")

    @app.get("/broken")
    async def uses(value: str = Depends(broken)) -> str:
        return value

    chain = route_of(app, "/broken")._chain
    assert chain is not None
    with pytest.raises(RuntimeError) as caught:
        await chain.run({"headers": []}, {})
    text = "".join(traceback.format_exception(caught.value))
    assert "GET /broken" in text
    assert "r0 = await c_r0()" in text


async def test_core_flat_chain_is_not_planned_for_trees_needing_a_context() -> None:
    app = Faster()

    async def gen() -> Any:
        yield 1

    def sync_gen() -> Any:
        yield 2

    async def needs_response(response: Response) -> int:
        return 3

    async def plain(value: int = Depends(gen)) -> int:
        return value

    @app.get("/async-gen")
    async def one(value: int = Depends(plain)) -> int:
        return value

    @app.get("/sync-gen")
    async def two(value: int = Depends(sync_gen)) -> int:
        return value

    @app.get("/special")
    async def three(value: int = Depends(needs_response)) -> int:
        return value

    @app.get("/no-dependencies")
    async def four(q: int = 0) -> int:
        return q

    for path in ("/async-gen", "/sync-gen", "/special", "/no-dependencies"):
        assert route_of(app, path)._chain is None
    assert (await call(app, "GET", "/async-gen"))["body"] == b"1"
    assert (await call(app, "GET", "/special"))["body"] == b"3"


async def test_core_flat_chain_leaves_what_it_does_not_read_in_place_to_the_general_solver() -> None:
    from fasterapi_core._flat_chain import INVALID

    calls: list[str] = []
    chain = route_of(wide_app(calls, general=False), "/text")._chain
    assert chain is not None
    assert await chain.run({"headers": [(b"x-key", b"k")]}, {}) == "key=k"
    assert await chain.run({"headers": [(b"X-Key", b"k")]}, {}) is INVALID  # not lower-case, as ASGI promises
    assert await chain.run({"headers": []}, {}) is INVALID
    assert calls == ["shared"]  # nothing is called before every value is read
