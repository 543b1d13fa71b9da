"""Turning conversion failures into FastAPI-shaped validation error dicts."""

from __future__ import annotations

import re
from typing import Any

import msgspec

__all__ = ["body_error", "conversion_error", "missing_error"]

_PATH_TOKEN = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]")
_AT_PATH = re.compile(r" - at `(\$[^`]*)`$")
_MISSING_FIELD = re.compile(r"^Object missing required field `([^`]+)`")


def missing_error(loc: tuple[Any, ...]) -> dict[str, Any]:
    return {"type": "missing", "loc": list(loc), "msg": "Field required", "input": None}


def _msgspec_path(path: str) -> list[Any]:
    """``$.items[0].price`` -> ``["items", 0, "price"]``."""
    loc: list[Any] = []
    for match in _PATH_TOKEN.finditer(path[1:]):
        key, index = match.group(1), match.group(2)
        if key is not None:
            loc.append(key)
        elif index is not None:
            loc.append(int(index))
    return loc


_TYPE_MESSAGES: dict[str, tuple[str, str]] = {
    "int": ("int_parsing", "Input should be a valid integer, unable to parse string as an integer"),
    "float": ("float_parsing", "Input should be a valid number, unable to parse string as a number"),
    "bool": ("bool_parsing", "Input should be a valid boolean, unable to interpret input"),
    "uuid": ("uuid_parsing", "Input should be a valid UUID"),
    "datetime": ("datetime_parsing", "Input should be a valid datetime"),
    "date": ("date_parsing", "Input should be a valid date"),
    "time": ("time_parsing", "Input should be a valid time"),
    "decimal": ("decimal_parsing", "Input should be a valid decimal"),
}

_CONSTRAINT = re.compile(r"^Expected `[^`]+` (of length |)(>=|<=|>|<) ([^ ]+)")
_CONSTRAINT_TYPES = {
    (">=", False): ("greater_than_equal", "Input should be greater than or equal to {}"),
    (">", False): ("greater_than", "Input should be greater than {}"),
    ("<=", False): ("less_than_equal", "Input should be less than or equal to {}"),
    ("<", False): ("less_than", "Input should be less than {}"),
    (">=", True): ("string_too_short", "String should have at least {} characters"),
    ("<=", True): ("string_too_long", "String should have at most {} characters"),
}


def conversion_error(loc: tuple[Any, ...], value: Any, exc: Exception, type_name: str | None) -> dict[str, Any]:
    """One error dict for a URL/header/cookie/form value that did not convert."""
    message = str(exc)
    constraint = _CONSTRAINT.match(message)
    if constraint is not None:
        is_length = bool(constraint.group(1))
        kind, template = _CONSTRAINT_TYPES.get((constraint.group(2), is_length), ("value_error", "Value error, {}"))
        limit = constraint.group(3)
        return {"type": kind, "loc": list(loc), "msg": template.format(limit), "input": value}
    if message.startswith("Expected `str` matching regex"):
        pattern = message.split("regex ", 1)[1].split(" - at")[0].strip("'")
        return {
            "type": "string_pattern_mismatch",
            "loc": list(loc),
            "msg": f"String should match pattern '{pattern}'",
            "input": value,
        }
    if type_name in _TYPE_MESSAGES:
        kind, msg = _TYPE_MESSAGES[type_name]
        return {"type": kind, "loc": list(loc), "msg": msg, "input": value}
    if message.startswith("Invalid enum value") or type_name == "enum":
        return {
            "type": "enum",
            "loc": list(loc),
            "msg": f"Input should be one of the allowed values: {message}",
            "input": value,
        }
    return {"type": "value_error", "loc": list(loc), "msg": message, "input": value}


def body_error(
    prefix: tuple[Any, ...], exc: msgspec.ValidationError | msgspec.DecodeError, body: Any = None
) -> dict[str, Any]:
    """One error dict from msgspec's message about a JSON body, with ``$.a[0].b`` as a ``loc``."""
    message = str(exc)
    if isinstance(exc, msgspec.DecodeError) and not isinstance(exc, msgspec.ValidationError):
        return {"type": "json_invalid", "loc": [*prefix], "msg": f"JSON decode error: {message}", "input": {}}
    at = _AT_PATH.search(message)
    loc = list(prefix)
    if at is not None:
        loc.extend(_msgspec_path(at.group(1)))
        message = message[: at.start()]
    missing = _MISSING_FIELD.match(message)
    if missing is not None:
        loc.append(missing.group(1))
        return {"type": "missing", "loc": loc, "msg": "Field required", "input": None}
    constraint = _CONSTRAINT.match(message)
    if constraint is not None:
        is_length = bool(constraint.group(1))
        kind, template = _CONSTRAINT_TYPES.get((constraint.group(2), is_length), ("value_error", "Value error, {}"))
        return {"type": kind, "loc": loc, "msg": template.format(constraint.group(3)), "input": None}
    kind = "value_error"
    if message.startswith("Expected `"):
        expected = message[len("Expected `") :].split("`", 1)[0]
        kind = {
            "int": "int_type",
            "float": "float_type",
            "str": "string_type",
            "bool": "bool_type",
            "object": "dict_type",
            "array": "list_type",
        }.get(expected, kind)
    return {"type": kind, "loc": loc, "msg": message, "input": None}
