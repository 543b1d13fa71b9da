"""Putting dataclass defaults back on instances msgspec built.

When msgspec decodes or converts into a dataclass it leaves fields that kept a plain class-level
default out of the instance ``__dict__`` (reading them still works, through the class attribute).
Its encoder writes a dataclass from ``__dict__``, so echoing such an instance would silently drop
those fields. A completion planned once per type walks a decoded value and fills them in; types
with no such dataclass anywhere inside get no completion at all, so they cost nothing.
"""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any

import msgspec

__all__ = ["plan_completion"]

Completion = Callable[[Any], None]

_COLLECTIONS = frozenset((list, set, frozenset, tuple, abc.Sequence, abc.MutableSequence, abc.Set, abc.MutableSet))


def plan_completion(tp: object) -> Completion | None:
    """A function that fills missing dataclass defaults inside values of type ``tp``, or ``None``."""
    return _plan(tp, {})


def _plan(tp: object, seen: dict[type, list[Completion | None]]) -> Completion | None:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _plan(typing.get_args(tp)[0], seen)
    if origin in (typing.Union, types.UnionType):
        return _all_of([_plan(member, seen) for member in typing.get_args(tp)])
    if origin in _COLLECTIONS:
        inner = _all_of([_plan(arg, seen) for arg in typing.get_args(tp) if arg is not Ellipsis])
        return None if inner is None else _each_item(inner)
    if origin is dict:
        args = typing.get_args(tp)
        inner = _plan(args[1], seen) if len(args) == 2 else None
        return None if inner is None else _each_value(inner)
    if not isinstance(tp, type):
        return None
    if tp in seen:  # a recursive type: refer to the plan being built
        slot = seen[tp]
        return lambda value: slot[0](value) if slot[0] is not None else None
    if dataclasses.is_dataclass(tp):
        return _plan_dataclass(tp, seen)
    if issubclass(tp, msgspec.Struct):
        return _plan_struct(tp, seen)
    return None


def _plan_dataclass(cls: type, seen: dict[type, list[Completion | None]]) -> Completion | None:
    slot: list[Completion | None] = [None]
    seen[cls] = slot
    hints = _hints(cls)
    plain_defaults: list[tuple[str, Any]] = []
    nested: list[tuple[str, Completion]] = []
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING:
            plain_defaults.append((field.name, field.default))
        inner = _plan(hints.get(field.name, Any), seen)
        if inner is not None:
            nested.append((field.name, inner))
    if not plain_defaults and not nested:
        del seen[cls]
        return None

    def complete(value: object) -> None:
        if not isinstance(value, cls):
            return
        attributes = getattr(value, "__dict__", None)
        if attributes is None:
            return
        for name, default in plain_defaults:
            if name not in attributes:
                attributes[name] = default
        for name, inner in nested:
            inner(attributes.get(name))

    slot[0] = complete
    return complete


def _plan_struct(cls: type, seen: dict[type, list[Completion | None]]) -> Completion | None:
    slot: list[Completion | None] = [None]
    seen[cls] = slot
    nested: list[tuple[str, Completion]] = []
    for info in msgspec.structs.fields(cls):
        inner = _plan(info.type, seen)
        if inner is not None:
            nested.append((info.name, inner))
    if not nested:
        del seen[cls]
        return None

    def complete(value: object) -> None:
        if isinstance(value, cls):
            for name, inner in nested:
                inner(getattr(value, name, None))

    slot[0] = complete
    return complete


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # unresolvable forward references: nested dataclasses stay as msgspec left them
        return {}


def _all_of(completions: list[Completion | None]) -> Completion | None:
    present = [completion for completion in completions if completion is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]

    def complete(value: object) -> None:
        for completion in present:
            completion(value)

    return complete


def _each_item(inner: Completion) -> Completion:
    def complete(value: object) -> None:
        if isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                inner(item)

    return complete


def _each_value(inner: Completion) -> Completion:
    def complete(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                inner(item)

    return complete
