"""Requests per second over HTTP: ours against a raw ASGI app, FastAPI and faster-api-web, on uvicorn and granian.

Run from the repository root (needs wrk: ``apt-get install wrk``):

    uv run python benchmarks/bench_http.py                         # about two minutes
    uv run python benchmarks/bench_http.py --servers granian --only raw ours --workers 1 2

The apps are ``benchmarks/hello_apps/app_*.py``: ``GET /json`` (a Struct or model), ``GET /plaintext`` and
``GET /users/{user_id}?verbose=true`` (a path and a query parameter converted). ``raw`` is a hand-written
ASGI callable, the floor a framework adds its cost to. For each server and worker count, every app is
started (uvicorn with httptools + uvloop, granian's ASGI interface with uvloop; one-worker servers pinned
to CPU 0 and wrk to CPU 1 when there are two CPUs), its answers are checked, and each endpoint is loaded
with wrk (one thread, ``--connections``, ``--seconds`` per run after a one-second warm-up), rounds
interleaving the apps. Cells are medians of the rounds; ``ours/raw`` is our share of the raw app's req/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from _http import Load, Server, ensure_venv, load, ours_python, require_wrk, wrk

HERE = Path(__file__).resolve().parent
APPS = HERE / "hello_apps"
FRAMEWORKS = {
    "raw": "app_raw:app",
    "ours": "app_ours:app",
    "fastapi": "app_fastapi:app",
    "faster-api-web": "app_faster_api_web:app",
}
ENDPOINTS = {
    "/json": {"message": "Hello, World!"},
    "/plaintext": "Hello, World!",
    "/users/42?verbose=true": {"id": 42, "verbose": True, "name": "user42"},
}


def check(server: Server) -> list[str]:
    problems = []
    for path, expected in ENDPOINTS.items():
        status, _, body = server.get(path)
        answer = body.decode() if isinstance(expected, str) else json.loads(body)
        if status != 200 or answer != expected:
            problems.append(f"{server.label} on {server.server}: {path} answered {status} {body!r}")
    return problems


def measure(
    server_name: str, workers: int, names: list[str], pythons: dict[str, str], args: argparse.Namespace
) -> dict[str, dict[str, list[Load]]]:
    servers = {
        name: Server(name, pythons[name], server_name, APPS, FRAMEWORKS[name], workers=workers) for name in names
    }
    results: dict[str, dict[str, list[Load]]] = {name: {path: [] for path in ENDPOINTS} for name in names}
    try:
        for server in servers.values():
            server.start()
        problems = [problem for server in servers.values() for problem in check(server)]
        if problems:
            raise SystemExit("wrong answers, nothing timed:\n  " + "\n  ".join(problems))
        for path in ENDPOINTS:
            for name in names:
                wrk(servers[name].url + path, seconds=1, connections=args.connections)  # warm-up
            for _ in range(args.rounds):
                for name in names:
                    results[name][path].append(
                        load(servers[name], path, seconds=args.seconds, connections=args.connections)
                    )
            print(f"  measured {server_name} x{workers} {path}", file=sys.stderr)
    finally:
        for server in servers.values():
            server.stop()
    return results


def print_table(
    server_name: str,
    workers: int,
    names: list[str],
    results: dict[str, dict[str, list[Load]]],
    args: argparse.Namespace,
) -> None:
    def median(name: str, path: str, metric: str) -> float:
        return statistics.median(getattr(x, metric) for x in results[name][path])

    errors = sum(x.errors for n in names for p in ENDPOINTS for x in results[n][p])
    print(
        f"\n### {server_name}, {workers} worker(s)\n\nwrk -t1 -c{args.connections} -d{args.seconds:g}s, "
        f"median of {args.rounds}; errors (non-2xx, socket): {errors}\n"
    )
    peers = [peer for peer in ("fastapi", "faster-api-web") if "ours" in names and peer in names]
    share = "ours" in names and "raw" in names
    header = "| endpoint | " + " | ".join(f"{n} req/s" for n in names)
    header += " | ours/raw req/s | ours/raw CPU" if share else ""
    header += "".join(f" | ours/{peer} req/s" for peer in peers)
    header += " | " + " | ".join(f"{n} p99 ms" for n in names) + " | " + " | ".join(f"{n} CPU µs" for n in names)
    print(header + " |")
    print("|---" * header.count("|") + "|")
    for path in ENDPOINTS:
        rps = {n: median(n, path, "requests_per_second") for n in names}
        cpu = {n: median(n, path, "server_cpu_us") for n in names}
        row = f"| `{path}` | " + " | ".join(f"{rps[n]:,.0f}" for n in names)
        if share:
            row += f" | {rps['ours'] / rps['raw']:.1%} | {cpu['raw'] / cpu['ours']:.1%}"
        row += "".join(f" | {rps['ours'] / rps[peer]:.2f}x" for peer in peers)
        row += " | " + " | ".join(f"{median(n, path, 'p99_ms'):.1f}" for n in names)
        row += " | " + " | ".join(f"{cpu[n]:.0f}" for n in names)
        print(row + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers", nargs="*", choices=["uvicorn", "granian"], default=["uvicorn", "granian"])
    parser.add_argument("--workers", nargs="*", type=int, default=[1], help="worker counts to measure (default 1)")
    parser.add_argument("--only", nargs="*", choices=list(FRAMEWORKS), help="only these apps")
    parser.add_argument("--seconds", type=float, default=2.0, help="wrk duration per measured run (default 2)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    parser.add_argument("--rounds", type=int, default=2, help="measured runs per cell, median reported (default 2)")
    args = parser.parse_args()
    require_wrk()
    names = args.only or list(FRAMEWORKS)
    servers_needed = ["uvicorn", "httptools", "uvloop", *(["granian"] if "granian" in args.servers else [])]
    pythons = {name: ours_python(servers_needed) if name in ("raw", "ours") else ensure_venv(name) for name in names}
    tables = []
    for server_name in args.servers:
        for workers in args.workers:
            tables.append((server_name, workers, measure(server_name, workers, names, pythons, args)))
    print(
        f"\nPython {sys.version.split()[0]}. req/s and p99 from wrk; CPU µs: the server's CPU time per request "
        "(all its processes), steadier than req/s on a busy machine; ours/raw CPU = raw's CPU µs / ours."
    )
    for server_name, workers, results in tables:
        print_table(server_name, workers, names, results, args)


if __name__ == "__main__":
    main()
