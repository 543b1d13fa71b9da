"""Requests per second straight through the ASGI callable: ours against raw ASGI, FastAPI and faster-api-web.

Run from the repository root:

    uv run python benchmarks/bench_direct_asgi.py            # a minute or two
    uv run python benchmarks/bench_direct_asgi.py --quick    # shorter, noisier

Each framework's app is called in-process with a prepared scope, ``receive`` and ``send`` (no server,
no sockets), so the numbers are the framework's own cost per request. Four workers, each a subprocess
running this same file with ``--worker NAME``:

- ``raw``: a hand-written ASGI callable using msgspec, the floor (workspace venv);
- ``ours``: ``FasterAPI`` from this workspace (workspace venv);
- ``fastapi``: FastAPI with pydantic models (scratch venv ``benchmarks/.venvs/asgi-fastapi``);
- ``faster-api-web``: the public project, which imports as ``FasterAPI`` like ours (scratch venv
  ``benchmarks/.venvs/asgi-faster-api-web``).

The scratch venvs are created on first run with ``uv venv`` + ``uv pip install`` (versions pinned below).
Every response is checked (status and body) before anything is timed; rounds interleave the workers so
all of them see the same quiet and busy moments of the machine; each cell is the median of the rounds.
"""

# No ``from __future__ import annotations``: FastAPI cannot resolve string annotations of local models.

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VENVS = HERE / ".venvs"
PEERS: dict[str, list[str]] = {
    "fastapi": ["fastapi==0.165.0", "starlette==1.10.0", "pydantic==2.14.4"],
    "faster-api-web": ["faster-api-web==0.2.14"],
}
WORKERS = ["raw", "ours", "fastapi", "faster-api-web"]

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

    async def respond(send: Any, status: int, body: bytes) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        path: str = scope["path"]
        if path == "/health":
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


BUILDERS: dict[str, Callable[[], Any]] = {
    "raw": build_raw,
    "ours": build_ours,
    "fastapi": build_fastapi,
    "faster-api-web": build_faster_api_web,
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

    def __init__(self, scenario: tuple[Any, ...]) -> None:
        _, method, path, query, headers, body, self.status, self.expected = scenario
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
    prepared = [Prepared(s) for s in SCENARIOS]
    problems = [await check(app, p, s[0]) for p, s in zip(prepared, SCENARIOS, strict=True)]
    # Warm up each scenario (lazy builds, caches) before anything is timed.
    for p in prepared:
        await time_loop(app, p, 200)
    print(json.dumps({"problems": [p for p in problems if p]}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "quit":
            return
        index, n = command["scenario"], command["n"]
        micros = await time_loop(app, prepared[index], n)
        print(json.dumps({"us": micros}), flush=True)


# -- the parent: venvs, workers, interleaved rounds, the table --------------------------------------------------


def ensure_venv(name: str) -> Path:
    venv = VENVS / f"asgi-{name}"
    python = venv / "bin" / "python"
    marker = venv / ".requirements"
    wanted = "\n".join(PEERS[name])
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return python
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("uv is needed to create the scratch venvs (https://docs.astral.sh/uv/)")
    print(f"creating {venv.relative_to(HERE.parent)} with {', '.join(PEERS[name])} ...", file=sys.stderr)
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    subprocess.run([uv, "pip", "install", "-q", "--python", str(python), *PEERS[name]], check=True)
    marker.write_text(wanted)
    return python


class Worker:
    def __init__(self, name: str, python: str) -> None:
        self.name = name
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        self.process = subprocess.Popen(
            [python, str(Path(__file__).resolve()), "--worker", name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=str(HERE),
        )
        ready = self._read()
        if ready["problems"]:
            self.close()
            raise SystemExit(f"{name} answered wrongly:\n  " + "\n  ".join(ready["problems"]))

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"worker {self.name} exited early (code {self.process.wait()})")
        result: dict[str, Any] = json.loads(line)
        return result

    def run(self, scenario: int, n: int) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"cmd": "run", "scenario": scenario, "n": n}) + "\n")
        self.process.stdin.flush()
        micros: float = self._read()["us"]
        return micros

    def close(self) -> None:
        if self.process.stdin is not None and self.process.poll() is None:
            self.process.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.process.stdin.flush()
        self.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter loops (noisier)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per cell (median is reported)")
    parser.add_argument("--only", nargs="*", choices=WORKERS, help="measure only these workers")
    parser.add_argument("--scenario", nargs="*", help="measure only scenarios whose name contains one of these")
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return
    rounds = args.rounds or (3 if args.quick else 7)
    budget = 0.05 if args.quick else 0.2  # seconds per timed loop
    names = args.only or WORKERS
    pythons = {name: str(ensure_venv(name)) if name in PEERS else sys.executable for name in names}
    workers = {name: Worker(name, pythons[name]) for name in names}
    results: dict[str, dict[str, float]] = {name: {} for name in names}
    try:
        for index, scenario in enumerate(SCENARIOS):
            label = scenario[0]
            if args.scenario and not any(part in label for part in args.scenario):
                continue
            counts = {name: max(50, int(budget / max(workers[name].run(index, 50), 0.1) * 1e6)) for name in names}
            samples: dict[str, list[float]] = {name: [] for name in names}
            for _ in range(rounds):
                for name in names:
                    samples[name].append(workers[name].run(index, counts[name]))
            for name in names:
                results[name][label] = statistics.median(samples[name])
            print(f"  measured {label}", file=sys.stderr)
    finally:
        for worker in workers.values():
            worker.close()
    print_table(names, results)


def print_table(names: list[str], results: dict[str, dict[str, float]]) -> None:
    labels = [s[0] for s in SCENARIOS if s[0] in results[names[0]]]
    width = max(len(label) for label in labels) + 2
    print(f"\nµs per request (median of rounds), Python {sys.version.split()[0]}\n")
    header = f"{'scenario':<{width}}" + "".join(f"{name:>16}" for name in names)
    ratios = []
    if "ours" in names:
        if "raw" in names:
            ratios.append(("ours/raw", "raw", True))
        for peer in ("fastapi", "faster-api-web"):
            if peer in names:
                ratios.append((f"{peer}/ours", peer, False))
    header += "".join(f"{title:>20}" for title, _, _ in ratios)
    print(header)
    print("-" * len(header))
    for label in labels:
        row = f"{label:<{width}}" + "".join(f"{results[name][label]:>16.2f}" for name in names)
        for _, peer, ours_over in ratios:
            ours, other = results["ours"][label], results[peer][label]
            row += f"{(ours / other if ours_over else other / ours):>19.2f}x"
        print(row)


if __name__ == "__main__":
    main()
