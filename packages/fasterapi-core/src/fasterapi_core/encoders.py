"""``jsonable_encoder``: turn any response-like value into plain JSON-compatible Python data.

``encode_json`` is the one msgspec encoder responses use (value -> JSON bytes), public for the WebSocket
package and for code that builds JSON bodies by hand.

FastAPI code calls it before storing a model or building a ``JSONResponse`` by hand. Here it is one
``msgspec.to_builtins`` pass with the same type hook the response encoder uses, so the result matches
what a handler returning the value would send.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Collection, Mapping
from typing import Any

import msgspec

from ._encoding import _enc_hook, encode_json

__all__ = ["encode_json", "jsonable_encoder"]


def jsonable_encoder(
    obj: object,
    include: Collection[str] | None = None,
    exclude: Collection[str] | None = None,
    *,
    exclude_none: bool = False,
    custom_encoder: Mapping[type[Any], Callable[[Any], Any]] | None = None,
) -> Any:
    """Plain dicts, lists, strings, numbers, booleans and ``None`` for ``obj``.

    Structs, dataclasses, pydantic models, enums, datetimes, UUIDs, decimals, sets and bytes are
    converted the way responses encode them. ``include``/``exclude`` pick top-level keys of a
    mapping-like result; ``exclude_none`` drops ``None`` values from every mapping, recursively;
    ``custom_encoder`` maps a type to a function used for values of that type (checked before the
    built-in rules, at any depth).
    """
    hook = _enc_hook if not custom_encoder else _with_custom(custom_encoder)
    if custom_encoder:
        obj = _apply_custom(obj, custom_encoder)
    data = _plain(msgspec.to_builtins(obj, enc_hook=hook, builtin_types=(decimal.Decimal, bytes, bytearray)))
    if isinstance(data, dict) and (include is not None or exclude is not None):
        allowed = set(include) if include is not None else None
        blocked = set(exclude or ())
        data = {k: v for k, v in data.items() if (allowed is None or k in allowed) and k not in blocked}
    if exclude_none:
        data = _drop_none(data)
    return data


def _with_custom(custom: Mapping[type[Any], Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def hook(value: object) -> Any:
        for kind, encode in custom.items():
            if isinstance(value, kind):
                return encode(value)
        return _enc_hook(value)

    return hook


def _apply_custom(value: object, custom: Mapping[type[Any], Callable[[Any], Any]]) -> Any:
    """Apply custom encoders to values msgspec would otherwise convert natively (e.g. datetime)."""
    for kind, encode in custom.items():
        if isinstance(value, kind):
            return encode(value)
    if isinstance(value, dict):
        return {k: _apply_custom(v, custom) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_apply_custom(v, custom) for v in value]
    return value


def _plain(value: object) -> Any:
    """What ``to_builtins`` leaves that FastAPI's encoder changes: decimals become JSON numbers (int
    when integral), tuples become lists, bytes become text (``bytes.decode()``, not base64)."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return value


def _drop_none(value: object) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value
