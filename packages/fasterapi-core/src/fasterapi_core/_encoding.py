"""JSON encoding shared by responses and the route planner (one msgspec encoder, built once)."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import inspect
import sys
import uuid
from collections.abc import Callable
from typing import Any

import msgspec

__all__ = ["JSON_CONTENT_TYPE", "encode_json", "json_encoder", "length_header", "to_builtins"]


def _enc_hook(obj: Any) -> Any:
    """Types msgspec does not encode natively, made JSON-friendly the way FastAPI does."""
    if isinstance(obj, decimal.Decimal):
        return str(obj)
    if isinstance(obj, (set, frozenset)):
        return list(obj)
    if isinstance(obj, bytes):
        return obj.decode("utf-8", "replace")
    if isinstance(obj, datetime.timedelta):
        return obj.total_seconds()
    if isinstance(obj, enum.Enum):
        return obj.value
    serializer = getattr(type(obj), "__pydantic_serializer__", None)
    if (
        serializer is not None
    ):  # a pydantic model or dataclass: its own JSON form, by alias (FastAPI's jsonable_encoder)
        return serializer.to_python(obj, mode="json", by_alias=True)
    if type(obj).__module__.startswith("pydantic"):  # HttpUrl, SecretStr, ... (pydantic is loaded: it made obj)
        return sys.modules["pydantic_core"].to_jsonable_python(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    to_dict = getattr(obj, "model_dump", None) or getattr(obj, "dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(obj, (uuid.UUID, datetime.date, datetime.time)):
        return str(obj)
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
    if inspect.isawaitable(obj) or inspect.isasyncgen(obj) or inspect.isgenerator(obj):
        return f"Object of type {kind} is not JSON serializable: did you forget `await` (or to iterate it)?"
    return (
        f"Object of type {kind} is not JSON serializable: return dicts, lists, str/int/float/bool/None, "
        f"msgspec Structs or dataclasses (or declare a response_model that {kind} converts to)"
    )


#: ``Decimal`` goes out as a JSON string, as FastAPI sends it and as the OpenAPI document says: a number
#: would lose precision in clients that read JSON numbers as floats.
json_encoder = msgspec.json.Encoder(enc_hook=_enc_hook, decimal_format="string")
encode_json: Callable[[Any], bytes] = json_encoder.encode


def to_builtins(obj: Any) -> Any:
    """Plain dicts/lists/scalars, as FastAPI's ``jsonable_encoder`` gives."""
    return msgspec.to_builtins(obj, enc_hook=_enc_hook)


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
