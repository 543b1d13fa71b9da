"""Which annotations the framework can validate and encode, asked once per route when it is declared.

msgspec accepts any class when a decoder is built (as a "custom type") and then refuses every value
(``Expected `Item`, got `dict```), and the encoder fails on every response holding one. These
functions find such a class while the route is declared, so the mistake is named with its fix
instead of answering 422 or 500 to every request.
"""

from __future__ import annotations

import collections.abc
import datetime
import decimal
import enum
import types
import typing
import uuid
from typing import Any

import msgspec

from ._models import is_model, model_fields
from .model_adapters import adapter_for

__all__ = ["display_name", "unsupported_part", "why_unsupported"]

#: Classes msgspec validates and encodes itself (their subclasses too).
_NATIVE: tuple[type, ...] = (
    str,
    int,
    float,
    bool,
    bytes,
    bytearray,
    memoryview,
    decimal.Decimal,
    uuid.UUID,
    datetime.datetime,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    enum.Enum,
    list,
    tuple,
    set,
    frozenset,
    dict,
    type(None),
    msgspec.Raw,
    msgspec.UnsetType,
)
#: Generic forms whose arguments are validated item by item.
_CONTAINERS = frozenset(
    {
        list,
        tuple,
        set,
        frozenset,
        dict,
        collections.abc.Sequence,
        collections.abc.MutableSequence,
        collections.abc.Collection,
        collections.abc.Set,
        collections.abc.MutableSet,
        collections.abc.Mapping,
        collections.abc.MutableMapping,
        typing.Union,
        types.UnionType,
        typing.Annotated,
    }
)


def unsupported_part(tp: Any, *, encode_only: bool = False) -> Any | None:
    """The first part of ``tp`` (a class, or a form like ``Callable[[], int]``) that cannot be validated
    from JSON nor encoded to it; ``None`` when every part can.

    Models (Structs, dataclasses, TypedDicts, NamedTuples, attrs classes) are looked into, field by
    field. With ``encode_only`` (a return annotation that is only encoded, never validated), objects
    the encoder dumps through their ``model_dump()``/``dict()`` method pass too. Registration-time only.
    """
    return _walk(tp, set(), encode_only)


def _walk(tp: Any, seen: set[int], encode_only: bool) -> Any | None:
    if id(tp) in seen or tp is Any or tp is object or tp is None or isinstance(tp, typing.TypeVar):
        return None
    seen.add(id(tp))
    if adapter_for(tp) is not None:
        return None  # a model library behind the seam (pydantic) validates and encodes it
    supertype = getattr(tp, "__supertype__", None)  # typing.NewType
    if supertype is not None:
        return _walk(supertype, seen, encode_only)
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return None
    if origin is not None:
        if origin not in _CONTAINERS:
            return tp
        arguments = typing.get_args(tp)
        if origin is typing.Annotated:
            arguments = arguments[:1]
        for argument in arguments:
            if argument is Ellipsis:
                continue
            found = _walk(argument, seen, encode_only)
            if found is not None:
                return found
        return None
    if not isinstance(tp, type):
        return tp
    if is_model(tp) or _is_named_tuple(tp) or hasattr(tp, "__attrs_attrs__"):
        return _walk_fields(tp, seen, encode_only)
    if issubclass(tp, _NATIVE):
        return None
    if encode_only and any(callable(getattr(tp, method, None)) for method in ("model_dump", "dict")):
        return None
    return tp


def _walk_fields(model: type, seen: set[int], encode_only: bool) -> Any | None:
    try:
        annotations = (
            [field.annotation for field in model_fields(model)]
            if is_model(model)
            else list(typing.get_type_hints(model).values())
        )
    except Exception:  # hints that do not resolve are reported by msgspec when it plans the model
        return None
    for annotation in annotations:
        found = _walk(annotation, seen, encode_only)
        if found is not None:
            return found
    return None


def _is_named_tuple(tp: type) -> bool:
    return issubclass(tp, tuple) and hasattr(tp, "_fields")


def display_name(obj: Any) -> str:
    """``read_item`` for a function defined anywhere (no ``test_x.<locals>.`` prefix), ``Class.method`` for a
    method: how declaration errors and log lines name handlers, dependencies and classes."""
    name = getattr(obj, "__qualname__", None)
    if not isinstance(name, str):
        return repr(obj)
    return name.rsplit("<locals>.", 1)[-1]


def why_unsupported(part: Any) -> str:
    """A sentence saying why ``part`` (found by :func:`unsupported_part`) cannot be used, and what to use."""
    name = display_name(part)
    # On Python 3.10 a parametrized generic such as ``Callable[[], int]`` passes ``isinstance(x, type)``.
    is_class = isinstance(part, type) and not isinstance(part, types.GenericAlias)
    if is_class and any(
        (base.__module__ or "").split(".")[0] == "pydantic" and base.__name__ == "BaseModel" for base in part.__mro__
    ):
        return (
            f"{name} is a pydantic model, which this installation cannot validate (pydantic models need "
            "pydantic >= 2 and `pip install 'faster-api-web[pydantic]'`); or make it a msgspec.Struct"
        )
    if is_class:
        return (
            f"{name} is a class that neither msgspec nor a model library can validate or encode: make it a "
            "msgspec.Struct, a dataclass or a TypedDict"
        )
    return f"{part!r} cannot be validated from JSON nor encoded to it: use a type JSON can carry"
