"""Microseconds per request straight through the ASGI callable: ours against raw ASGI and five peers.

Run from the repository root:

    uv run python benchmarks/bench_direct_asgi.py            # a few minutes
    uv run python benchmarks/bench_direct_asgi.py --quick    # shorter, noisier
    uv run python benchmarks/bench_direct_asgi.py --only raw ours --scenario 404 405
    uv run python benchmarks/bench_direct_asgi.py --before ../old-worktree/.venv/bin/python   # before/after

Each framework's app is called in-process with a prepared scope, ``receive`` and ``send`` (no server,
no sockets), so the numbers are the framework's own cost per request. Each worker is a subprocess
running this same file with ``--worker NAME``:

- ``raw``: a hand-written ASGI callable using msgspec, the floor (workspace venv);
- ``ours``: ``FasterAPI`` from this workspace (workspace venv); ``before``: the same app from the
  environment ``--before`` names (an older checkout), for before/after tables from one run;
- ``fastapi``: FastAPI with pydantic models (scratch venv ``benchmarks/.venvs/asgi-fastapi``);
- ``faster-api-web``: the public project, which imports as ``FasterAPI`` like ours (scratch venv
  ``benchmarks/.venvs/asgi-faster-api-web``);
- ``starlette``: plain Starlette, request objects and pydantic, in FastAPI's venv;
- ``blacksheep``: BlackSheep with pydantic bodies (``benchmarks/.venvs/asgi-blacksheep``);
- ``litestar``: Litestar with msgspec Structs (``benchmarks/.venvs/asgi-litestar``).

The scratch venvs are created on first run with ``uv venv`` + ``uv pip install`` (versions pinned below).
Every response is checked (status and body) before anything is timed (a peer's own way of answering an
error is listed in ``DIFFERENCES`` and marked in the table); rounds interleave the workers so all of them
see the same quiet and busy moments of the machine; each cell is the median of the rounds.
"""

# No ``from __future__ import annotations``: FastAPI cannot resolve string annotations of local models.

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _peers import Worker, answer_commands, interleaved_medians, scratch_venv

_FASTAPI = ["fastapi==0.165.0", "starlette==1.10.0", "pydantic==2.14.4"]
#: Scratch venv requirements of each peer; Starlette runs in FastAPI's venv (the same Starlette and pydantic).
PEERS: dict[str, list[str]] = {
    "fastapi": _FASTAPI,
    "faster-api-web": ["faster-api-web==0.2.14"],
    "starlette": _FASTAPI,
    "blacksheep": ["blacksheep==2.6.4", "pydantic==2.14.4"],
    "litestar": ["litestar==2.25.0", "msgspec==0.23.0"],
}
VENV_OF = {"starlette": "fastapi"}
WORKERS = ["raw", "ours", "fastapi", "faster-api-web", "starlette", "blacksheep", "litestar"]

USER_BODY = {"name": "Alice", "email": "alice@example.com", "age": 30, "active": True, "score": 9.5, "tags": ["a", "b"]}
ITEMS = [{"id": i, "name": f"item{i}", "price": i * 1.5, "in_stock": i % 2 == 0} for i in range(100)]
ROUTE_COUNT = 100


def json_headers(body: bytes) -> list[tuple[bytes, bytes]]:
    """The headers any HTTP client sends with a JSON body (servers pass them on in the scope)."""
    return [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]


# -- scenarios: (name, method, path, query, headers, body, expected status, expected JSON or None) -------------

SCENARIOS: list[tuple[str, str, str, bytes, list[tuple[bytes, bytes]], bytes, int, Any]] = [
    ("GET /health", "GET", "/health", b"", [], b"", 200, {"status": "ok"}),
    (
        "GET /users/{id:int}?verbose",
        "GET",
        "/users/42",
        b"verbose=true",
        [],
        b"",
        200,
        {"id": 42, "verbose": True, "name": "user42"},
    ),
    (
        "POST /users (6-field body)",
        "POST",
        "/users",
        b"",
        json_headers(json.dumps(USER_BODY).encode()),
        json.dumps(USER_BODY).encode(),
        200,
        USER_BODY,
    ),
    (
        "3-level deps + header",
        "GET",
        "/deps",
        b"",
        [(b"x-token", b"secret")],
        b"",
        200,
        {"user": "secret", "level": 3},
    ),
    (
        f"{ROUTE_COUNT}-route table, late route",
        "GET",
        f"/route{ROUTE_COUNT - 1}/items/7",
        b"",
        [],
        b"",
        200,
        {"route": ROUTE_COUNT - 1, "item": "7"},
    ),
    ("100-object list", "GET", "/items", b"", [], b"", 200, ITEMS),
    ("404", "GET", "/nowhere", b"", [], b"", 404, {"detail": "Not Found"}),
    ("405", "DELETE", "/health", b"", [], b"", 405, {"detail": "Method Not Allowed"}),
    (
        "422 (invalid body)",
        "POST",
        "/users",
        b"",
        json_headers(b'{"name": "Alice"}'),
        b'{"name": "Alice"}',
        422,
        None,
    ),
]


# -- the apps ---------------------------------------------------------------------------------------------------


def build_raw() -> Any:
    """A hand-written ASGI app doing the same work with msgspec and nothing else: the floor."""
    import msgspec

    class User(msgspec.Struct):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(msgspec.Struct):
        id: int
        name: str
        price: float
        in_stock: bool

    items = [Item(**item) for item in ITEMS]
    encode = msgspec.json.Encoder().encode
    decode_user = msgspec.json.Decoder(User).decode
    routes = {f"/route{i}/items/": i for i in range(ROUTE_COUNT)}

    async def respond(send: Any, status: int, body: bytes, *extra: tuple[bytes, bytes]) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *extra,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        path: str = scope["path"]
        if path == "/health":
            if scope["method"] != "GET":
                return await respond(send, 405, b'{"detail":"Method Not Allowed"}', (b"allow", b"GET"))
            return await respond(send, 200, encode({"status": "ok"}))
        if path.startswith("/users/"):
            user_id = int(path[7:])
            verbose = False
            for pair in scope["query_string"].decode().split("&"):
                key, _, value = pair.partition("=")
                if key == "verbose":
                    verbose = value in ("true", "1", "yes", "on")
            return await respond(send, 200, encode({"id": user_id, "verbose": verbose, "name": f"user{user_id}"}))
        if path == "/users":
            message = await receive()
            try:
                user = decode_user(message["body"])
            except msgspec.ValidationError as exc:
                return await respond(send, 422, encode({"detail": [{"msg": str(exc)}]}))
            return await respond(send, 200, encode(user))
        if path == "/deps":
            token = None
            for key, value in scope["headers"]:
                if key == b"x-token":
                    token = value.decode()
            return await respond(send, 200, encode({"user": token, "level": 3}))
        if path == "/items":
            return await respond(send, 200, encode(items))
        head, _, tail = path.rpartition("/")
        route = routes.get(head + "/")
        if route is not None:
            return await respond(send, 200, encode({"route": route, "item": tail}))
        return await respond(send, 404, b'{"detail":"Not Found"}')

    return app


def build_ours() -> Any:
    import msgspec

    from FasterAPI import Depends, Faster, Header

    class User(msgspec.Struct):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(msgspec.Struct):
        id: int
        name: str
        price: float
        in_stock: bool

    items = [Item(**item) for item in ITEMS]
    app = Faster(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/users/{user_id:int}")
    async def get_user(user_id: int, verbose: bool = False) -> dict[str, Any]:
        return {"id": user_id, "verbose": verbose, "name": f"user{user_id}"}

    @app.post("/users")
    async def create_user(user: User) -> User:
        return user

    async def token(x_token: str = Header()) -> str:
        return x_token

    async def current_user(tok: str = Depends(token)) -> str:
        return tok

    async def context(user: str = Depends(current_user)) -> dict[str, Any]:
        return {"user": user, "level": 3}

    @app.get("/deps")
    async def deps(ctx: dict[str, Any] = Depends(context)) -> dict[str, Any]:
        return ctx

    for i in range(ROUTE_COUNT):

        async def route(item_id: str, i: int = i) -> dict[str, Any]:
            return {"route": i, "item": item_id}

        app.get(f"/route{i}/items/{{item_id}}")(_without_i(route, i))

    @app.get("/items")
    async def list_items() -> list[Item]:
        return items

    return app


def _without_i(func: Callable[..., Any], i: int) -> Callable[..., Any]:
    """A handler for route ``i`` whose only parameter is ``item_id`` (no extra query parameter)."""

    async def handler(item_id: str) -> dict[str, Any]:
        return {"route": i, "item": item_id}

    handler.__name__ = f"route{i}"
    return handler


def build_fastapi() -> Any:
    from fastapi import Depends, FastAPI, Header
    from pydantic import BaseModel

    class User(BaseModel):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(BaseModel):
        id: int
        name: str
        price: float
        in_stock: bool

    items = [Item(**item) for item in ITEMS]
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/users/{user_id}")
    async def get_user(user_id: int, verbose: bool = False) -> dict[str, Any]:
        return {"id": user_id, "verbose": verbose, "name": f"user{user_id}"}

    @app.post("/users")
    async def create_user(user: User) -> User:
        return user

    async def token(x_token: str = Header()) -> str:
        return x_token

    async def current_user(tok: str = Depends(token)) -> str:
        return tok

    async def context(user: str = Depends(current_user)) -> dict[str, Any]:
        return {"user": user, "level": 3}

    @app.get("/deps")
    async def deps(ctx: dict[str, Any] = Depends(context)) -> dict[str, Any]:
        return ctx

    for i in range(ROUTE_COUNT):
        app.get(f"/route{i}/items/{{item_id}}")(_without_i(_noop, i))

    @app.get("/items")
    async def list_items() -> list[Item]:
        return items

    return app


def _noop() -> None:
    return None


def build_faster_api_web() -> Any:
    """The public project: same endpoints; it does not convert path/query values, so the handler does."""
    import msgspec

    from FasterAPI import Depends, Faster, Header, Query

    class User(msgspec.Struct):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(msgspec.Struct):
        id: int
        name: str
        price: float
        in_stock: bool

    items = [Item(**item) for item in ITEMS]
    app = Faster(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/users/{user_id}")
    async def get_user(user_id: str, verbose: str = Query("false")) -> dict[str, Any]:
        number = int(user_id)
        return {"id": number, "verbose": verbose.lower() in ("true", "1", "yes", "on"), "name": f"user{number}"}

    @app.post("/users")
    async def create_user(user: User) -> User:
        return user

    async def token(x_token: str = Header()) -> str:
        return x_token

    async def current_user(tok: str = Depends(token)) -> str:
        return tok

    async def context(user: str = Depends(current_user)) -> dict[str, Any]:
        return {"user": user, "level": 3}

    @app.get("/deps")
    async def deps(ctx: dict[str, Any] = Depends(context)) -> dict[str, Any]:
        return ctx

    for i in range(ROUTE_COUNT):
        app.get(f"/route{i}/items/{{item_id}}")(_without_i(_noop, i))

    @app.get("/items")
    async def list_items() -> list[Item]:
        return items

    return app


def build_starlette() -> Any:
    """Starlette as its users write it: request objects, pydantic for the body, the chain called by hand."""
    from pydantic import BaseModel, ValidationError
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    class User(BaseModel):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(BaseModel):
        id: int
        name: str
        price: float
        in_stock: bool

    items = [Item(**item) for item in ITEMS]

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def get_user(request: Request) -> JSONResponse:
        user_id = request.path_params["user_id"]
        verbose = request.query_params.get("verbose", "false").lower() in ("true", "1", "yes", "on")
        return JSONResponse({"id": user_id, "verbose": verbose, "name": f"user{user_id}"})

    async def create_user(request: Request) -> JSONResponse:
        try:
            user = User.model_validate_json(await request.body())
        except ValidationError as exc:
            return JSONResponse({"detail": exc.errors(include_url=False)}, status_code=422)
        return JSONResponse(user.model_dump())

    async def token(request: Request) -> str:
        return request.headers["x-token"]

    async def current_user(request: Request) -> str:
        return await token(request)

    async def context(request: Request) -> dict[str, Any]:
        return {"user": await current_user(request), "level": 3}

    async def deps(request: Request) -> JSONResponse:
        return JSONResponse(await context(request))

    def route_handler(i: int) -> Callable[[Request], Any]:
        async def handler(request: Request) -> JSONResponse:
            return JSONResponse({"route": i, "item": request.path_params["item_id"]})

        return handler

    async def list_items(request: Request) -> JSONResponse:
        return JSONResponse([item.model_dump() for item in items])

    routes = [
        Route("/health", health),
        Route("/users/{user_id:int}", get_user),
        Route("/users", create_user, methods=["POST"]),
        Route("/deps", deps),
        *(Route(f"/route{i}/items/{{item_id}}", route_handler(i)) for i in range(ROUTE_COUNT)),
        Route("/items", list_items),
    ]
    return Starlette(routes=routes)


def build_blacksheep() -> Any:
    """BlackSheep with pydantic bodies; it has no per-request function dependencies, so the chain is called."""
    from blacksheep import Application, FromHeader, FromJSON, json
    from pydantic import BaseModel

    class User(BaseModel):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(BaseModel):
        id: int
        name: str
        price: float
        in_stock: bool

    class XToken(FromHeader[str]):
        name = "X-Token"

    items = [Item(**item) for item in ITEMS]
    app = Application(show_error_details=False)
    get, post = app.router.get, app.router.post

    @get("/health")
    async def health() -> Any:
        return json({"status": "ok"})

    @get("/users/{int:user_id}")
    async def get_user(user_id: int, verbose: bool = False) -> Any:
        return json({"id": user_id, "verbose": verbose, "name": f"user{user_id}"})

    @post("/users")
    async def create_user(user: FromJSON[User]) -> Any:
        return json(user.value.model_dump())

    async def token(x_token: str) -> str:
        return x_token

    async def current_user(x_token: str) -> str:
        return await token(x_token)

    async def context(x_token: str) -> dict[str, Any]:
        return {"user": await current_user(x_token), "level": 3}

    @get("/deps")
    async def deps(x_token: XToken) -> Any:
        return json(await context(x_token.value))

    def route_handler(i: int) -> Callable[..., Any]:
        async def handler(item_id: str) -> Any:
            return json({"route": i, "item": item_id})

        return handler

    for i in range(ROUTE_COUNT):
        get(f"/route{i}/items/{{item_id}}")(route_handler(i))

    @get("/items")
    async def list_items() -> Any:
        return json([item.model_dump() for item in items])

    return app


def build_litestar() -> Any:
    """Litestar with msgspec Structs, ``Provide`` dependencies and a header ``Parameter``."""
    from typing import Annotated

    import msgspec
    from litestar import Litestar, get, post
    from litestar.di import Provide
    from litestar.params import Parameter

    class User(msgspec.Struct):
        name: str
        email: str
        age: int
        active: bool
        score: float
        tags: list[str]

    class Item(msgspec.Struct):
        id: int
        name: str
        price: float
        in_stock: bool

    items = [Item(**item) for item in ITEMS]

    @get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @get("/users/{user_id:int}")
    async def get_user(user_id: int, verbose: bool = False) -> dict[str, Any]:
        return {"id": user_id, "verbose": verbose, "name": f"user{user_id}"}

    @post("/users", status_code=200)
    async def create_user(data: User) -> User:
        return data

    async def token(x_token: Annotated[str, Parameter(header="x-token")]) -> str:
        return x_token

    async def current_user(tok: str) -> str:
        return tok

    async def context(user: str) -> dict[str, Any]:
        return {"user": user, "level": 3}

    @get(
        "/deps",
        dependencies={"tok": Provide(token), "user": Provide(current_user), "ctx": Provide(context)},
    )
    async def deps(ctx: dict[str, Any]) -> dict[str, Any]:
        return ctx

    def route_handler(i: int) -> Any:
        async def handler(item_id: str) -> dict[str, Any]:
            return {"route": i, "item": item_id}

        return get(f"/route{i}/items/{{item_id:str}}", name=f"route{i}")(handler)

    @get("/items")
    async def list_items() -> list[Item]:
        return items

    handlers = [health, get_user, create_user, deps, *(route_handler(i) for i in range(ROUTE_COUNT)), list_items]
    return Litestar(route_handlers=handlers, openapi_config=None)


BUILDERS: dict[str, Callable[[], Any]] = {
    "raw": build_raw,
    "ours": build_ours,
    "fastapi": build_fastapi,
    "faster-api-web": build_faster_api_web,
    "starlette": build_starlette,
    "blacksheep": build_blacksheep,
    "litestar": build_litestar,
}

#: Where a peer answers a scenario differently on purpose (its documented behaviour), what it answers
#: instead: ``(status, body)``, the body as JSON, as bytes, ``None`` for "any JSON with a detail" or ``...``
#: for "any body". The table marks these cells with ``*``; the work is comparable (the error is found and
#: answered), though a 404 for a 405 skips building the ``Allow`` header.
DIFFERENCES: dict[tuple[str, str], tuple[int, Any]] = {
    ("faster-api-web", "405"): (404, {"detail": "Not Found"}),
    ("blacksheep", "404"): (404, b"Resource not found"),
    ("blacksheep", "405"): (404, b"Resource not found"),
    ("blacksheep", "422 (invalid body)"): (400, ...),
    ("starlette", "404"): (404, b"Not Found"),
    ("starlette", "405"): (405, b"Method Not Allowed"),
    ("litestar", "404"): (404, None),
    ("litestar", "405"): (405, None),
    ("litestar", "422 (invalid body)"): (400, None),
}


# -- the worker: build the app, check it, then time what the parent asks for ----------------------------------


def make_scope(method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"localhost"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 8000),
    }


class Prepared:
    """One scenario ready to run: its scope template and its receive/send callables."""

    def __init__(self, scenario: tuple[Any, ...], worker: str = "ours") -> None:
        label, method, path, query, headers, body, self.status, self.expected = scenario
        self.status, self.expected = DIFFERENCES.get((worker, label), (self.status, self.expected))
        self.scope = make_scope(method, path, query, headers)
        message = {"type": "http.request", "body": body, "more_body": False}

        async def receive() -> dict[str, Any]:
            return message

        self.receive = receive


async def _discard(message: dict[str, Any]) -> None:
    return None


async def check(app: Any, prepared: Prepared, name: str) -> str | None:
    """``None`` when the app answers the scenario correctly, else what was wrong."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    try:
        await app(dict(prepared.scope), prepared.receive, send)
    except Exception as exc:
        return f"{name}: raised {exc!r}"
    starts = [m for m in sent if m["type"] == "http.response.start"]
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    if not starts or starts[0]["status"] != prepared.status:
        return f"{name}: status {starts[0]['status'] if starts else None} != {prepared.status}: {body[:200]!r}"
    if prepared.expected is ...:
        return None
    if isinstance(prepared.expected, bytes):
        return None if body == prepared.expected else f"{name}: body {body[:200]!r} != {prepared.expected!r}"
    try:
        data = json.loads(body)
    except ValueError:
        return f"{name}: body is not JSON: {body[:200]!r}"
    if prepared.expected is not None and data != prepared.expected:
        return f"{name}: body {body[:200]!r} != {prepared.expected!r}"
    if prepared.expected is None and "detail" not in data:
        return f"{name}: error body without detail: {body[:200]!r}"
    return None


async def time_loop(app: Any, prepared: Prepared, n: int) -> float:
    """Microseconds per request over ``n`` sequential requests (a fresh shallow scope copy each)."""
    scope, receive = prepared.scope, prepared.receive
    copy = dict.copy
    start = time.perf_counter()
    for _ in range(n):
        await app(copy(scope), receive, _discard)
    return (time.perf_counter() - start) / n * 1e6


async def worker_main(name: str) -> None:
    app = BUILDERS[name]()
    if name == "blacksheep":
        await app.start()  # BlackSheep builds its router and binders at start-up
    prepared = [Prepared(s, name) for s in SCENARIOS]
    problems = [await check(app, p, s[0]) for p, s in zip(prepared, SCENARIOS, strict=True)]
    # Warm up each scenario (lazy builds, caches) before anything is timed.
    for p in prepared:
        await time_loop(app, p, 200)

    async def time_scenario(index: int, n: int) -> float:
        return await time_loop(app, prepared[index], n)

    await answer_commands(time_scenario, [p for p in problems if p])


# -- the parent: venvs, workers, interleaved rounds, the table --------------------------------------------------


def ensure_venv(name: str) -> str:
    """The python of the scratch venv holding peer ``name`` (Starlette shares FastAPI's)."""
    name = VENV_OF.get(name, name)
    return scratch_venv(f"asgi-{name}", PEERS[name])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter loops (noisier)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per cell (median is reported)")
    parser.add_argument("--only", nargs="*", choices=WORKERS, help="measure only these workers")
    parser.add_argument("--scenario", nargs="*", help="measure only scenarios whose name contains one of these")
    parser.add_argument(
        "--before",
        metavar="PYTHON",
        help="also measure 'ours' as installed in another environment (e.g. a worktree of an older commit)",
    )
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return
    rounds = args.rounds or (3 if args.quick else 7)
    budget = 0.05 if args.quick else 0.2  # seconds per timed loop
    names = args.only or WORKERS
    pythons = {name: ensure_venv(name) if name in PEERS else sys.executable for name in names}
    if args.before:
        names = [*names[: names.index("ours")], "before", *names[names.index("ours") :]] if "ours" in names else names
        pythons["before"] = args.before
    script = str(Path(__file__).resolve())
    workers = {
        name: Worker(script, name, pythons[name], worker_name="ours" if name == "before" else name) for name in names
    }
    results: dict[str, dict[str, float]] = {name: {} for name in names}
    try:
        for worker in workers.values():
            worker.wait_ready()
        for index, scenario in enumerate(SCENARIOS):
            label = scenario[0]
            if args.scenario and not any(part in label for part in args.scenario):
                continue
            medians = interleaved_medians(workers, index, rounds=rounds, budget=budget)
            for name in names:
                results[name][label] = medians[name]
            print(f"  measured {label}", file=sys.stderr)
    finally:
        for worker in workers.values():
            worker.close()
    print_table(names, results)


def print_table(names: list[str], results: dict[str, dict[str, float]]) -> None:
    """A Markdown table: µs per worker, then ``ours/raw`` and ``peer/ours`` (above 1.00x: ours is faster)."""
    labels = [s[0] for s in SCENARIOS if s[0] in results[names[0]]]
    print(f"\nµs per request (median of rounds), Python {sys.version.split()[0]}\n")
    ratios: list[tuple[str, str, bool]] = []
    if "ours" in names:
        if "raw" in names:
            ratios.append(("ours/raw", "raw", True))
            if "before" in names:
                ratios.insert(0, ("before/raw", "raw", True))
        ratios += [(f"{peer}/ours", peer, False) for peer in names if peer not in ("raw", "ours")]
    print("| scenario | " + " | ".join(names) + "".join(f" | {title}" for title, _, _ in ratios) + " |")
    print("|---" + "|---:" * (len(names) + len(ratios)) + "|")
    marked = False
    for label in labels:
        cells = []
        for name in names:
            mark = "*" if (name, label) in DIFFERENCES else ""
            marked = marked or bool(mark)
            cells.append(f"{results[name][label]:.2f}{mark}")
        for title, peer, ours_over in ratios:
            ours, other = results[title.split("/")[0] if ours_over else "ours"][label], results[peer][label]
            cells.append(f"{(ours / other if ours_over else other / ours):.2f}x")
        print(f"| {label} | " + " | ".join(cells) + " |")
    if marked:
        print("\n\\* answers differently (its own behaviour):")
        for (name, label), (status, body) in DIFFERENCES.items():
            if name in names and label in labels:
                shown = "any body" if body is ... else "a JSON detail" if body is None else repr(body)
                print(f"  {name}, {label}: {status} with {shown}")


if __name__ == "__main__":
    main()
