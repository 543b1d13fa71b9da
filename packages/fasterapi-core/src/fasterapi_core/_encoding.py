"""JSON encoding shared by responses and the route planner (one msgspec encoder, built once)."""

from __future__ import annotations

import collections
import datetime
import decimal
import inspect
import sys
import types
from collections.abc import Callable
from typing import Any

import msgspec

__all__ = ["JSON_CONTENT_TYPE", "encode_json", "json_encoder", "length_header"]


def _as_datetime(value: datetime.datetime) -> datetime.datetime:
    return datetime.datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        value.tzinfo,
        fold=value.fold,
    )


def _as_time(value: datetime.time) -> datetime.time:
    return datetime.time(value.hour, value.minute, value.second, value.microsecond, value.tzinfo, fold=value.fold)


#: msgspec encodes these classes itself but hands their subclasses to the hook (freezegun's ``FakeDatetime``,
#: markupsafe's ``Markup``, ...): each goes out as the base class would (datetime before date: it is one).
_AS_BASE: tuple[tuple[type[Any], Callable[[Any], object]], ...] = (
    (str, str.__str__),
    (int, int.__int__),
    (float, float.__float__),
    (bytes, lambda value: bytes(memoryview(value))),  # bytes() would call a __bytes__ override
    (decimal.Decimal, decimal.Decimal),
    (datetime.datetime, _as_datetime),
    (datetime.date, lambda value: datetime.date(value.year, value.month, value.day)),
    (datetime.time, _as_time),
    (datetime.timedelta, lambda value: datetime.timedelta(value.days, value.seconds, value.microseconds)),
)


def _enc_hook(obj: Any) -> Any:
    """What msgspec does not encode itself: pydantic models and values (their own JSON form, by alias, as
    FastAPI's ``jsonable_encoder`` gives it), subclasses of the scalars msgspec encodes (sent as their base
    class is: ISO 8601 dates and durations, base64 bytes, decimals as strings) and objects with
    ``model_dump()``/``dict()``; deques and generators become lists."""
    serializer = getattr(type(obj), "__pydantic_serializer__", None)
    if serializer is not None:  # a pydantic model or dataclass
        return serializer.to_python(obj, mode="json", by_alias=True)
    if type(obj).__module__.startswith("pydantic"):  # HttpUrl, SecretStr, ... (pydantic is loaded: it made obj)
        return sys.modules["pydantic_core"].to_jsonable_python(obj)
    for base, as_base in _AS_BASE:
        if isinstance(obj, base):
            return as_base(obj)
    if isinstance(obj, (collections.deque, types.GeneratorType)):
        return list(obj)  # a JSON array, as FastAPI's jsonable_encoder makes of them
    to_dict = getattr(obj, "model_dump", None) or getattr(obj, "dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(_unencodable(obj))


def _unencodable(obj: Any) -> str:
    """Why ``obj`` cannot be sent as JSON and the likely fix (the error path only)."""
    kind = type(obj).__name__
    if inspect.iscoroutine(obj):
        name = getattr(obj, "__qualname__", "a coroutine function")
        obj.close()  # it can never be awaited now; closing it spares the "never awaited" warning
        return (
            f"Object of type coroutine is not JSON serializable: the result of calling {name}() was never "
            "awaited; did you forget `await`?"
        )
    if inspect.isawaitable(obj) or inspect.isasyncgen(obj):
        return f"Object of type {kind} is not JSON serializable: did you forget `await` (or to iterate it)?"
    return (
        f"Object of type {kind} is not JSON serializable: return dicts, lists, str/int/float/bool/None, "
        f"msgspec Structs or dataclasses (or declare a response_model that {kind} converts to)"
    )


#: ``Decimal`` goes out as a JSON string, as FastAPI sends it and as the OpenAPI document says: a number
#: would lose precision in clients that read JSON numbers as floats.
json_encoder = msgspec.json.Encoder(enc_hook=_enc_hook, decimal_format="string")
encode_json: Callable[[Any], bytes] = json_encoder.encode


#: The ``Content-Type`` header line of JSON answers (a constant tuple, shared by every response).
JSON_CONTENT_TYPE = (b"content-type", b"application/json")

_LENGTH_HEADERS: dict[int, tuple[bytes, bytes]] = {}
#: Lengths below this keep their header line once built (at most this many small tuples).
_CACHED_LENGTHS = 16384


def length_header(length: int) -> tuple[bytes, bytes]:
    """The ``Content-Length`` header line for ``length`` bytes; small lengths are built once and reused."""
    header = _LENGTH_HEADERS.get(length)
    if header is None:
        header = (b"content-length", str(length).encode("latin-1"))
        if length < _CACHED_LENGTHS:
            _LENGTH_HEADERS[length] = header
    return header
