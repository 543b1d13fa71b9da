"""Every problem of a JSON body that failed to decode, as FastAPI reports them.

msgspec stops at the first problem; FastAPI lists them all (``{}`` for an item with two required
fields gives two ``missing`` errors). Only the error path runs this: the document is parsed again
without a type, then walked field by field against the body's type, and each leaf that does not
fit is converted alone to get its message. Malformed JSON is described with Python's ``json``
messages and positions, which is what FastAPI's ``json_invalid`` errors carry.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

import msgspec

from ._errors import body_error, missing_error

__all__ = ["body_errors", "json_invalid"]

_Loc = tuple[Any, ...]
_UNIONS = (typing.Union, types.UnionType)
_SEQUENCES = (list, set, frozenset)


def json_invalid(text: str) -> dict[str, Any] | None:
    """FastAPI's ``json_invalid`` error when ``text`` is not JSON (``None`` when it is)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return {
            "type": "json_invalid",
            "loc": ["body", exc.pos],
            "msg": "JSON decode error",
            "input": {},
            "ctx": {"error": exc.msg},
        }
    except (ValueError, RecursionError):
        return None
    return None


def body_errors(document: Any, tp: Any, prefix: _Loc, first: msgspec.ValidationError) -> list[dict[str, Any]]:
    """All errors of ``document`` (untyped JSON) against ``tp``; ``first`` is msgspec's own message."""
    try:
        found = _check(document, tp, prefix)
    except RecursionError:
        found = []
    # Walking may miss a rule msgspec enforces (a __post_init__, say): msgspec's error is never lost.
    return found or [body_error(prefix, first, document)]


def _check(value: Any, tp: Any, loc: _Loc) -> list[dict[str, Any]]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner = typing.get_args(tp)[0]
        return _check(value, inner, loc) or _convert_errors(value, tp, loc)
    if origin in _UNIONS:
        members = [member for member in typing.get_args(tp) if member is not type(None)]
        if value is None and len(members) < len(typing.get_args(tp)):
            return []
        if len(members) == 1:
            return _check(value, members[0], loc)
        return _convert_errors(value, tp, loc)
    if origin in _SEQUENCES or (origin is tuple and typing.get_args(tp)[-1:] == (Ellipsis,)):
        if not isinstance(value, list):
            return _convert_errors(value, tp, loc)
        (item_type, *_) = typing.get_args(tp) or (Any,)
        in_items = [error for index, item in enumerate(value) for error in _check(item, item_type, (*loc, index))]
        return in_items or _convert_errors(value, tp, loc)
    if origin is dict:
        if not isinstance(value, dict):
            return _convert_errors(value, tp, loc)
        value_type = (typing.get_args(tp) or (Any, Any))[1]
        in_values = [error for key, item in value.items() for error in _check(item, value_type, (*loc, key))]
        return in_values or _convert_errors(value, tp, loc)
    fields = _fields(tp)
    if fields is None:
        return _convert_errors(value, tp, loc)
    if not isinstance(value, dict):
        return _convert_errors(value, tp, loc)
    errors: list[dict[str, Any]] = []
    for key, field_type, required in fields:
        if key in value:
            errors.extend(_check(value[key], field_type, (*loc, key)))
        elif required:
            errors.append(missing_error((*loc, key), value))
    if _forbids_unknown(tp):
        known = {key for key, _, _ in fields} | {getattr(tp.__struct_config__, "tag_field", None)}
        for key, item in value.items():
            if key not in known:
                extra = {"type": "extra_forbidden", "loc": [*loc, key], "msg": "Extra inputs are not permitted"}
                errors.append({**extra, "input": item})
    return errors or _convert_errors(value, tp, loc)


def _convert_errors(value: Any, tp: Any, loc: _Loc) -> list[dict[str, Any]]:
    try:
        msgspec.convert(value, tp)
    except msgspec.ValidationError as exc:
        return [body_error(loc, exc, value)]
    except TypeError:  # a type msgspec cannot convert to on its own: nothing more precise to say
        return []
    return []


_FIELDS: dict[Any, list[tuple[str, Any, bool]] | None] = {}


def _fields(tp: Any) -> list[tuple[str, Any, bool]] | None:
    """``(JSON key, type, required)`` per field of a Struct, dataclass or TypedDict; ``None`` otherwise."""
    if tp in _FIELDS:
        return _FIELDS[tp]
    fields: list[tuple[str, Any, bool]] | None = None
    if isinstance(tp, type):
        if issubclass(tp, msgspec.Struct):
            fields = [(info.encode_name, info.type, info.required) for info in msgspec.structs.fields(tp)]
        elif dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            fields = [
                (field.name, hints.get(field.name, Any), _dataclass_field_required(field))
                for field in dataclasses.fields(tp)
                if field.init
            ]
        elif typing.is_typeddict(tp):
            required_keys: frozenset[str] = getattr(tp, "__required_keys__", frozenset())
            fields = [(key, annotation, key in required_keys) for key, annotation in _hints(tp).items()]
    _FIELDS[tp] = fields
    return fields


def _dataclass_field_required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def _hints(tp: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(tp, include_extras=True)
    except Exception:
        return {}


def _forbids_unknown(tp: Any) -> bool:
    config = getattr(tp, "__struct_config__", None)
    return bool(getattr(config, "forbid_unknown_fields", False))
