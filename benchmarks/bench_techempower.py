"""The TechEmpower tests over HTTP with a real PostgreSQL: ours against FastAPI and faster-api-web.

Run from the repository root (needs wrk and PostgreSQL: ``apt-get install wrk postgresql``):

    uv run python benchmarks/bench_techempower.py                 # about two minutes
    uv run python benchmarks/bench_techempower.py --seconds 2 --rounds 1 --tests json db   # a quick look

The script starts a throw-away PostgreSQL on a loopback port (``fasterapi_extras.testing.postgres_server``),
fills the ``world`` (10,000 rows) and ``fortune`` tables with the data of ``examples/techempower``, then serves
``benchmarks/techempower/app_*.py`` with uvicorn (httptools + uvloop, one worker each, pinned to CPU 0 when there
are two) and loads each with wrk (one thread on CPU 1, ``--connections`` connections, ``--seconds`` per run, after
a one-second warm-up). Every app's answers are checked before anything is timed. Rounds interleave the
frameworks, so all see the same quiet and busy moments of the machine; each cell is the median of the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import re
import statistics
import sys
from pathlib import Path

from _http import Load, Server, ensure_venv, load, ours_python, require_wrk, wrk

HERE = Path(__file__).resolve().parent
APPS = HERE / "techempower"
EXAMPLE = HERE.parent / "examples" / "techempower"
FRAMEWORKS = {"ours": "app_ours:app", "fastapi": "app_fastapi:app", "faster-api-web": "app_faster_api_web:app"}
TESTS = {
    "json": "/json",
    "plaintext": "/plaintext",
    "db": "/db",
    "queries": "/queries?queries={n}",
    "fortunes": "/fortunes",
    "updates": "/updates?queries={n}",
}


async def fill(url: str) -> None:
    """Create and fill the two tables with the example app's own code and data."""
    sys.path.insert(0, str(EXAMPLE))
    from db import connect

    database = await connect(url)
    try:
        await database.prepare()
    finally:
        await database.close()


async def stored_worlds(url: str, ids: list[int]) -> dict[int, int]:
    import asyncpg

    connection = await asyncpg.connect(url, timeout=10)
    try:
        rows = await connection.fetch("SELECT id, randomnumber FROM world WHERE id = ANY($1)", ids)
    finally:
        await connection.close()
    return {row[0]: row[1] for row in rows}


def check(server: Server, queries: int, database_url: str) -> list[str]:
    """What a TechEmpower verifier would look at, in short: bodies, content types, counts, escaping, order."""
    problems: list[str] = []

    def expect(condition: bool, what: str) -> None:
        if not condition:
            problems.append(f"{server.label}: {what}")

    status, headers, body = server.get("/json")
    expect(status == 200 and json.loads(body) == {"message": "Hello, World!"}, f"/json answered {body!r}")
    expect(headers["content-type"].startswith("application/json"), "/json content type")
    status, headers, body = server.get("/plaintext")
    expect(body == b"Hello, World!" and headers["content-type"].startswith("text/plain"), "/plaintext")
    world = json.loads(server.get("/db")[2])
    expect(set(world) == {"id", "randomNumber"} and 1 <= world["id"] <= 10_000, f"/db answered {world}")
    for query, count in (
        (f"?queries={queries}", queries),
        ("?queries=foo", 1),
        ("?queries=0", 1),
        ("?queries=501", 500),
    ):
        expect(len(json.loads(server.get(f"/queries{query}")[2])) == count, f"/queries{query} is not {count} rows")
    status, headers, body = server.get("/fortunes")
    page = body.decode()
    rows = [html.unescape(m) for m in re.findall(r"<tr><td>\d+</td><td>(.*?)</td></tr>", page)]
    expect(headers["content-type"].startswith("text/html"), "/fortunes content type")
    expect("<script>" not in page and "&lt;script&gt;" in page, "/fortunes does not escape markup")
    expect(len(rows) == 13 and rows == sorted(rows), f"/fortunes rows are not the 13 sorted ones: {rows}")
    expect("Additional fortune added at request time." in rows, "/fortunes lacks the request-time fortune")
    updated = json.loads(server.get(f"/updates?queries={queries}")[2])
    expect(len(updated) == queries, f"/updates?queries={queries} answered {len(updated)} rows")
    stored = asyncio.run(stored_worlds(database_url, [w["id"] for w in updated]))
    expect(stored == {w["id"]: w["randomNumber"] for w in updated}, "/updates did not store what it answered")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="wrk duration per measured run (default 3)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    parser.add_argument("--rounds", type=int, default=2, help="measured runs per cell, median reported (default 2)")
    parser.add_argument("--queries", type=int, default=20, help="N of /queries and /updates (default 20)")
    parser.add_argument("--tests", nargs="*", choices=list(TESTS), help="only these tests")
    parser.add_argument("--only", nargs="*", choices=list(FRAMEWORKS), help="only these frameworks")
    args = parser.parse_args()
    require_wrk()
    from fasterapi_extras.testing import postgres_server

    names = args.only or list(FRAMEWORKS)
    tests = args.tests or list(TESTS)
    pythons = {
        name: ours_python(["uvicorn", "httptools", "uvloop", "asyncpg", "jinja2"])
        if name == "ours"
        else ensure_venv(name)
        for name in names
    }
    results: dict[str, dict[str, list[Load]]] = {name: {test: [] for test in tests} for name in names}
    with postgres_server() as database_url:
        asyncio.run(fill(database_url))
        servers = {
            name: Server(name, pythons[name], "uvicorn", APPS, FRAMEWORKS[name], env={"DATABASE_URL": database_url})
            for name in names
        }
        try:
            for server in servers.values():
                server.start()
            problems = [problem for server in servers.values() for problem in check(server, args.queries, database_url)]
            if problems:
                raise SystemExit("wrong answers, nothing timed:\n  " + "\n  ".join(problems))
            for test in tests:
                path = TESTS[test].format(n=args.queries)
                for name in names:
                    wrk(servers[name].url + path, seconds=1, connections=args.connections)  # warm-up
                for _ in range(args.rounds):
                    for name in names:
                        results[name][test].append(
                            load(servers[name], path, seconds=args.seconds, connections=args.connections)
                        )
                print(f"  measured {path}", file=sys.stderr)
        finally:
            for server in servers.values():
                server.stop()
    print_table(names, tests, results, args)


def print_table(
    names: list[str], tests: list[str], results: dict[str, dict[str, list[Load]]], args: argparse.Namespace
) -> None:
    def median(name: str, test: str, metric: str) -> float:
        return statistics.median(getattr(x, metric) for x in results[name][test])

    errors = {n: sum(x.errors for t in tests for x in results[n][t]) for n in names}
    print(
        f"\nuvicorn (httptools, uvloop), 1 worker each; wrk -t1 -c{args.connections} -d{args.seconds:g}s; "
        f"median of {args.rounds} round(s); N = {args.queries}; Python {sys.version.split()[0]}; "
        "CPU µs: the app server's CPU time per request (PostgreSQL's not included)\n"
    )
    peers = [n for n in names if n != "ours"] if "ours" in names else []
    header = "| test | " + " | ".join(f"{n} req/s" for n in names)
    header += "".join(f" | ours/{peer} req/s" for peer in peers)
    header += " | " + " | ".join(f"{n} p99 ms" for n in names) + " | " + " | ".join(f"{n} CPU µs" for n in names)
    print(header + " |")
    print("|---" * header.count("|") + "|")
    for test in tests:
        rps = {n: median(n, test, "requests_per_second") for n in names}
        row = f"| `{TESTS[test].format(n=args.queries)}` | " + " | ".join(f"{rps[n]:,.0f}" for n in names)
        row += "".join(f" | {rps['ours'] / rps[peer]:.2f}x" for peer in peers)
        row += " | " + " | ".join(f"{median(n, test, 'p99_ms'):.1f}" for n in names)
        row += " | " + " | ".join(f"{median(n, test, 'server_cpu_us'):.0f}" for n in names)
        print(row + " |")
    print("\nerrors (non-2xx, socket): " + ", ".join(f"{n} {errors[n]}" for n in names))


if __name__ == "__main__":
    main()
