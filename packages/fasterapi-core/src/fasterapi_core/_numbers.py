"""Two number rules of JSON input that msgspec's strict decoding leaves to us.

* A ``Decimal`` must be finite: msgspec accepts ``"NaN"``/``"Infinity"``, which JSON cannot carry
  back, so such a value is refused at input with FastAPI's ``finite_number`` error. The check is
  planned once per body type and is ``None`` (free) for types with no ``Decimal`` inside.
* ``3.0`` is a valid integer (JSON Schema says so, and FastAPI accepts it as 3): on the error path
  only, a body that failed strict decoding is tried again with integral floats made ints.
"""

from __future__ import annotations

import dataclasses
import decimal
from collections.abc import Callable
from typing import Any

import msgspec
import msgspec.inspect as mi

__all__ = ["FiniteCheck", "integral_floats_as_ints", "plan_finite_check"]

FiniteCheck = Callable[[Any, tuple[Any, ...]], list[dict[str, Any]]]


def plan_finite_check(tp: object) -> FiniteCheck | None:
    """A function listing the non-finite ``Decimal``s inside a decoded ``tp`` (``None``: ``tp`` holds none)."""
    try:
        info = mi.type_info(tp)
    except Exception:  # a type msgspec cannot describe cannot be decoded by it either: nothing to check
        return None
    return _finite_errors if _holds_decimal(info, set()) else None


def _holds_decimal(info: mi.Type, seen: set[Any]) -> bool:
    if isinstance(info, mi.DecimalType):
        return True
    cls = getattr(info, "cls", None)
    fields = getattr(info, "fields", None)
    if cls is not None and fields is not None:
        if cls in seen:
            return False
        seen.add(cls)
        return any(_holds_decimal(field.type, seen) for field in fields)
    children: list[mi.Type] = []
    for name in ("type", "item_type", "key_type", "value_type"):
        child = getattr(info, name, None)
        if isinstance(child, mi.Type):
            children.append(child)
    for name in ("types", "item_types"):
        children.extend(getattr(info, name, None) or ())
    return any(_holds_decimal(child, seen) for child in children)


def _finite_errors(value: object, loc: tuple[Any, ...]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    _walk(value, loc, found)
    return found


def _walk(value: object, loc: tuple[Any, ...], found: list[dict[str, Any]]) -> None:
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            message = "Input should be a finite number"
            found.append({"type": "finite_number", "loc": list(loc), "msg": message, "input": str(value)})
    elif isinstance(value, msgspec.Struct):
        for name, key in zip(value.__struct_fields__, value.__struct_encode_fields__, strict=True):
            _walk(getattr(value, name, None), (*loc, key), found)
    elif isinstance(value, dict):
        for key, entry in value.items():
            _walk(key, (*loc, key), found)
            _walk(entry, (*loc, key), found)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for index, entry in enumerate(value):
            _walk(entry, (*loc, index), found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _walk(getattr(value, field.name, None), (*loc, field.name), found)


def integral_floats_as_ints(document: object) -> tuple[Any, bool]:
    """``document`` (untyped JSON) with every float that is a whole number made an ``int``; and whether any was."""
    if type(document) is float:
        if document.is_integer():
            return int(document), True
        return document, False
    if type(document) is list:
        changed = False
        items = []
        for entry in document:
            item, touched = integral_floats_as_ints(entry)
            items.append(item)
            changed = changed or touched
        return (items, True) if changed else (document, False)
    if type(document) is dict:
        changed = False
        entries = {}
        for key, entry in document.items():
            item, touched = integral_floats_as_ints(entry)
            entries[key] = item
            changed = changed or touched
        return (entries, True) if changed else (document, False)
    return document, False
