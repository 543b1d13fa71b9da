"""Path-router lookups per second: fasterapi_routing against a regex scan, Starlette and faster-api-web.

Run from the repository root:

    uv run python benchmarks/bench_routing.py            # about a minute
    uv run python benchmarks/bench_routing.py --quick    # shorter measurements, noisier

Starlette and the public `faster-api-web` (which imports as `FasterAPI`, like our meta-package) are
not our dependencies, so they live in a scratch venv under benchmarks/.venvs/ (created on first run
with `uv venv` + `uv pip install`) and are measured by this same script running there as a worker
(`--worker`). Every implementation gets the same route tables and the same lookups, measured the same
way: a tight loop of calls, calibrated to run for a fixed time, best of several repeats.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import Any

PEER_REQUIREMENTS = ["faster-api-web==0.2.14", "starlette==1.10.0"]
PEER_VENV = Path(__file__).resolve().parent / ".venvs" / "routing-peers"

#: (label, method, path, index of the route that must answer) for the 100-route table.
LOOKUPS = [
    ("static", "GET", "/static/route25", 25),
    ("one-param", "GET", "/users/42/action15", 65),
    ("two-param", "GET", "/org/abc/team/xyz/member10", 90),
]
SIZES = [10, 100, 1000]

#: CPU time of this process: on a shared machine, time spent waiting for a core is not counted.
_clock = time.process_time


def route_table(size: int) -> list[str]:
    """Half static, 30% one parameter, 20% two parameters (100 -> 50 / 30 / 20)."""
    statics, ones = size // 2, size * 3 // 10
    twos = size - statics - ones
    return (
        [f"/static/route{i}" for i in range(statics)]
        + [f"/users/{{id}}/action{i}" for i in range(ones)]
        + [f"/org/{{org_id}}/team/{{team_id}}/member{i}" for i in range(twos)]
    )


def scaled_lookups(size: int) -> list[tuple[str, str, str, int]]:
    """A lookup in the middle of each group of a table of ``size`` routes."""
    statics, ones = size // 2, size * 3 // 10
    twos = size - statics - ones
    return [
        ("static", "GET", f"/static/route{statics // 2}", statics // 2),
        ("one-param", "GET", f"/users/42/action{ones // 2}", statics + ones // 2),
        ("two-param", "GET", f"/org/abc/team/xyz/member{twos // 2}", statics + ones + twos // 2),
    ]


# -- the implementations -------------------------------------------------------------------------
# Each builder takes the templates and returns (call, args_for(method, path), endpoint_of(result)).

Impl = tuple[Callable[..., Any], Callable[[str, str], tuple[Any, ...]], Callable[[Any], int | None]]


def build_ours(templates: list[str]) -> Impl:
    from fasterapi_routing import Router

    router = Router()
    for index, template in enumerate(templates):
        router.add_route(template, index)

    def endpoint(match: Any) -> int | None:
        return match.route.endpoint if match.route is not None else None

    return router.match, lambda method, path: (method, path), endpoint


def build_regex_scan(templates: list[str]) -> Impl:
    """The classic baseline: one anchored regex per route, tried in order."""
    compiled = []
    for index, template in enumerate(templates):
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
        compiled.append((re.compile(f"^{pattern}$"), frozenset({"GET", "HEAD"}), index))

    def lookup(method: str, path: str) -> tuple[int, dict[str, str]] | None:
        for regex, methods, index in compiled:
            found = regex.match(path)
            if found is not None and method in methods:
                return index, found.groupdict()
        return None

    return lookup, lambda method, path: (method, path), lambda result: result[0] if result else None


def build_starlette(templates: list[str]) -> Impl:
    """What Starlette's Router does per request: ``route.matches(scope)`` over the routes in order."""
    from starlette.routing import Match, Route

    def make_endpoint(index: int) -> Callable[..., Any]:
        async def endpoint(request: Any) -> None: ...

        endpoint.index = index  # type: ignore[attr-defined]
        return endpoint

    routes = [Route(template, make_endpoint(i), methods=["GET"]) for i, template in enumerate(templates)]
    full = Match.FULL

    def lookup(scope: dict[str, Any]) -> Any:
        partial = None
        for route in routes:
            match, child_scope = route.matches(scope)
            if match is full:
                return route, child_scope
            if partial is None and match is not Match.NONE:
                partial = route, child_scope
        return partial

    def args(method: str, path: str) -> tuple[Any, ...]:
        return ({"type": "http", "method": method, "path": path, "root_path": "", "headers": []},)

    return lookup, args, lambda result: result[0].endpoint.index if result else None


def build_faster_api_web(templates: list[str]) -> Impl:
    """The public `faster-api-web` RadixRouter: ``.add_route(method, path, handler)`` / ``.resolve``."""
    from FasterAPI import RadixRouter

    router = RadixRouter()
    for index, template in enumerate(templates):
        router.add_route("GET", template, index)
    return router.resolve, lambda method, path: (method, path), lambda result: result[0] if result else None


BUILDERS: dict[str, Callable[[list[str]], Impl]] = {
    "fasterapi_routing": build_ours,
    "regex scan": build_regex_scan,
    "starlette": build_starlette,
    "faster-api-web": build_faster_api_web,
}
LOCAL = ["fasterapi_routing", "regex scan"]
PEERS = ["starlette", "faster-api-web"]


# -- correctness side by side ---------------------------------------------------------------------
# (what it shows, routes as (method, template), request (method, path), what a correct router answers)

CASES: list[tuple[str, list[tuple[str, str]], tuple[str, str], str]] = [
    (
        "static beats a parameter",
        [("GET", "/users/{user_id}"), ("GET", "/users/me")],
        ("GET", "/users/me"),
        "route 1 {}",
    ),
    (
        "backtracking from a static branch",
        [("GET", "/files/static/y"), ("GET", "/files/{name}/x")],
        ("GET", "/files/static/x"),
        "route 1 {'name': 'static'}",
    ),
    (
        "own parameter names at a shared depth",
        [("GET", "/users/{user_id}"), ("GET", "/users/{id}/posts")],
        ("GET", "/users/7/posts"),
        "route 1 {'id': '7'}",
    ),
    ("int converter", [("GET", "/items/{item_id:int}")], ("GET", "/items/42"), "route 0 {'item_id': 42}"),
    ("int converter rejects text", [("GET", "/items/{item_id:int}")], ("GET", "/items/abc"), "404"),
    (
        "path converter takes the rest",
        [("GET", "/static/{rest:path}")],
        ("GET", "/static/css/site.css"),
        "route 0 {'rest': 'css/site.css'}",
    ),
    ("405 when only the method is wrong", [("GET", "/items")], ("POST", "/items"), "405 GET, HEAD"),
    ("HEAD served wherever GET is", [("GET", "/items")], ("HEAD", "/items"), "route 0 {}"),
    (
        "a later route serving the method beats a 405",
        [("GET", "/things/{thing_id:int}"), ("DELETE", "/things/{name}")],
        ("DELETE", "/things/5"),
        "route 1 {'name': '5'}",
    ),
    ("duplicate method + template is refused", [("GET", "/a"), ("GET", "/a")], ("GET", "/a"), "refused"),
]


def run_cases(name: str) -> list[str]:
    """What ``name`` answers for each case, in the notation of ``CASES``."""
    answers = []
    for _, routes, (method, path), _ in CASES:
        try:
            answers.append(_ask(name, routes, method, path))
        except Exception as exc:
            answers.append(f"raised {type(exc).__name__}: {exc}"[:80])
    return answers


def _ask(name: str, routes: list[tuple[str, str]], method: str, path: str) -> str:
    if name == "fasterapi_routing":
        from fasterapi_routing import MatchStatus, Router

        router = Router()
        try:
            for index, (route_method, template) in enumerate(routes):
                router.add_route(template, index, methods=[route_method])
        except ValueError:
            return "refused"
        match = router.match(method, path)
        if match.status is MatchStatus.FULL:
            assert match.route is not None
            return f"route {match.route.endpoint} {match.params}"
        if match.status is MatchStatus.METHOD_NOT_ALLOWED:
            return "405 " + ", ".join(sorted(match.allowed_methods))
        return "404" if match.status is MatchStatus.NOT_FOUND else match.status.name
    from FasterAPI import RadixRouter

    radix = RadixRouter()
    for index, (route_method, template) in enumerate(routes):
        radix.add_route(route_method, template, index)
    found = radix.resolve(method, path)
    return "404" if found is None else f"route {found[0]} {found[1]}"


# -- measuring -----------------------------------------------------------------------------------


def lookups_per_second(call: Callable[..., Any], args: tuple[Any, ...], seconds: float, repeats: int) -> float:
    """Best of ``repeats`` runs of a loop calibrated to last about ``seconds``."""
    rounds = 1
    while True:
        start = _clock()
        for _ in repeat(None, rounds):
            call(*args)
        elapsed = _clock() - start
        if elapsed > seconds / 10:
            break
        rounds *= 4
    rounds = max(1, int(rounds * seconds / elapsed))
    best = 0.0
    for _ in range(repeats):
        gc.collect()
        start = _clock()
        for _ in repeat(None, rounds):
            call(*args)
        best = max(best, rounds / (_clock() - start))
    return best


def measure(names: list[str], seconds: float, repeats: int) -> dict[str, Any]:
    """{"main": {impl: {label: ops}}, "sizes": {size: {impl: {label: ops}}}} for ``names``.

    The repeats go round every cell in turn, so a noisy moment on the machine hits one repeat of
    many cells rather than every repeat of one cell.
    """
    jobs = [("main", 100, LOOKUPS)] + [(str(size), size, scaled_lookups(size)) for size in SIZES]
    cells: list[tuple[str, str, str, Callable[..., Any], tuple[Any, ...]]] = []
    for job, size, lookups in jobs:
        templates = route_table(size)
        for name in names:
            call, args_for, endpoint_of = BUILDERS[name](templates)
            for label, method, path, expected in lookups:
                args = args_for(method, path)
                got = endpoint_of(call(*args))
                if got != expected:
                    raise AssertionError(f"{name}: {method} {path} gave route {got}, expected {expected}")
                cells.append((job, name, label, call, args))
    best: dict[tuple[str, str, str], float] = {}
    for _ in range(repeats):
        for job, name, label, call, args in cells:
            ops = lookups_per_second(call, args, seconds, 1)
            best[job, name, label] = max(best.get((job, name, label), 0.0), ops)
    results: dict[str, Any] = {"main": {}, "sizes": {}}
    for (job, name, label), ops in best.items():
        table = results["main"] if job == "main" else results["sizes"].setdefault(job, {})
        table.setdefault(name, {})[label] = ops
    return results


def merge_best(into: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Keep the best number per cell over several rounds."""
    if into is None:
        return new
    for name, table in new["main"].items():
        for label, ops in table.items():
            into["main"][name][label] = max(into["main"][name][label], ops)
    for size, impls in new["sizes"].items():
        for name, table in impls.items():
            for label, ops in table.items():
                into["sizes"][size][name][label] = max(into["sizes"][size][name][label], ops)
    return into


# -- the peer venv -------------------------------------------------------------------------------


def peer_python() -> Path | None:
    """The scratch venv's interpreter, created or refreshed when the pinned requirements changed."""
    python = PEER_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    stamp = PEER_VENV / "requirements.stamp"
    wanted = "\n".join(PEER_REQUIREMENTS)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    uv = shutil.which("uv")
    if uv is None:
        print("uv is not on PATH: skipping the Starlette and faster-api-web measurements", file=sys.stderr)
        return None
    print(f"creating {PEER_VENV} with {', '.join(PEER_REQUIREMENTS)} ...", file=sys.stderr)
    try:
        subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(PEER_VENV)], check=True, timeout=300)
        subprocess.run(
            [uv, "pip", "install", "-q", "--python", str(python), *PEER_REQUIREMENTS], check=True, timeout=600
        )
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"could not prepare the peer venv ({exc}); measuring ours only", file=sys.stderr)
        return None
    stamp.write_text(wanted)
    return python


def measure_peers(python: Path, seconds: float, repeats: int) -> dict[str, Any]:
    command = [str(python), str(Path(__file__).resolve()), "--worker", f"--seconds={seconds}", f"--repeats={repeats}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit("the peer worker failed")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# -- report --------------------------------------------------------------------------------------


def report_cases(peers: dict[str, Any] | None) -> None:
    mine = run_cases("fasterapi_routing")
    theirs = peers["cases"] if peers else ["(not measured)"] * len(CASES)
    print()
    print("Correctness, same routes and request (expected answer; ok or what came back)")
    print(f"{'case':<46}{'expected':<34}{'fasterapi_routing':<20}faster-api-web")
    for (what, _, _, expected), ours, peer in zip(CASES, mine, theirs, strict=True):
        mark_ours = "ok" if ours == expected else ours
        mark_peer = "ok" if peer == expected else peer
        print(f"{what:<46}{expected:<34}{mark_ours:<20}{mark_peer}")


def report(ours: dict[str, Any], peers: dict[str, Any] | None) -> None:
    names = LOCAL + (PEERS if peers else [])
    main = {**ours["main"], **(peers["main"] if peers else {})}
    sizes = {size: {**ours["sizes"][size], **(peers["sizes"][size] if peers else {})} for size in ours["sizes"]}
    mine = "fasterapi_routing"
    print(f"Python {sys.version.split()[0]} on {sys.platform}; peers: {', '.join(PEER_REQUIREMENTS)}")
    print()
    print("100 routes (50 static, 30 one-param, 20 two-param): lookups per second, and our speed-up")
    header = f"{'lookup':<10}" + "".join(f"{name:>20}" for name in names)
    print(header)
    print("-" * len(header))
    for label, _, path, _ in LOOKUPS:
        row = f"{label:<10}" + "".join(f"{main[name][label]:>20,.0f}" for name in names)
        print(row + f"   {path}")
    print()
    print(f"{'':<10}" + "".join(f"{'ours / ' + name:>28}" for name in names if name != mine))
    for label, *_ in LOOKUPS:
        ratios = [main[mine][label] / main[name][label] for name in names if name != mine]
        print(f"{label:<10}" + "".join(f"{ratio:>27.2f}x" for ratio in ratios))
    print()
    print("Time per lookup (ns) as the table grows (lookups in the middle of each group)")
    print(f"{'routes':<8}{'lookup':<11}" + "".join(f"{name:>20}" for name in names))
    for size in sizes:
        for label, *_ in LOOKUPS:
            cells = "".join(f"{1e9 / sizes[size][name][label]:>20,.0f}" for name in names)
            print(f"{size:<8}{label:<11}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter measurements (noisier)")
    parser.add_argument("--seconds", type=float, default=None, help="length of one measurement")
    parser.add_argument("--repeats", type=int, default=None, help="measurements per lookup and round")
    parser.add_argument("--rounds", type=int, default=None, help="alternations between peers and ours")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    seconds = options.seconds or (0.05 if options.quick else 0.1)
    repeats = options.repeats or (2 if options.quick else 3)
    rounds = options.rounds or (1 if options.quick else 3)
    if options.worker:
        json.dump({**measure(PEERS, seconds, repeats), "cases": run_cases("faster-api-web")}, sys.stdout)
        return
    python = peer_python()
    ours: dict[str, Any] | None = None
    peers: dict[str, Any] | None = None
    # Alternate the processes so that both see the same quiet and noisy moments of the machine.
    for _ in range(rounds):
        if python is not None:
            peers = merge_best(peers, measure_peers(python, seconds, repeats))
        ours = merge_best(ours, measure(LOCAL, seconds, repeats))
    assert ours is not None
    report(ours, peers)
    report_cases(peers)


if __name__ == "__main__":
    main()
