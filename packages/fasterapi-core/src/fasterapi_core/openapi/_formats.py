"""What msgspec's JSON Schemas leave out, put back so the document says what the server does.

msgspec describes a naive ``datetime``/``time`` as a bare string (RFC 3339 ``date-time`` needs an
offset), and a ``Decimal`` as a string only. FastAPI documents ``format: date-time``/``time`` and the
server accepts RFC 3339 text, so clients and generators need the format to know ``""`` is no date.
A ``Decimal`` is read from a JSON number or a numeric string and always sent as a string: its input
schema is number-or-string, its output schema a string (FastAPI's ``-Input``/``-Output`` split).

The schemas are patched by walking msgspec's type information next to the schema it produced.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec
import msgspec.inspect as mi

__all__ = ["DECIMAL_PATTERN", "Mode", "patch_schema"]

Mode = Literal["input", "output"]

#: Numeric text a ``Decimal`` input accepts (finite: ``NaN`` and ``Infinity`` are refused).
DECIMAL_PATTERN = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_REF_PREFIX = "#/components/schemas/"


def patch_schema(
    tp: Any, schema: dict[str, Any], components: dict[str, dict[str, Any]], mode: Mode, done: set[str]
) -> None:
    """Patch ``schema`` (msgspec's for ``tp``) and the ``components`` it refers to, in place.

    ``done`` holds the component names already patched (each is patched once).
    """
    try:
        info = mi.type_info(tp)
    except Exception:  # a type msgspec could not describe has an unconstrained schema: nothing to add
        return
    _patch(info, schema, components, mode, done)


def _patch(info: mi.Type, schema: Any, components: dict[str, Any], mode: Mode, done: set[str]) -> None:
    if not isinstance(schema, dict):
        return
    while isinstance(info, mi.Metadata):
        info = info.type
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
        name = ref[len(_REF_PREFIX) :]
        if name not in done and name in components:
            done.add(name)
            _patch_model(info, components[name], components, mode, done)
        return
    if isinstance(info, mi.LiteralType):
        _patch_literal(info, schema)
    elif isinstance(info, mi.DateTimeType):
        schema.setdefault("format", "date-time")
    elif isinstance(info, mi.TimeType):
        schema.setdefault("format", "time")
    elif isinstance(info, mi.DecimalType):
        _patch_decimal(schema, mode)
    elif isinstance(info, mi.UnionType):
        _patch_union(info, schema, components, mode, done)
    elif isinstance(info, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)):
        if isinstance(info.item_type, mi.AnyType) and schema.get("type") == "array":
            schema.setdefault("items", {})  # a bare ``list``: any items, said as pydantic says it
        _patch(info.item_type, schema.get("items"), components, mode, done)
    elif isinstance(info, mi.TupleType):
        for item_info, item_schema in zip(info.item_types, schema.get("prefixItems") or (), strict=False):
            _patch(item_info, item_schema, components, mode, done)
    elif isinstance(info, mi.DictType):
        _patch(info.value_type, schema.get("additionalProperties"), components, mode, done)
    else:
        _patch_model(info, schema, components, mode, done)


def _patch_model(info: mi.Type, schema: dict[str, Any], components: dict[str, Any], mode: Mode, done: set[str]) -> None:
    fields = getattr(info, "fields", None)
    if fields is None:
        return
    if isinstance(info, mi.NamedTupleType):
        for field, field_schema in zip(fields, schema.get("prefixItems") or (), strict=False):
            _patch(field.type, field_schema, components, mode, done)
        return
    properties = schema.get("properties") or {}
    for field in fields:
        _patch(field.type, properties.get(field.encode_name), components, mode, done)
        if isinstance(info, mi.DataclassType) and field.default_factory is not msgspec.NODEFAULT:
            # A dataclass default made by a factory is not a constant: pydantic (FastAPI) leaves it out.
            prop = properties.get(field.encode_name)
            if isinstance(prop, dict):
                prop.pop("default", None)


def _patch_union(
    info: mi.UnionType, schema: dict[str, Any], components: dict[str, Any], mode: Mode, done: set[str]
) -> None:
    members = schema.get("anyOf")
    if not isinstance(members, list):
        return
    for member in info.types:
        inner = member
        while isinstance(inner, mi.Metadata):
            inner = inner.type
        if isinstance(inner, (mi.DateTimeType, mi.TimeType, mi.DecimalType)):
            # msgspec allows one string-like type per union: it is the anyOf entry typed "string".
            for entry in members:
                if isinstance(entry, dict) and entry.get("type") == "string" and "$ref" not in entry:
                    _patch(member, entry, components, mode, done)
                    break
        elif hasattr(inner, "cls") or isinstance(inner, (mi.ListType, mi.DictType, mi.SetType, mi.VarTupleType)):
            for entry in members:
                if isinstance(entry, dict) and _same_shape(inner, entry):
                    _patch(member, entry, components, mode, done)


def _same_shape(info: mi.Type, entry: dict[str, Any]) -> bool:
    if hasattr(info, "cls") and getattr(info, "fields", None) is not None:
        return "$ref" in entry or entry.get("type") == "object"
    if isinstance(info, mi.DictType):
        return entry.get("type") == "object"
    return entry.get("type") == "array"


_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (str, "string"), (type(None), "null"))


def _json_type(value: object) -> str | None:
    for cls, name in _JSON_TYPES:
        if isinstance(value, cls):
            return name
    return None


def _patch_literal(info: mi.LiteralType, schema: dict[str, Any]) -> None:
    """``Literal["a", "b"]`` as pydantic (FastAPI) writes it: the values' JSON ``type`` when they share one,
    and ``const`` for a single value."""
    if schema.get("enum") != list(info.values):
        return
    types_ = {_json_type(value) for value in info.values}
    if len(info.values) == 1:
        del schema["enum"]
        schema["const"] = info.values[0]
    if len(types_) == 1 and None not in types_:
        schema.setdefault("type", types_.pop())


def _patch_decimal(schema: dict[str, Any], mode: Mode) -> None:
    for key in ("type", "format"):
        schema.pop(key, None)
    if mode == "output":
        schema["type"] = "string"
    else:
        schema["anyOf"] = [{"type": "number"}, {"type": "string", "pattern": DECIMAL_PATTERN}]
