"""Cold start: ``import`` time, building a 100-route app, its first request, and the memory it takes.

Run from the repository root:

    uv run python benchmarks/bench_cold_start.py             # about a minute
    uv run python benchmarks/bench_cold_start.py --rounds 3  # quicker, noisier
    uv run python benchmarks/bench_cold_start.py --only ours --breakdown 25

Each measurement is a fresh interpreter (a subprocess running this file with ``--worker NAME``) that
times ``import`` of the framework, declares the same 100 routes (50 ``GET /things{i}/{item_id}`` with a
typed path and query parameter, 50 ``POST /things{i}`` with a 4-field body model and a return
annotation), then answers one request through ASGI, and reports the resident memory (RSS) after the
import and after the first request. ``python`` is the bare interpreter (nothing imported) for scale.
Workers:

- ``ours``: ``FasterAPI`` from this workspace (msgspec Structs); ``before``: the same from the environment
  ``--before`` names (an older checkout);
- ``fastapi``: FastAPI with pydantic models (scratch venv ``benchmarks/.venvs/asgi-fastapi``, shared with
  ``bench_direct_asgi.py``);
- ``faster-api-web``: the public project (scratch venv ``benchmarks/.venvs/asgi-faster-api-web``).

Rounds interleave the workers; each cell is the median of the rounds. Then ``python -X importtime`` runs
once for ours and prints the modules that cost the most to import (``--breakdown N`` lines). With
``--instructions``, ``valgrind --tool=callgrind`` also counts the instructions of ``python -c "import X"``
per worker: a figure that a busy machine does not move, for before/after comparisons.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

WORKERS = ["python", "ours", "fastapi", "faster-api-web"]
#: The module each worker imports (``python`` imports nothing).
IMPORTS = {
    "python": None,
    "ours": "FasterAPI",
    "before": "FasterAPI",
    "fastapi": "fastapi",
    "faster-api-web": "FasterAPI",
}
ROUTES = 100


def _rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux ``/proc``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_ours() -> Any:
    import msgspec

    from FasterAPI import Faster

    class Thing(msgspec.Struct):
        name: str
        price: float
        count: int
        tags: list[str]

    app = Faster()
    for i in range(ROUTES // 2):

        async def read(item_id: int, q: str | None = None) -> dict[str, Any]:
            return {"item_id": item_id, "q": q}

        async def create(thing: Thing) -> Thing:
            return thing

        app.get(f"/things{i}/{{item_id}}", name=f"read{i}")(read)
        app.post(f"/things{i}", name=f"create{i}")(create)
    return app


def build_fastapi() -> Any:
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Thing(BaseModel):
        name: str
        price: float
        count: int
        tags: list[str]

    app = FastAPI()
    for i in range(ROUTES // 2):

        async def read(item_id: int, q: str | None = None) -> dict[str, Any]:
            return {"item_id": item_id, "q": q}

        async def create(thing: Thing) -> Thing:
            return thing

        app.get(f"/things{i}/{{item_id}}", name=f"read{i}")(read)
        app.post(f"/things{i}", name=f"create{i}")(create)
    return app


def build_faster_api_web() -> Any:
    import msgspec

    from FasterAPI import Faster

    class Thing(msgspec.Struct):
        name: str
        price: float
        count: int
        tags: list[str]

    app = Faster()
    for i in range(ROUTES // 2):

        async def read(item_id: str, q: str | None = None) -> dict[str, Any]:
            return {"item_id": int(item_id), "q": q}

        async def create(thing: Thing) -> Thing:
            return thing

        app.get(f"/things{i}/{{item_id}}", name=f"read{i}")(read)
        app.post(f"/things{i}", name=f"create{i}")(create)
    return app


BUILDERS = {"ours": build_ours, "before": build_ours, "fastapi": build_fastapi, "faster-api-web": build_faster_api_web}


async def _first_request(app: Any) -> int:
    """One ``GET /things49/7?q=x`` through ASGI (lazy plans are built now); its status."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/things{ROUTES // 2 - 1}/7",
        "raw_path": f"/things{ROUTES // 2 - 1}/7".encode(),
        "root_path": "",
        "query_string": b"q=x",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 8000),
    }
    await app(scope, receive, send)
    status: int = sent[0]["status"]
    return status


def worker(name: str) -> None:
    """Measure one cold start and print it as JSON (runs in a fresh interpreter)."""
    result: dict[str, Any] = {"rss_start": _rss_mb()}
    module = IMPORTS[name]
    if module is not None:
        start = time.perf_counter()
        __import__(module)
        result["import_ms"] = (time.perf_counter() - start) * 1000
        result["rss_import"] = _rss_mb()
        import asyncio

        start = time.perf_counter()
        app = BUILDERS[name]()
        result["build_ms"] = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        status = asyncio.run(_first_request(app))
        result["first_ms"] = (time.perf_counter() - start) * 1000
        if status != 200:
            raise SystemExit(f"{name}: the first request answered {status}")
        result["rss_built"] = _rss_mb()
    print(json.dumps(result), flush=True)


def python_for(name: str) -> str:
    if name in ("fastapi", "faster-api-web"):
        from bench_direct_asgi import ensure_venv

        return str(ensure_venv(name))
    return sys.executable


def run_worker(python: str, name: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # never measure writing .pyc files (they exist after the first round)
    done = subprocess.run(
        [python, str(Path(__file__).resolve()), "--worker", name],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(HERE),
        check=False,
        timeout=120,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {name} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)")


def import_breakdown(python: str, module: str, lines: int) -> list[tuple[int, int, str]]:
    """``(self µs, cumulative µs, module)`` of the costliest imports, from ``python -X importtime``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [python, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(HERE),
        check=True,
        timeout=120,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match:
            rows.append((int(match.group(1)), int(match.group(2)), match.group(3)[1:] + match.group(4)))
    rows.sort(key=lambda row: -row[1])
    return rows[:lines]


def import_instructions(python: str, module: str | None) -> int:
    """Instructions valgrind counts for ``python -c "import module"`` (``pass`` for the bare interpreter)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONHASHSEED"] = "0"
    code = "pass" if module is None else f"import {module}"
    command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=str(HERE), check=False, timeout=900)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed for {module}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=7, help="fresh interpreters per worker (median reported)")
    parser.add_argument("--only", nargs="*", choices=WORKERS, help="measure only these workers")
    parser.add_argument("--breakdown", type=int, default=20, help="lines of ours' import breakdown (0: none)")
    parser.add_argument("--instructions", action="store_true", help="also count import instructions (valgrind)")
    parser.add_argument("--before", metavar="PYTHON", help="also measure 'ours' as installed in another environment")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    names = args.only or WORKERS
    pythons = {name: python_for(name) for name in names}
    if args.before and "ours" in names:
        names = [*names[: names.index("ours") + 1], "before", *names[names.index("ours") + 1 :]]
        pythons["before"] = args.before
    for name in names:  # once each, unmeasured: the OS file cache holds every module afterwards
        run_worker(pythons[name], name)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(args.rounds):
        for name in names:
            samples[name].append(run_worker(pythons[name], name))

    def median(name: str, key: str) -> float:
        return statistics.median(sample[key] for sample in samples[name])

    print(f"\nCold start, median of {args.rounds} fresh interpreters, Python {sys.version.split()[0]}\n")
    columns = ["import (ms)", "100 routes (ms)", "first request (ms)", "total (ms)", "RSS after import (MB)"]
    print("| | " + " | ".join(columns) + " | RSS built (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        if IMPORTS[name] is None:
            rss = median(name, "rss_start")
            print(f"| {name} (bare interpreter) | | | | | {rss:.1f} | {rss:.1f} |")
            continue
        parts = [median(name, key) for key in ("import_ms", "build_ms", "first_ms")]
        print(
            f"| {name} | {parts[0]:.1f} | {parts[1]:.1f} | {parts[2]:.1f} | {sum(parts):.1f} "
            f"| {median(name, 'rss_import'):.1f} | {median(name, 'rss_built'):.1f} |"
        )
    if args.breakdown and "ours" in names:
        print(f"\n`python -X importtime -c 'import FasterAPI'` (ours), top {args.breakdown} by cumulative µs:\n")
        print("| cumulative µs | self µs | module |")
        print("|---:|---:|---|")
        for own, cumulative, module in import_breakdown(pythons["ours"], "FasterAPI", args.breakdown):
            print(f"| {cumulative:,} | {own:,} | `{module}` |")

    if args.instructions:
        print("\n| | instructions of `import` (millions) |")
        print("|---|---:|")
        for name in names:
            count = import_instructions(pythons[name], IMPORTS[name])
            print(f"| {name} | {count / 1e6:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
