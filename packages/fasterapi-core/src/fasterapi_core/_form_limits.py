"""``form_limits``: FastAPI 0.165's bounds on the forms its ``Form()``/``File()`` parameters read.

Given to the app, a router or a route (each key set at a nearer level wins); checked when declared,
applied when the route parses its form (``max_fields``, ``max_files``, ``max_part_size``: a 400 past them).
"""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = ["FormLimits", "check_form_limits", "merge_form_limits"]


class FormLimits(TypedDict, total=False):
    """Bounds for the forms a route reads; an omitted key keeps the value of the level above."""

    max_fields: int
    max_files: int
    max_part_size: int


def check_form_limits(limits: Any) -> dict[str, int]:
    """``limits`` as a plain dict, or ``ValueError`` naming the key that is wrong and what it takes."""
    if limits is None:
        return {}
    if not isinstance(limits, dict):
        raise ValueError(f"form_limits must be a dict such as {{'max_fields': 100}}, not {limits!r}")
    for key, value in limits.items():
        if key not in FormLimits.__annotations__:
            raise ValueError(f"form_limits: unknown key {key!r}; use max_fields, max_files or max_part_size")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"form_limits: {key} must be a non-negative int, not {value!r}")
    return dict(limits)


def merge_form_limits(*levels: Any) -> dict[str, int]:
    """Outermost first: each later level's keys win."""
    merged: dict[str, int] = {}
    for level in levels:
        if level:
            merged.update(level)
    return merged
