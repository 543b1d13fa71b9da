"""Query parameters read by a plan made once per route, without the generic grouping of every value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from ._errors import missing_error
from .datastructures import query_dict
from .dependencies import ParamPlan
from .solver import _extract

__all__ = ["QueryReader", "last_values", "plan_query_reader"]

#: ``reader(query_string, values, errors)``: the converted parameters go into ``values``, problems into ``errors``.
QueryReader = Callable[[bytes, dict[str, Any], list[Any]], None]

_NOTHING: dict[str, str] = {}


def last_values(query_string: bytes) -> dict[str, str]:
    """The last value of each key, as a single-value parameter takes it (``a=1&a=2`` gives ``a`` = ``"2"``).

    ``query_dict`` builds a list per key for the sequence parameters; a route without any needs only this.
    """
    if not query_string:
        return _NOTHING
    text = query_string.decode("latin-1")
    if "%" in text or "+" in text:
        return {key: values[-1] for key, values in query_dict(query_string).items()}
    if "&" not in text:
        key, _, value = text.partition("=")
        return {key: value}
    found: dict[str, str] = {}
    for chunk in text.split("&"):
        if chunk:
            key, _, value = chunk.partition("=")
            found[key] = value
    return found


def plan_query_reader(plans: list[ParamPlan]) -> QueryReader:
    """How one route reads its query parameters ``plans`` on every request.

    Single-value parameters only need the last value of each key; a list parameter needs them all, and
    then the generic grouping of ``query_dict`` is used. Either way the values, defaults and errors are
    what the solver's generic extraction gives.
    """
    if any(plan.is_sequence for plan in plans):
        return _grouped_reader(plans)
    plans = list(plans)

    def read_query(query_string: bytes, values: dict[str, Any], errors: list[Any]) -> None:
        given = last_values(query_string)
        for plan in plans:
            raw = given.get(plan.alias)
            if raw is None:
                if plan.required:
                    errors.append(missing_error(("query", plan.alias)))
                else:
                    values[plan.name] = plan.default_value()
                continue
            try:
                values[plan.name] = plan.convert(raw)
            except (ValueError, TypeError, msgspec.ValidationError) as exc:
                errors.append(plan.error("query", raw, exc))

    return read_query


def _grouped_reader(plans: list[ParamPlan]) -> QueryReader:
    def read_query(query_string: bytes, values: dict[str, Any], errors: list[Any]) -> None:
        _extract(plans, query_dict(query_string), "query", values, errors)

    return read_query
