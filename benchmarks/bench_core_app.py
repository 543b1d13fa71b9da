"""Cost per request of responses, errors and middleware: ours against FastAPI, straight through ASGI.

Run from the repository root:

    uv run python benchmarks/bench_core_app.py            # a minute or two
    uv run python benchmarks/bench_core_app.py --quick    # shorter, noisier

Every scenario builds the same small app twice, once with ``fasterapi_core`` (workspace venv) and once
with FastAPI (scratch venv ``benchmarks/.venvs/asgi-fastapi``, created on first run, versions pinned in
``bench_direct_asgi.py``). Each framework runs in its own subprocess (this file with ``--worker NAME``);
responses are checked before timing; rounds alternate between the two workers and each cell is the
median over rounds of process CPU time per request (CPU time, not wall time, so a busy machine disturbs
the numbers less).
"""

# No ``from __future__ import annotations``: FastAPI cannot resolve string annotations of local handlers.

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _peers import Worker
from bench_direct_asgi import ensure_venv

BIG = {"items": [{"id": i, "name": f"item number {i}", "tags": ["a", "b", "c"]} for i in range(60)]}
ORIGIN = (b"origin", b"https://app.example")

# name, method, path, extra request headers, expected status
SCENARIOS: list[tuple[str, str, str, list[tuple[bytes, bytes]], int]] = [
    ("JSON, no middleware", "GET", "/plain", [], 200),
    ("CORS simple request", "GET", "/cors", [ORIGIN], 200),
    ("CORS preflight", "OPTIONS", "/cors", [ORIGIN, (b"access-control-request-method", b"GET")], 200),
    ("GZip, 4 KB JSON", "GET", "/gzip", [(b"accept-encoding", b"gzip")], 200),
    ("http middleware + call_next", "GET", "/mw", [], 200),
    ("StreamingResponse, 10 chunks", "GET", "/stream", [], 200),
    ("HTTPException 404 from handler", "GET", "/missing", [], 404),
    ("Response param + set_cookie", "GET", "/cookie", [], 200),
    ("background task", "GET", "/background", [], 200),
]


def build(framework: str) -> Any:
    """One small app per scenario path, so each scenario pays only for its own middleware."""
    if framework == "ours":
        from fasterapi_core import BackgroundTasks, Faster as App, HTTPException, Request, Response, StreamingResponse
        from fasterapi_core.middleware import CORSMiddleware, GZipMiddleware
    else:
        from fastapi import BackgroundTasks, FastAPI as App, HTTPException, Request, Response
        from fastapi.middleware.cors import CORSMiddleware
        from fastapi.middleware.gzip import GZipMiddleware
        from fastapi.responses import StreamingResponse

    def app_for(path: str, handler: Any, middleware: Any = None, **options: Any) -> Any:
        app = App(openapi_url=None, docs_url=None, redoc_url=None)
        app.get(path)(handler)
        if middleware is not None:
            middleware(app)
        return app

    async def plain() -> dict:
        return {"status": "ok"}

    async def big() -> dict:
        return BIG

    async def missing() -> dict:
        raise HTTPException(status_code=404, detail="no such thing")

    async def cookie(response: Response) -> dict:
        response.set_cookie("session", "abc", httponly=True)
        return {"ok": True}

    def chunks() -> Any:
        async def gen() -> Any:
            for _ in range(10):
                yield b"0123456789"

        return gen()

    async def stream() -> Any:
        return StreamingResponse(chunks(), media_type="text/plain")

    async def noop() -> None:
        return None

    async def background(tasks: BackgroundTasks) -> dict:
        tasks.add_task(noop)
        return {"ok": True}

    def with_cors(app: Any) -> None:
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example"], allow_methods=["GET"])

    def with_gzip(app: Any) -> None:
        app.add_middleware(GZipMiddleware, minimum_size=500)

    def with_http_mw(app: Any) -> None:
        @app.middleware("http")
        async def add_header(request: Request, call_next: Any) -> Any:
            response = await call_next(request)
            response.headers["X-Mw"] = "1"
            return response

    apps = {
        "/plain": app_for("/plain", plain),
        "/cors": app_for("/cors", plain, with_cors),
        "/gzip": app_for("/gzip", big, with_gzip),
        "/mw": app_for("/mw", plain, with_http_mw),
        "/stream": app_for("/stream", stream),
        "/missing": app_for("/missing", missing),
        "/cookie": app_for("/cookie", cookie),
        "/background": app_for("/background", background),
    }
    return apps


def make_scope(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"bench"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("bench", 80),
    }


_REQUEST = {"type": "http.request", "body": b"", "more_body": False}


async def one(app: Any, scenario: tuple[Any, ...], sink: list[dict[str, Any]] | None) -> None:
    _, method, path, headers, _ = scenario
    delivered = False

    async def receive() -> dict[str, Any]:
        # Like a server: the (empty) body once, then nothing until the client goes away.
        nonlocal delivered
        if not delivered:
            delivered = True
            return _REQUEST
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if sink is not None:
            sink.append(message)

    await app(make_scope(method, path, headers), receive, send)


async def worker_main(name: str) -> None:
    apps = build(name)
    for line in sys.stdin:
        request = json.loads(line)
        scenario = SCENARIOS[request["scenario"]]
        app = apps[scenario[2]]
        if request.get("check"):
            sink: list[dict[str, Any]] = []
            await one(app, scenario, sink)
            status = sink[0]["status"]
            ok = status == scenario[4] and sink[-1].get("more_body", False) is False
            print(json.dumps({"ok": ok, "status": status}), flush=True)
            continue
        n = request["n"]
        for _ in range(min(n, 200)):
            await one(app, scenario, None)
        start = time.process_time()
        for _ in range(n):
            await one(app, scenario, None)
        elapsed = time.process_time() - start
        print(json.dumps({"us": elapsed / n * 1e6}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--worker")
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return
    n, rounds = (2_000, 3) if args.quick else (10_000, 7)
    script = str(Path(__file__).resolve())
    workers = [Worker(script, "ours", sys.executable), Worker(script, "fastapi", ensure_venv("fastapi"))]
    try:
        for index, scenario in enumerate(SCENARIOS):
            for worker in workers:
                answer = worker.ask({"scenario": index, "check": True})
                if not answer["ok"]:
                    raise SystemExit(f"{worker.name}: {scenario[0]} answered {answer['status']}")
        results: dict[str, dict[str, list[float]]] = {w.name: {s[0]: [] for s in SCENARIOS} for w in workers}
        for _ in range(rounds):
            for index, scenario in enumerate(SCENARIOS):
                for worker in workers:
                    results[worker.name][scenario[0]].append(worker.ask({"scenario": index, "n": n})["us"])
    finally:
        for worker in workers:
            worker.close()
    print(f"\nCPU µs per request (median of {rounds} rounds of {n}), Python {sys.version.split()[0]}\n")
    print(f"{'scenario':<34}{'ours':>10}{'fastapi':>10}{'fastapi/ours':>14}")
    print("-" * 68)
    for scenario in SCENARIOS:
        ours = statistics.median(results["ours"][scenario[0]])
        theirs = statistics.median(results["fastapi"][scenario[0]])
        print(f"{scenario[0]:<34}{ours:>10.2f}{theirs:>10.2f}{theirs / ours:>13.2f}x")


if __name__ == "__main__":
    main()
