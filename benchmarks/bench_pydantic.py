"""The same route with a pydantic model and with a msgspec Struct: ours against FastAPI, straight through ASGI.

Run from the repository root (about half a minute; ``--quick`` for a few seconds):

    uv run python benchmarks/bench_pydantic.py

What a FastAPI app gains by switching its imports (pydantic models kept), then by moving a hot route's
models to msgspec. The route takes an item (a nested owner, a list of tags) as its JSON body and
returns it through its response model; a second scenario sends an invalid body (422). Workers are
subprocesses: ``ours`` in the workspace venv, ``fastapi`` in the scratch venv that
``bench_direct_asgi.py`` uses (created on first run, versions pinned there). Every answer is checked
before anything is timed; rounds interleave the workers; each cell is the median of the rounds.
"""

# No ``from __future__ import annotations``: FastAPI cannot resolve string annotations of local models.

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from _peers import Worker, answer_commands, interleaved_medians
from bench_direct_asgi import Prepared, check, ensure_venv, json_headers, time_loop

ITEM = {
    "name": "Portal Gun",
    "price": 42.5,
    "tags": ["science", "portal", "gun"],
    "owner": {"name": "Rick", "age": 70},
    "description": None,
}
INVALID = {"name": "Portal Gun", "price": -1, "tags": "none", "owner": {"name": "Rick"}}
_BODY = json.dumps(ITEM).encode()
_INVALID_BODY = json.dumps(INVALID).encode()

#: (label, worker, path, body, status, expected JSON or None for an error body)
SCENARIOS: list[tuple[str, str, str, bytes, int, Any]] = [
    ("pydantic model, valid body", "pydantic", "/pydantic/items", _BODY, 200, ITEM),
    ("pydantic model, 422", "pydantic", "/pydantic/items", _INVALID_BODY, 422, None),
    ("msgspec Struct, valid body", "msgspec", "/msgspec/items", _BODY, 200, ITEM),
    ("msgspec Struct, 422", "msgspec", "/msgspec/items", _INVALID_BODY, 422, None),
]
WORKERS = ["ours", "fastapi"]


def _prepared(label: str, path: str, body: bytes, status: int, expected: Any) -> Prepared:
    return Prepared((label, "POST", path, b"", json_headers(body), body, status, expected))


def build_app(name: str) -> Any:
    """The app under test: pydantic routes on both frameworks, the msgspec route on ours only."""
    from pydantic import BaseModel, Field

    if name == "fastapi":
        from fastapi import FastAPI
    else:
        from FasterAPI import Faster as FastAPI

    class Owner(BaseModel):
        name: str
        age: int = Field(ge=0)

    class Item(BaseModel):
        name: str = Field(min_length=1)
        price: float = Field(gt=0)
        tags: list[str] = []
        owner: Owner
        description: str | None = None

    app = FastAPI()

    @app.post("/pydantic/items", response_model=Item)
    async def create_pydantic_item(item: Item) -> Any:
        return item

    if name == "ours":
        from typing import Annotated

        import msgspec

        class StructOwner(msgspec.Struct):
            name: str
            age: Annotated[int, msgspec.Meta(ge=0)]

        class StructItem(msgspec.Struct):
            name: Annotated[str, msgspec.Meta(min_length=1)]
            price: Annotated[float, msgspec.Meta(gt=0)]
            owner: StructOwner
            tags: list[str] = []
            description: str | None = None

        @app.post("/msgspec/items", response_model=StructItem)
        async def create_struct_item(item: StructItem) -> Any:
            return item

    return app


def _scenarios_for(name: str) -> list[int]:
    return [i for i, s in enumerate(SCENARIOS) if name == "ours" or s[1] == "pydantic"]


async def worker_main(name: str) -> None:
    app = build_app(name)
    indexes = _scenarios_for(name)
    prepared = {i: _prepared(SCENARIOS[i][0], *SCENARIOS[i][2:]) for i in indexes}
    problems = [await check(app, prepared[i], name) for i in indexes]
    for i in indexes:
        await time_loop(app, prepared[i], 200)  # warm-up

    async def time_scenario(index: int, n: int) -> float:
        return await time_loop(app, prepared[index], n)

    await answer_commands(time_scenario, [p for p in problems if p])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter loops (noisier)")
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return
    rounds, budget = (3, 0.05) if args.quick else (7, 0.2)
    script = str(Path(__file__).resolve())
    workers = {
        "ours": Worker(script, "ours", sys.executable),
        "fastapi": Worker(script, "fastapi", ensure_venv("fastapi")),
    }
    results: dict[str, dict[int, float]] = {name: {} for name in WORKERS}
    try:
        for worker in workers.values():
            worker.wait_ready()
        for index in range(len(SCENARIOS)):
            taking_part = {name: workers[name] for name in WORKERS if index in _scenarios_for(name)}
            for name, median in interleaved_medians(taking_part, index, rounds=rounds, budget=budget).items():
                results[name][index] = median
    finally:
        for worker in workers.values():
            worker.close()
    print(f"\nµs per request (median of {rounds} rounds), Python {sys.version.split()[0]}\n")
    print(f"| {'route':<28} | {'ours':>8} | {'FastAPI':>8} | {'FastAPI/ours':>12} |")
    print(f"| {'-' * 28} | {'-' * 7}: | {'-' * 7}: | {'-' * 11}: |")
    for index, (label, *_rest) in enumerate(SCENARIOS):
        ours = results["ours"][index]
        theirs = results["fastapi"].get(index)
        if theirs is None:
            print(f"| {label:<28} | {ours:>8.1f} | {'—':>8} | {'—':>12} |")
        else:
            print(f"| {label:<28} | {ours:>8.1f} | {theirs:>8.1f} | {theirs / ours:>11.2f}x |")


if __name__ == "__main__":
    main()
