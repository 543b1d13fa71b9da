"""Converters from request text (path, query, header, cookie values) to annotated Python types.

Built once per parameter at registration; each is a plain callable ``str -> value`` that raises
``ValueError``/``msgspec.ValidationError`` on bad input.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import types
import typing
import uuid
from collections.abc import Callable
from typing import Any

import msgspec

__all__ = [
    "NonFiniteNumber",
    "expected_values",
    "is_scalar",
    "is_sequence",
    "scalar_converter",
    "type_label",
    "unwrap_optional",
]

_TRUE = frozenset({"true", "1", "yes", "on", "y", "t"})
_FALSE = frozenset({"false", "0", "no", "off", "n", "f"})
_SCALARS = (
    str,
    int,
    float,
    bool,
    bytes,
    decimal.Decimal,
    uuid.UUID,
    datetime.datetime,
    datetime.date,
    datetime.time,
    datetime.timedelta,
)
_SEQUENCES = (list, set, frozenset, tuple)
_TEXT_ONLY = frozenset((datetime.datetime, datetime.date, datetime.time, datetime.timedelta))


def unwrap_optional(tp: object) -> Any:
    """``X | None`` (or ``Optional[X]``) -> ``X``; anything else as it is."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _base(tp: object) -> Any:
    tp = unwrap_optional(tp)
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
        tp = unwrap_optional(tp)
    return tp


def is_scalar(tp: object) -> bool:
    """True for types a single URL/header value can carry (str, int, enum, Literal, date, ...)."""
    tp = _base(tp)
    if tp is Any or tp is typing.Any:
        return True
    if typing.get_origin(tp) is typing.Literal:
        return True
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return all(is_scalar(arg) for arg in typing.get_args(tp) if arg is not type(None))
    return isinstance(tp, type) and (issubclass(tp, _SCALARS) or issubclass(tp, enum.Enum))


def is_sequence(tp: object) -> bool:
    """True for ``list[T]``/``set[T]``/``tuple[T, ...]`` of scalars (repeated query/header values)."""
    tp = _base(tp)
    origin = typing.get_origin(tp) or tp
    if origin not in _SEQUENCES:
        return False
    args = typing.get_args(tp)
    return all(is_scalar(arg) for arg in args if arg is not Ellipsis)


def type_label(tp: object) -> str | None:
    """The short name used to pick FastAPI's error type (``int`` -> ``int_parsing``)."""
    tp = _base(tp)
    if typing.get_origin(tp) is typing.Literal:
        return "literal"
    if not isinstance(tp, type):
        return None
    if issubclass(tp, bool):
        return "bool"
    if issubclass(tp, enum.Enum):
        return "enum"
    for label, kind in (
        ("int", int),
        ("float", float),
        ("uuid", uuid.UUID),
        ("datetime", datetime.datetime),
        ("date", datetime.date),
        ("time", datetime.time),
        ("decimal", decimal.Decimal),
    ):
        if issubclass(tp, kind):
            return label
    return None


def expected_values(tp: object) -> str | None:
    """``"'a', 'b' or 'c'"``: the allowed values of an Enum or Literal, as FastAPI words them."""
    tp = _base(tp)
    if typing.get_origin(tp) is typing.Literal:
        values = list(typing.get_args(tp))
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = [member.value for member in tp]
    else:
        return None
    shown = [repr(value) for value in values]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]


#: The usual spellings, looked up as sent before anything is lower-cased.
_BOOL_TEXT = dict.fromkeys(_TRUE, True) | dict.fromkeys(_FALSE, False)


def _parse_bool(value: Any) -> bool:
    known = _BOOL_TEXT.get(value)
    if known is not None:
        return known
    if value.__class__ is bool:
        return bool(value)
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{value!r} is not a boolean")


class NonFiniteNumber(ValueError):
    """``NaN``/``Infinity`` given for a ``Decimal``: JSON cannot carry it back, so it is refused at input."""


def scalar_converter(tp: object, meta: msgspec.Meta | None = None) -> Callable[[str], Any]:
    """A ``str -> value`` function for ``tp``, checking ``meta`` constraints with msgspec."""
    # A text value is never None (``?x=null`` is the text "null", as in FastAPI): convert to the
    # non-optional type, and constraints apply to it.
    base = unwrap_optional(tp)
    target = base if meta is None else typing.Annotated[base, meta]
    if meta is None:
        if base is str or base is Any:
            return _identity
        if base is int:
            return _parse_int
    if base is bool:
        return _parse_bool
    if base is bytes:
        return _to_bytes
    if base is decimal.Decimal:
        return lambda value: _finite_decimal(msgspec.convert(value, target, strict=False), value)
    if base in _TEXT_ONLY:
        # RFC 3339 / ISO 8601 text only, as documented (``format: date-time``...): msgspec's lax mode
        # would also read ``0.5`` as a Unix timestamp, which the document does not allow.
        return lambda value: msgspec.convert(value, target)

    def convert(value: str) -> Any:
        return msgspec.convert(value, target, strict=False)

    return convert


def _finite_decimal(number: decimal.Decimal, raw: object) -> decimal.Decimal:
    if not number.is_finite():
        raise NonFiniteNumber(f"{raw!r} is not a finite number")
    return number


def _identity(value: str) -> str:
    return value


def _to_bytes(value: object) -> bytes:
    """URL and header text as bytes (UTF-8), as FastAPI gives a ``bytes`` parameter."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def _parse_int(value: Any) -> int:
    if value.__class__ is int:
        return int(value)  # already converted by a ``{name:int}`` route converter
    if value.isdigit() and value.isascii():
        return int(value)
    stripped = value[1:] if value[:1] in "+-" else value
    if stripped.isdigit() and stripped.isascii():
        return int(value)
    whole, dot, fraction = stripped.partition(".")
    # ``3.0`` is the integer 3 (FastAPI accepts it too); ``3.5`` is not an integer.
    if dot and whole.isdigit() and whole.isascii() and fraction.strip("0") == "":
        return int(value[: len(value) - len(fraction) - 1])
    raise ValueError(f"{value!r} is not an integer")
