"""Core's signatures say what they take: parameters annotated ``Any`` stay under a tenth of all (issue 14's
target; Starlette has 6%, httpx and FastAPI 3%). Counted over every ``def`` in ``fasterapi_core``, ``self`` and
``cls`` left out; ``Any | None`` and the like count as typed.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "packages" / "fasterapi-core" / "src" / "fasterapi_core"
LIMIT = 0.10


def _parameters(source: str) -> list[ast.arg]:
    found: list[ast.arg] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            found.extend(arg for arg in every if arg is not None and arg.arg not in ("self", "cls"))
    return found


def _any_count(parameters: list[ast.arg]) -> int:
    return sum(
        1 for arg in parameters if arg.annotation is not None and ast.unparse(arg.annotation) in ("Any", "typing.Any")
    )


def test_any_share_counts_only_parameters_annotated_any() -> None:
    source = "def f(self, a: Any, b: int, *args: Any, c: Any | None = None, **kw: typing.Any) -> Any: ..."
    parameters = _parameters(source)
    assert [arg.arg for arg in parameters] == ["a", "b", "c", "args", "kw"]
    assert _any_count(parameters) == 3


def test_any_share_of_core_parameters_stays_under_a_tenth() -> None:
    parameters = [arg for path in sorted(CORE.rglob("*.py")) for arg in _parameters(path.read_text(encoding="utf-8"))]
    share = _any_count(parameters) / len(parameters)
    assert len(parameters) > 1000, "the walk found too few parameters: is CORE right?"
    assert share < LIMIT, (
        f"{share:.1%} of fasterapi_core's parameters are typed Any (limit {LIMIT:.0%}): use fasterapi_core.types "
        "(Scope, Receive, Send, ASGIApp), the real class, a Protocol, or object"
    )
