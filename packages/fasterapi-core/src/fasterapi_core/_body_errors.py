"""Every problem of a JSON body that failed to decode, as FastAPI reports them.

msgspec stops at the first problem; FastAPI lists them all (``{}`` for an item with two required
fields gives two ``missing`` errors). Only the error path runs this: the document is parsed again
without a type, then walked field by field against the body's type, and each leaf that does not
fit is converted alone to get its message. Malformed JSON is described with Python's ``json``
messages and positions, which is what FastAPI's ``json_invalid`` errors carry.
"""

from __future__ import annotations

import json
import types
import typing
import uuid
from collections.abc import Callable
from typing import Any

import msgspec

from ._encoding import encode_json
from ._errors import body_error, constraint_error, conversion_error
from ._models import forbids_unknown_fields, is_model, model_fields

__all__ = ["body_errors", "json_invalid", "missing_fields_payload"]

_Loc = tuple[Any, ...]
_UNIONS = (typing.Union, types.UnionType)
_SEQUENCES = (list, set, frozenset)
#: What untyped JSON decoding gives that msgspec's strict rules accept for these types.
_PLAIN_JSON_TYPES: dict[Any, frozenset[type]] = {
    str: frozenset((str,)),
    int: frozenset((int,)),
    float: frozenset((int, float)),
    bool: frozenset((bool,)),
    Any: frozenset((str, int, float, bool, list, dict, type(None))),
}


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


def body_errors(document: object, tp: object, prefix: _Loc, first: msgspec.ValidationError) -> list[dict[str, Any]]:
    """All errors of ``document`` (untyped JSON) against ``tp``; ``first`` is msgspec's own message."""
    try:
        found = _checker(tp)(document, prefix)
    except Exception:  # a type this walk does not understand: msgspec's own error is still right
        found = []
    # Walking may miss a rule msgspec enforces (a __post_init__, say): msgspec's error is never lost.
    return found or [body_error(prefix, first, document)]


_Errors = list[dict[str, Any]]
_Checker = Callable[[Any, _Loc], _Errors]
_CHECKERS: dict[Any, _Checker] = {}


def _checker(tp: object) -> _Checker:
    """The error finder for ``tp``, built on first use and kept (types are few; errors are many)."""
    checker = _CHECKERS.get(tp)
    if checker is None:
        _CHECKERS[tp] = lambda value, loc: _CHECKERS[tp](value, loc)  # recursive types refer to themselves
        checker = _CHECKERS[tp] = _build_checker(tp)
    return checker


def _build_checker(tp: object) -> _Checker:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _constrained_checker(tp)
    if origin in _UNIONS:
        return _union_checker(tp)
    if origin in _SEQUENCES or (origin is tuple and typing.get_args(tp)[-1:] == (Ellipsis,)):
        item = _checker((typing.get_args(tp) or (Any,))[0])

        def check_items(value: object, loc: _Loc) -> _Errors:
            if isinstance(value, list):
                found = [error for index, entry in enumerate(value) for error in item(entry, (*loc, index))]
                if found:
                    return found
            return _convert_errors(value, tp, loc)

        return check_items
    if origin is dict or tp is dict:
        key_type, entry_type = typing.get_args(tp) or (Any, Any)
        entry_checker = _checker(entry_type)
        key_label = _KEY_LABELS.get(key_type)

        def check_entries(value: object, loc: _Loc) -> _Errors:
            if isinstance(value, dict):
                found = [error for key, entry in value.items() for error in entry_checker(entry, (*loc, key))]
                if key_label is not None:
                    found[:0] = _key_errors(value, key_type, key_label, loc)
                if found:
                    return found
                return _convert_errors(value, tp, loc)
            return [
                {"type": "dict_type", "loc": list(loc), "msg": "Input should be a valid dictionary", "input": value}
            ]

        return check_entries
    fields = _fields(tp)
    if fields is None:
        accepted = _PLAIN_JSON_TYPES.get(tp)
        if accepted is not None:  # a plain JSON value of the right kind needs no conversion to tell
            return lambda value, loc: [] if type(value) in accepted else _convert_errors(value, tp, loc)
        return lambda value, loc: _convert_errors(value, tp, loc)
    return _model_checker(tp, fields)


_CONSTRAINT_NAMES = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")


def _constrained_checker(tp: object) -> _Checker:
    """``Annotated[X, Meta(gt=0)]``: errors inside ``X`` first, then the constraints in FastAPI's words.

    msgspec words ``gt=0`` on an int as ``>= 1``; the constraints are checked again here so that the
    error says "greater than 0", as FastAPI's does.
    """
    inner_type, *metadata = typing.get_args(tp)
    inner = _checker(inner_type)
    constraints = tuple(
        (name, getattr(meta, name))
        for meta in metadata
        if isinstance(meta, msgspec.Meta)
        for name in _CONSTRAINT_NAMES
        if getattr(meta, name) is not None
    )

    def check_constrained(value: object, loc: _Loc) -> _Errors:
        found = inner(value, loc)
        if found:
            return found
        if constraints:
            try:
                converted = msgspec.convert(value, inner_type)
                problem = constraint_error(loc, value, converted, constraints)
            except (msgspec.ValidationError, TypeError):
                problem = None
            if problem is not None:
                return [problem]
        return _convert_errors(value, tp, loc)

    return check_constrained


def _union_checker(tp: object) -> _Checker:
    members = [member for member in typing.get_args(tp) if member is not type(None)]
    accepts_none = len(members) < len(typing.get_args(tp))
    only = _checker(members[0]) if len(members) == 1 else None

    def check_union(value: object, loc: _Loc) -> _Errors:
        if value is None and accepts_none:
            return []
        if only is not None:
            return only(value, loc)
        return _convert_errors(value, tp, loc)

    return check_union


def _model_checker(tp: object, fields: list[tuple[str, Any, bool]]) -> _Checker:
    no_types: frozenset[type] = frozenset()
    plan = [
        (key, _PLAIN_JSON_TYPES.get(field_type, no_types), _checker(field_type), required)
        for key, field_type, required in fields
    ]
    forbid = forbids_unknown_fields(tp)
    known = {key for key, _, _ in fields} | {getattr(getattr(tp, "__struct_config__", None), "tag_field", None)}

    def check_model(value: object, loc: _Loc) -> _Errors:
        if not isinstance(value, dict):
            return _convert_errors(value, tp, loc)
        found: _Errors = []
        for key, accepted, check, required in plan:
            if key in value:
                entry = value[key]
                if type(entry) not in accepted:
                    found.extend(check(entry, (*loc, key)))
            elif required:
                found.append({"type": "missing", "loc": [*loc, key], "msg": "Field required", "input": value})
        if forbid:
            for key, entry in value.items():
                if key not in known:
                    extra = {"type": "extra_forbidden", "loc": [*loc, key], "msg": "Extra inputs are not permitted"}
                    found.append({**extra, "input": entry})
        return found or _convert_errors(value, tp, loc)

    return check_model


#: Dict key types JSON text converts to, by the label FastAPI's parsing errors use.
_KEY_LABELS: dict[Any, str] = {int: "int", float: "float", uuid.UUID: "uuid"}


def _key_errors(value: dict[str, Any], key_type: Any, label: str, loc: _Loc) -> _Errors:
    """FastAPI's errors for object keys that are not text of ``key_type`` (``loc`` ends ``key, "[key]"``)."""
    found: _Errors = []
    for key in value:
        try:
            msgspec.convert(key, key_type, strict=False)
        except msgspec.ValidationError as exc:
            found.append(conversion_error((*loc, key, "[key]"), key, exc, label))
    return found


def _convert_errors(value: object, tp: object, loc: _Loc) -> _Errors:
    try:
        msgspec.convert(value, tp)
    except msgspec.ValidationError as exc:
        return [body_error(loc, exc, value)]
    except TypeError:  # a type msgspec cannot convert to on its own: nothing more precise to say
        return []
    return []


def _fields(tp: Any) -> list[tuple[str, Any, bool]] | None:
    """``(JSON key, type, required)`` per field of a Struct, dataclass or TypedDict; ``None`` otherwise."""
    if not is_model(tp):
        return None
    return [(field.key, field.annotation, field.required) for field in model_fields(tp) if field.init]


#: Per field of a model: ``(JSON key, plain JSON types it takes, the encoded start of its "missing" error, required)``.
_MissingPlan = tuple[tuple[str, frozenset[type], bytes, bool], ...]
_MISSING_PLANS: dict[Any, _MissingPlan | None] = {}
_PAYLOAD_START = b'{"detail":['


def missing_fields_payload(tp: object, document: object) -> bytes | None:
    """The encoded ``{"detail": [...]}`` of a body whose only problems are missing top-level fields, or ``None``.

    The most common 422 (a client forgot fields) skips building and encoding one dict per error: each
    error's bytes up to its ``input`` are planned once per type, and the input (the whole object) is
    encoded once. The bytes are those ``encode_json({"detail": body_errors(...)})`` gives; ``None`` for
    anything else (a present field of the wrong type, unknown fields refused, not an object), which the
    error dicts describe.
    """
    if type(document) is not dict:
        return None
    try:
        plan = _MISSING_PLANS.get(tp, _UNPLANNED)
    except TypeError:  # an unhashable annotation (``Annotated`` with a list inside): no plan kept for it
        return None
    if plan is _UNPLANNED:
        plan = _MISSING_PLANS[tp] = _plan_missing_errors(tp)
    if plan is None:
        return None
    starts: list[bytes] = []
    for key, accepted, start, required in plan:
        if key in document:
            if type(document[key]) not in accepted:
                return None
        elif required:
            starts.append(start)
    if not starts:
        return None
    end = encode_json(document) + b"}"
    return b"".join((_PAYLOAD_START, (end + b",").join(starts), end, b"]}"))


_UNPLANNED: Any = object()


def _plan_missing_errors(tp: object) -> _MissingPlan | None:
    """What ``missing_fields_payload`` needs of a model type (``None``: not a model, or one refusing unknown keys)."""
    try:
        fields = _fields(tp)
        if fields is None or forbids_unknown_fields(tp):
            return None
        no_types: frozenset[type] = frozenset()
        return tuple(
            (key, _PLAIN_JSON_TYPES.get(field_type, no_types), _missing_error_start(key), required)
            for key, field_type, required in fields
        )
    except Exception:  # a type this plan does not understand: the error dicts describe it
        return None


def _missing_error_start(key: str) -> bytes:
    """``{"type":"missing","loc":["body",<key>],"msg":"Field required","input":`` as the encoder writes it."""
    error = encode_json({"type": "missing", "loc": ["body", key], "msg": "Field required", "input": None})
    return error[: -len(b"null}")]
