"""Plain dependency trees planned, at registration, as one generated coroutine per route.

A tree qualifies when it needs nothing of a ``RequestContext``: every dependency is an async function
or a plain sync one taking only path/query/header/cookie values and other dependencies (no generator,
body, form, special parameter or parameter model anywhere). Its route serves a request with one
``async def run(scope, path_params)`` written for it, which first reads every value of the tree
(one header scan, one query parse), then awaits the dependencies and the endpoint with their keyword
arguments written out, as a user would write the calls by hand::

    async def run(scope, path_params):
        h0 = None
        for name, value in scope.get('headers', ()):
            if name == b'x-token':
                ...
        p0 = h0
        if p0 is None:
            return INVALID
        r0 = await c_r0(x_token=p0)
        r1 = await c_r1(tok=r0)
        return await c_endpoint(user=r1)

A missing or invalid value returns ``INVALID`` before anything is called: the route then lets the
general solver (``solver.solve``) answer that request, which knows FastAPI's error order and which
dependencies still run. The per-request cache keeps FastAPI's meaning: a dependency reached again with
``use_cache=True`` reuses the value of its first call in the request; with ``use_cache=False`` it is
called again.

Why generated code: on this path every Python call costs about as much as reading a value. A loop over
planned steps (a results list, a fresh ``kwargs`` dict and a ``call(**kwargs)`` per step) and a generic
reader cost more than twice these straight lines (callgrind, ``benchmarks/callgrind_scenario.py
deps``: 42,823 instructions per request with the loop, under 28,000 with this).
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
from ._query import last_values
from .datastructures import query_dict
from .dependencies import Dependant, ParamPlan
from .solver import _headers_for, call_endpoint
from .types import Scope

__all__ = ["INVALID", "FlatChain", "plan_flat_chain"]

_numbers = itertools.count()

_PATH, _QUERY, _HEADER, _COOKIE = range(4)

#: What ``run`` returns when a value is missing or invalid (nothing has been called yet).
INVALID: Any = object()


class FlatChain:
    """A route's plain dependency tree as one planned coroutine: ``await chain.run(scope, path_params)``."""

    __slots__ = ("run", "source")

    def __init__(self, run: Callable[[Scope, dict[str, Any]], Awaitable[Any]], source: str) -> None:
        #: The endpoint's result, or ``INVALID``: then the general solver must answer the request.
        self.run = run
        #: The generated code, kept for tests and for reading tracebacks.
        self.source = source


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
        #: ``(source, plan)`` per parameter of the tree; the generated code reads number ``i`` into ``p{i}``.
        self.reads: list[tuple[int, ParamPlan]] = []
        self.endpoint_label = "endpoint"
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
                self.lines.append(f"    {variable} = {self.call(variable, child, child_arguments)}")
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
                arguments.append((plan.name, f"p{len(self.reads)}"))
                self.reads.append((where, plan))
        return arguments

    def call(self, label: str, dependant: Dependant, arguments: list[tuple[str, str]]) -> str:
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
    lines = [
        "async def run(scope, path_params):",
        *_reading_lines(planner.reads, planner.namespace),
        *planner.lines,
        f"    return {planner.call(planner.endpoint_label, endpoint, arguments)}",
    ]
    source = "\n".join(lines) + "\n"
    filename = f"<fasterapi flat chain {next(_numbers)}: {label}>"
    exec(compile(source, filename, "exec"), planner.namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    return FlatChain(planner.namespace["run"], source)


def _reading_lines(reads: list[tuple[int, ParamPlan]], namespace: dict[str, Any]) -> list[str]:
    """The code reading parameter ``i`` of ``reads`` into ``p{i}``: ``return INVALID`` if it is missing or invalid.

    What ``solver._extract`` does for each parameter, with the decisions it takes per request (which
    source, a list or not, a default, a conversion) taken here once.
    """
    namespace.update(
        INVALID=INVALID,
        query_dict=query_dict,
        last_values=last_values,
        cookies_of=cookies_of,
        headers_for=_headers_for,
        BAD_VALUE=(ValueError, TypeError, msgspec.ValidationError),
    )
    plans_from = {where: [plan for source, plan in reads if source == where] for where in range(4)}
    # Where a source gives every value of a repeated key (a list), or one value per key.
    query_lists = any(plan.is_sequence for plan in plans_from[_QUERY])
    header_lists = any(plan.is_sequence for plan in plans_from[_HEADER])
    lines: list[str] = []
    if plans_from[_QUERY]:
        lines.append(f"    query = {'query_dict' if query_lists else 'last_values'}(scope.get('query_string', b''))")
    if plans_from[_COOKIE]:
        lines.append("    cookies = cookies_of(scope)")
    header_slots = {alias: slot for slot, alias in enumerate(dict.fromkeys(p.alias for p in plans_from[_HEADER]))}
    if header_lists:
        namespace["header_keys"] = {alias.encode("latin-1"): alias for alias in header_slots}
        lines.append("    headers = headers_for(header_keys, scope)")
    elif header_slots:
        lines += _header_scan_lines(header_slots)
    for index, (where, plan) in enumerate(reads):
        if where == _PATH:
            found = f"path_params.get({plan.alias!r})"
        elif where == _QUERY:
            found = f"query.get({plan.alias!r})"
        elif where == _COOKIE:
            found = f"cookies.get({plan.alias!r})"
        else:
            found = f"headers.get({plan.alias!r})" if header_lists else f"h{header_slots[plan.alias]}"
        gives_lists = (where == _QUERY and query_lists) or (where == _HEADER and header_lists)
        lines += _value_lines(index, plan, found, gives_lists, where == _QUERY, namespace)
    return lines


def _header_scan_lines(slots: dict[str, int]) -> list[str]:
    """One scan of the raw headers keeping the first value of each wanted one in ``h{slot}``.

    A header name that is not lower-case (ASGI promises it is; some servers break that) sends the
    request to the general solver, which reads such names too.
    """
    lines = [f"    {' = '.join(f'h{slot}' for slot in slots.values())} = None"]
    lines.append("    for name, value in scope.get('headers', ()):")
    for alias, slot in slots.items():
        lines.append(f"        {'if' if slot == 0 else 'elif'} name == {alias.encode('latin-1')!r}:")
        lines.append(f"            if h{slot} is None:")
        lines.append(f"                h{slot} = value.decode('latin-1')")
    lines.append("        elif not name.islower():")
    lines.append("            return INVALID")
    return lines


def _value_lines(
    index: int, plan: ParamPlan, found: str, gives_lists: bool, last: bool, namespace: dict[str, Any]
) -> list[str]:
    """``p{index} = found``, then its default when it is absent, else its value as the parameter takes it."""
    value = f"p{index}"
    lines = [f"    {value} = {found}", f"    if {value} is None:"]
    present: list[str] = []
    if plan.is_sequence and not gives_lists:
        present.append(f"{value} = [{value}]")
    elif not plan.is_sequence and gives_lists:
        present.append(f"{value} = {value}[-1]" if last else f"{value} = {value}[0]")  # a repeated query key: last
    if plan.convert is not _identity:  # text as it came (``str`` parameters) needs no call
        namespace[f"convert_{index}"] = plan.convert
        present += ["try:", f"    {value} = convert_{index}({value})", "except BAD_VALUE:", "    return INVALID"]
    if plan.required:
        lines.append("        return INVALID")
        return lines + [f"    {line}" for line in present]
    if plan.default_factory is None:
        namespace[f"default_{index}"] = plan.default
        lines.append(f"        {value} = default_{index}")
    else:
        namespace[f"default_{index}"] = plan.default_factory
        lines.append(f"        {value} = default_{index}()")
    if present:
        lines.append("    else:")
        lines += [f"        {line}" for line in present]
    return lines
