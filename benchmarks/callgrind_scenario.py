"""Instructions per request of one direct-ASGI scenario, counted by valgrind (stable on a busy machine).

Run from the repository root:

    uv run python benchmarks/callgrind_scenario.py "404" "422"      # scenarios whose name contains these
    uv run python benchmarks/callgrind_scenario.py --worker raw 404  # another app of bench_direct_asgi.py
    uv run python benchmarks/callgrind_scenario.py --python ../old/.venv/bin/python deps   # before/after
    uv run python benchmarks/callgrind_scenario.py --list

Wall time on a shared 2-core machine moves by ±20% between runs; an instruction count does not. For each
scenario this runs the app of ``bench_direct_asgi.py`` (``ours`` unless ``--worker`` names another one
available in this environment) under ``valgrind --tool=callgrind`` twice, with ``--small`` and ``--large``
requests after the same warm-up, and prints the difference of the two totals divided by the difference
of the counts: the instructions one request costs, without start-up and import. Keep the counts small:
valgrind runs Python about 50 times slower.
"""

import argparse
import asyncio
import gc
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_direct_asgi as bench  # noqa: E402  (the apps and scenarios live there)


async def _run(worker: str, label: str, count: int) -> None:
    """Warm the app up on ``label`` (lazy builds, caches), then send ``count`` more requests."""
    app = bench.BUILDERS[worker]()
    scenario = next(s for s in bench.SCENARIOS if s[0] == label)
    prepared = bench.Prepared(scenario)
    problem = await bench.check(app, prepared, label)
    if problem:
        raise SystemExit(problem)
    await bench.time_loop(app, prepared, 50)
    # Everything alive now (modules, the app) leaves the collector's view: a full collection walking
    # the whole heap in one run and not in the other would swamp the difference of the two runs.
    gc.collect()
    gc.freeze()
    await bench.time_loop(app, prepared, count)


def _collected(python: str, worker: str, label: str, count: int) -> int:
    """Instructions valgrind counted for a whole run with ``count`` timed requests."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("valgrind is needed (apt-get install valgrind)")
    command = [
        valgrind,
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        python,
        str(Path(__file__).resolve()),
        "--inner",
        worker,
        label,
        str(count),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts in every run
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or match is None:
        raise SystemExit(f"valgrind run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", help="scenarios whose name contains one of these (all if none)")
    parser.add_argument("--worker", default="ours", help="which app of bench_direct_asgi.py (default: ours)")
    parser.add_argument("--small", type=int, default=100, help="requests in the short run")
    parser.add_argument("--large", type=int, default=600, help="requests in the long run")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter to count (another checkout's venv: before/after)"
    )
    parser.add_argument("--inner", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        worker, label, count = args.inner
        asyncio.run(_run(worker, label, int(count)))
        return
    labels = [s[0] for s in bench.SCENARIOS]
    if args.list:
        print("\n".join(labels))
        return
    chosen = [label for label in labels if not args.scenarios or any(part in label for part in args.scenarios)]
    print(f"instructions per request ({args.worker}, callgrind, {args.large} - {args.small} requests)")
    for label in chosen:
        small = _collected(args.python, args.worker, label, args.small)
        large = _collected(args.python, args.worker, label, args.large)
        print(f"{label:<36}{(large - small) / (args.large - args.small):>12,.0f}", flush=True)


if __name__ == "__main__":
    main()
