"""Turning conversion failures into FastAPI-shaped validation error dicts.

Only the error path runs this code, so it favours matching FastAPI's ``type``/``msg`` wording over
speed. msgspec's messages (``Expected `int`, got `str` - at `$.items[0].price```) are mapped to
pydantic's error types and the ``$.a[0].b`` path becomes a ``loc`` list.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from ._convert import NonFiniteNumber

__all__ = ["body_error", "constraint_error", "conversion_error", "json_invalid_error", "missing_error"]

_PATH_TOKEN = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]")
_AT_PATH = re.compile(r" - at `(\$[^`]*)`$")
_MISSING_FIELD = re.compile(r"^Object missing required field `([^`]+)`")
_UNKNOWN_FIELD = re.compile(r"^Object contains unknown field `([^`]+)`")
_BYTE_POSITION = re.compile(r"\(byte (\d+)\)")
_CONSTRAINT = re.compile(r"^Expected `([^`]+)` (of length |)(>=|<=|>|<) ([^ ]+)")
_NOT_FOUND = object()

#: Conversion failures of URL/header/cookie/form text, by the target type's label.
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

#: msgspec's "Expected `X`, got `Y`" inside a JSON body, by X.
_BODY_TYPES: dict[str, tuple[str, str]] = {
    "int": ("int_type", "Input should be a valid integer"),
    "float": ("float_type", "Input should be a valid number"),
    "number": ("float_type", "Input should be a valid number"),
    "str": ("string_type", "Input should be a valid string"),
    "bool": ("bool_type", "Input should be a valid boolean"),
    "object": ("model_attributes_type", "Input should be a valid dictionary or object to extract fields from"),
    "array": ("list_type", "Input should be a valid list"),
    "null": ("none_required", "Input should be None"),
}

_PARSED_FROM_TEXT = {"int": "int", "float": "float", "number": "float", "bool": "bool"}

_BODY_INVALID: tuple[tuple[str, str, str], ...] = (
    ("Invalid UUID", "uuid_parsing", "Input should be a valid UUID"),
    ("Invalid RFC3339 encoded datetime", "datetime_parsing", "Input should be a valid datetime"),
    ("Invalid RFC3339 encoded date", "date_parsing", "Input should be a valid date"),
    ("Invalid RFC3339 encoded time", "time_parsing", "Input should be a valid time"),
    ("Invalid decimal", "decimal_parsing", "Input should be a valid decimal"),
    ("Invalid enum value", "enum", "Input should be a valid enumeration member"),
)


def _parses_as(expected: str, text: str) -> bool:
    try:
        msgspec.convert(text, {"int": int, "float": float, "number": float, "bool": bool}[expected], strict=False)
    except msgspec.ValidationError:
        return False
    return True


def missing_error(loc: tuple[Any, ...] | list[Any], input_value: Any = None) -> dict[str, Any]:
    return {"type": "missing", "loc": list(loc), "msg": "Field required", "input": input_value}


def _number(text: str) -> int | float | str:
    """A limit as msgspec printed it, back to the number FastAPI reports in ``ctx``."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


_BOUND_CTX = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}


def _constraint_error(match: re.Match[str], value: object = None) -> tuple[str, str, dict[str, Any]]:
    """``type``, ``msg`` and ``ctx`` for msgspec's "Expected `X` >= N" style message."""
    what, length, op, limit = match.group(1), bool(match.group(2)), match.group(3), match.group(4)
    bound_name = "min_length" if op in (">=", ">") else "max_length"
    if length:
        noun = "characters" if what == "str" else "items"
        if what == "str":
            kind = {">=": "string_too_short", "<=": "string_too_long"}.get(op, "value_error")
            label = "String"
        else:
            kind = {">=": "too_short", "<=": "too_long"}.get(op, "value_error")
            label = "List" if what == "array" else "Value"
        bound = "at least" if op in (">=", ">") else "at most"
        msg = f"{label} should have {bound} {limit} {noun if limit != '1' else noun[:-1]}"
        ctx: dict[str, Any] = {bound_name: _number(limit)}
        if what != "str" and isinstance(value, (list, dict)):
            msg = f"{msg} after validation, not {len(value)}"
            ctx = {"field_type": label, bound_name: _number(limit), "actual_length": len(value)}
        return kind, msg, ctx
    kind, template = {
        ">=": ("greater_than_equal", "Input should be greater than or equal to {}"),
        ">": ("greater_than", "Input should be greater than {}"),
        "<=": ("less_than_equal", "Input should be less than or equal to {}"),
        "<": ("less_than", "Input should be less than {}"),
    }[op]
    return kind, template.format(limit), {_BOUND_CTX[op]: _number(limit)}


def _pattern_error(message: str) -> tuple[str, str, dict[str, Any]] | None:
    if "matching regex" not in message:
        return None
    pattern = message.split("regex ", 1)[1].split(" - at")[0]
    if len(pattern) >= 2 and pattern[0] == pattern[-1] == "'":
        pattern = pattern[1:-1]
    return "string_pattern_mismatch", f"String should match pattern '{pattern}'", {"pattern": pattern}


def conversion_error(
    loc: tuple[Any, ...] | list[Any],
    value: object,
    exc: Exception,
    type_name: str | None,
    expected: str | None = None,
) -> dict[str, Any]:
    """One error dict for a URL/header/cookie/form value that did not convert to its annotated type."""
    message = str(exc)
    if isinstance(exc, NonFiniteNumber):
        return {"type": "finite_number", "loc": list(loc), "msg": "Input should be a finite number", "input": value}
    constraint = _CONSTRAINT.match(message)
    if constraint is not None:
        kind, msg, ctx = _constraint_error(constraint, value)
        return {"type": kind, "loc": list(loc), "msg": msg, "input": value, "ctx": ctx}
    pattern = _pattern_error(message)
    if pattern is not None:
        return {"type": pattern[0], "loc": list(loc), "msg": pattern[1], "input": value, "ctx": pattern[2]}
    if type_name in _TYPE_MESSAGES:
        kind, msg = _TYPE_MESSAGES[type_name]
        return {"type": kind, "loc": list(loc), "msg": msg, "input": value}
    if type_name == "literal":
        ctx = {"expected": expected}
        return {
            "type": "literal_error",
            "loc": list(loc),
            "msg": f"Input should be {expected}",
            "input": value,
            "ctx": ctx,
        }
    if type_name == "enum" or message.startswith("Invalid enum value"):
        if not expected:
            return {
                "type": "enum",
                "loc": list(loc),
                "msg": "Input should be a valid enumeration member",
                "input": value,
            }
        msg = f"Input should be {expected}"
        return {"type": "enum", "loc": list(loc), "msg": msg, "input": value, "ctx": {"expected": expected}}
    return {"type": "value_error", "loc": list(loc), "msg": f"Value error, {message}", "input": value}


def constraint_error(
    loc: tuple[Any, ...], raw: object, value: object, constraints: tuple[tuple[str, Any], ...]
) -> dict[str, Any] | None:
    """The first of ``constraints`` (FastAPI's gt/ge/lt/le/min_length/max_length/pattern) ``value`` breaks."""
    for name, limit in constraints:
        try:
            problem = _broken_constraint(name, limit, value)
        except TypeError:  # a bound that cannot apply to this value (``ge`` on text): msgspec's error stands
            continue
        if problem is not None:
            kind, msg, ctx = problem
            return {"type": kind, "loc": list(loc), "msg": msg, "input": raw, "ctx": ctx}
    return None


def _broken_constraint(name: str, limit: Any, value: Any) -> tuple[str, str, dict[str, Any]] | None:
    if name == "gt" and not value > limit:
        return "greater_than", f"Input should be greater than {limit}", {"gt": limit}
    if name == "ge" and not value >= limit:
        return "greater_than_equal", f"Input should be greater than or equal to {limit}", {"ge": limit}
    if name == "lt" and not value < limit:
        return "less_than", f"Input should be less than {limit}", {"lt": limit}
    if name == "le" and not value <= limit:
        return "less_than_equal", f"Input should be less than or equal to {limit}", {"le": limit}
    if name in ("min_length", "max_length") and not isinstance(value, str):
        too_short = name == "min_length" and len(value) < limit
        if too_short or (name == "max_length" and len(value) > limit):
            bound = "at least" if too_short else "at most"
            items = f"{limit} item{'s' if limit != 1 else ''}"
            msg = f"List should have {bound} {items} after validation, not {len(value)}"
            ctx = {"field_type": "List", name: limit, "actual_length": len(value)}
            return ("too_short" if too_short else "too_long"), msg, ctx
        return None
    if name == "min_length" and len(value) < limit:
        msg = f"String should have at least {limit} character{'s' if limit != 1 else ''}"
        return "string_too_short", msg, {"min_length": limit}
    if name == "max_length" and len(value) > limit:
        msg = f"String should have at most {limit} character{'s' if limit != 1 else ''}"
        return "string_too_long", msg, {"max_length": limit}
    if name == "pattern" and re.search(limit, value) is None:
        return "string_pattern_mismatch", f"String should match pattern '{limit}'", {"pattern": limit}
    return None


def json_invalid_error(exc: Exception, body: bytes) -> dict[str, Any]:
    """FastAPI's answer to a body that is not JSON: ``loc`` is ``["body", <byte offset>]``."""
    message = str(exc)
    position = _BYTE_POSITION.search(message)
    offset = int(position.group(1)) if position is not None else len(body)
    return {
        "type": "json_invalid",
        "loc": ["body", offset],
        "msg": "JSON decode error",
        "input": {},
        "ctx": {"error": message},
    }


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


def _lookup(document: Any, path: list[Any]) -> Any:
    for key in path:
        in_dict = isinstance(document, dict) and isinstance(key, str) and key in document
        in_list = isinstance(document, list) and isinstance(key, int) and 0 <= key < len(document)
        if not (in_dict or in_list):
            return _NOT_FOUND
        document = document[key]
    return document


def body_error(
    prefix: tuple[Any, ...] | list[Any], exc: msgspec.ValidationError | msgspec.DecodeError, body: object = None
) -> dict[str, Any]:
    """One error dict from msgspec's message about a JSON body, with ``$.a[0].b`` as a ``loc``.

    ``body`` is the raw JSON document (already decoded without a type) used to report ``input``.
    """
    message = str(exc)
    if not isinstance(exc, msgspec.ValidationError):
        raw = body if isinstance(body, bytes) else b""
        return json_invalid_error(exc, raw)
    at = _AT_PATH.search(message)
    path: list[Any] = []
    if at is not None:
        path = _msgspec_path(at.group(1))
        message = message[: at.start()]
    loc = [*prefix, *path]
    here = _lookup(body, path)
    value = None if here is _NOT_FOUND else here
    missing = _MISSING_FIELD.match(message)
    if missing is not None:
        return missing_error([*loc, missing.group(1)], value)
    unknown = _UNKNOWN_FIELD.match(message)
    if unknown is not None:
        name = unknown.group(1)
        extra = value.get(name) if isinstance(value, dict) else None
        return {"type": "extra_forbidden", "loc": [*loc, name], "msg": "Extra inputs are not permitted", "input": extra}
    constraint = _CONSTRAINT.match(message)
    if constraint is not None:
        kind, msg, ctx = _constraint_error(constraint, value)
        return {"type": kind, "loc": loc, "msg": msg, "input": value, "ctx": ctx}
    pattern = _pattern_error(message)
    if pattern is not None:
        return {"type": pattern[0], "loc": loc, "msg": pattern[1], "input": value, "ctx": pattern[2]}
    if message.startswith("Expected `"):
        expected = message[len("Expected `") :].split("`", 1)[0]
        # JSON bodies are decoded with msgspec's strict rules ("3" is not a number, as documented by
        # faster-api-web). Text that is no number at all gets pydantic's *_parsing error, as in FastAPI.
        if isinstance(value, str) and expected in _PARSED_FROM_TEXT and not _parses_as(expected, value):
            kind, msg = _TYPE_MESSAGES[_PARSED_FROM_TEXT[expected]]
            return {"type": kind, "loc": loc, "msg": msg, "input": value}
        if expected == "int" and isinstance(value, float):
            msg = "Input should be a valid integer, got a number with a fractional part"
            return {"type": "int_from_float", "loc": loc, "msg": msg, "input": value}
        known = _BODY_TYPES.get(expected.split(" | ")[0])
        if known is not None:
            return {"type": known[0], "loc": loc, "msg": known[1], "input": value}
    for start, kind, msg in _BODY_INVALID:
        if message.startswith(start):
            return {"type": kind, "loc": loc, "msg": msg, "input": value}
    return {"type": "value_error", "loc": loc, "msg": f"Value error, {message}", "input": value}
