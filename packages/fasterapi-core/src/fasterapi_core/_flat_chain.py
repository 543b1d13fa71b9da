"""Plain dependency trees planned, at registration, as one generated coroutine per route.

A tree qualifies when it needs nothing of a ``RequestContext``: every dependency is an async function
or a plain sync one taking only path/query/header/cookie values and other dependencies (no generator,
body, form, special parameter or parameter model anywhere). For such a route a request is served in
two steps:

1. ``read``: every parameter of the tree, read and converted in one pass (one header scan, one query
   parse). Any missing or invalid value gives ``None``: the route then lets the general solver
   (``solver.solve``) answer, which knows FastAPI's error order and which dependencies still run. Nothing
   has been called at that point, so that request is served exactly as the general solver serves it.
2. ``run``: the dependencies and the endpoint awaited in order with their keyword arguments written
   out, as a user would write the calls by hand::

       async def run(p):
           r0 = await c0(x_token=p[0])
           r1 = await c1(tok=r0)
           r2 = await c2(user=r1)
           return await endpoint(ctx=r2)

Why generated code: a loop over planned steps (a results list, a fresh ``kwargs`` dict and a
``call(**kwargs)`` per step) costs about twice what these direct calls cost (measured in
``benchmarks/``), and on a three-level chain that loop was most of the framework's own time.
The per-request cache keeps FastAPI's meaning: a dependency reached again with ``use_cache=True``
reuses the value of its first call in the request; with ``use_cache=False`` it is called again.
"""

from __future__ import annotations

import itertools
import keyword
import linecache
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from ._context import cookies_of
from ._convert import _identity
from .datastructures import query_dict
from .dependencies import Dependant, ParamPlan
from .solver import _headers_for, call_endpoint
from .types import Scope

__all__ = ["FlatChain", "plan_flat_chain"]

_numbers = itertools.count()


_PATH, _QUERY, _HEADER, _COOKIE = range(4)


class FlatChain:
    """A route's plain dependency tree as a reader of its parameters and one coroutine calling it all."""

    __slots__ = ("header_keys", "header_lists", "reads", "reads_cookies", "reads_query", "run", "size", "source")

    def __init__(self, reads: list[tuple[int, ParamPlan, int]], source: str) -> None:
        #: ``(source, plan, index in the values)`` per parameter; sources are ``_PATH``... ``_COOKIE``.
        self.reads = tuple(reads)
        self.size = len(reads)
        self.reads_query = any(where == _QUERY for where, _, _ in reads)
        self.reads_cookies = any(where == _COOKIE for where, _, _ in reads)
        headers = [plan for where, plan, _ in reads if where == _HEADER]
        #: The raw header names wanted (lower-case bytes) -> their alias, for one scan of the scope.
        self.header_keys = {plan.alias.encode("latin-1"): plan.alias for plan in headers}
        #: Some header parameter is a list (takes every value of a repeated header), not just the first one.
        self.header_lists = any(plan.is_sequence for plan in headers)
        #: The generated ``async def run(p)``, kept for tests and for reading tracebacks.
        self.source = source
        self.run: Callable[[list[Any]], Awaitable[Any]]

    def read(self, scope: Scope, path_params: dict[str, Any]) -> list[Any] | None:
        """Every parameter of the tree, converted, in the order ``run`` takes them; ``None`` if one is invalid.

        ``solver._extract`` for all sources at once, without building errors. Written as one function:
        on this path each extra call costs about as much as reading a value.
        """
        query = query_dict(scope.get("query_string", b"")) if self.reads_query else _NOTHING
        headers: dict[str, Any] = _NOTHING
        if self.header_keys:
            if self.header_lists:
                headers = _headers_for(self.header_keys, scope)
            else:  # the first value of each wanted header: one scan, no lists built
                wanted = self.header_keys
                headers = {}
                for name, value in scope.get("headers", ()):
                    alias = wanted.get(name)
                    if alias is None:
                        if name.islower():
                            continue
                        alias = wanted.get(name.lower())  # ASGI promises lower-case names; some servers break that
                        if alias is None:
                            continue
                    if alias not in headers:
                        headers[alias] = value.decode("latin-1")
        sources = (path_params, query, headers, cookies_of(scope) if self.reads_cookies else _NOTHING)
        values: list[Any] = [None] * self.size
        for where, plan, index in self.reads:
            raw = sources[where].get(plan.alias)
            if raw is None:
                if plan.required:
                    return None
                values[index] = plan.default_value()
                continue
            if plan.is_sequence:
                value = raw if isinstance(raw, list) else [raw]
            elif isinstance(raw, list):
                value = raw[-1] if where == _QUERY else raw[0]  # a repeated query parameter: its last value
            else:
                value = raw
            convert = plan.convert
            if convert is _identity:  # text as it came (``str`` parameters): no call
                values[index] = value
                continue
            try:
                values[index] = convert(value)
            except (ValueError, TypeError, msgspec.ValidationError):
                return None
        return values


_NOTHING: dict[str, Any] = {}


def _is_plain(dependant: Dependant) -> bool:
    """Whether ``dependant`` itself can be a step of a flat chain (its own dependencies are checked apart)."""
    return not (
        dependant.is_async_gen
        or dependant.is_gen
        or dependant.body is not None
        or dependant.form_params
        or dependant.specials
        or dependant.on_errors is not None
        or dependant.reports_errors
        or dependant.needs_exit_stack
    )


def _is_name(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


class _Planner:
    """Walks the tree once, post-order (the order ``solve`` calls in), writing one line per call."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"call_endpoint": call_endpoint}
        self.reads: list[tuple[int, ParamPlan, int]] = []
        #: ``cache_key`` -> the variable holding that dependency's value in this request.
        self.cached: dict[Any, str] = {}

    def arguments(self, node: Dependant) -> list[tuple[str, str]] | None:
        """``(name, expression)`` per argument of ``node``, after writing the calls it needs; ``None``: not plain."""
        arguments: list[tuple[str, str]] = []
        for sub in node.dependencies:
            child = sub.dependant
            if not _is_plain(child) or (sub.name is not None and not _is_name(sub.name)):
                return None
            variable = self.cached.get(child.cache_key) if sub.use_cache else None
            if variable is None:
                child_arguments = self.arguments(child)
                if child_arguments is None:
                    return None
                variable = f"r{len(self.lines)}"
                self.lines.append(f"    {variable} = {self.call(child, variable, child_arguments)}")
                if sub.use_cache:
                    self.cached[child.cache_key] = variable
            if sub.name is not None:
                arguments.append((sub.name, variable))
        for where, plans in (
            (_PATH, node.path_params),
            (_QUERY, node.query_params),
            (_HEADER, node.header_params),
            (_COOKIE, node.cookie_params),
        ):
            for plan in plans:
                if not _is_name(plan.name):
                    return None
                arguments.append((plan.name, f"p[{len(self.reads)}]"))
                self.reads.append((where, plan, len(self.reads)))
        return arguments

    def call(self, dependant: Dependant, label: str, arguments: list[tuple[str, str]]) -> str:
        """The awaited call of ``dependant``: direct when it is async, through ``call_endpoint`` (a thread) if not."""
        if dependant.is_coroutine:
            self.namespace[f"c_{label}"] = dependant.call
            return f"await c_{label}({', '.join(f'{name}={value}' for name, value in arguments)})"
        self.namespace[f"d_{label}"] = dependant
        pairs = ", ".join(f"{name!r}: {value}" for name, value in arguments)
        return f"await call_endpoint(d_{label}, {{{pairs}}})"


def plan_flat_chain(endpoint: Dependant, label: str = "route") -> FlatChain | None:
    """``endpoint``'s tree as a ``FlatChain``, or ``None`` when it has no dependencies or is not plain.

    ``label`` names the route in the generated code's file name (tracebacks show it).
    """
    if not endpoint.dependencies or not _is_plain(endpoint) or endpoint.needs_body:
        return None
    planner = _Planner()
    arguments = planner.arguments(endpoint)
    if arguments is None:
        return None
    body = "\n".join([*planner.lines, f"    return {planner.call(endpoint, 'endpoint', arguments)}"])
    source = f"async def run(p):\n{body}\n"
    filename = f"<fasterapi flat chain {next(_numbers)}: {label}>"
    exec(compile(source, filename, "exec"), planner.namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    chain = FlatChain(planner.reads, source)
    chain.run = planner.namespace["run"]
    return chain
