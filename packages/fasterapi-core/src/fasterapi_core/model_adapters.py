"""The model seam: what the framework asks of a model library other than msgspec.

msgspec Structs, dataclasses, TypedDicts and attrs classes are planned by core itself, with msgspec,
exactly as before. Any other library's models (pydantic v2 is built in) go through a ``ModelAdapter``:
core finds the adapter owning a type at registration (``adapter_for``) and asks it for a plan once;
requests then run that plan. Nothing here is imported per request, and the pydantic adapter is only
imported when a route actually names a pydantic type (``import FasterAPI`` never imports pydantic).

An adapter answers four questions, each at registration:

- ``validator(tp, loc)``: a function validating Python data (a decoded JSON document, or the values
  of a query/header/cookie/form group) into ``tp``; it raises ``ModelValidationError`` carrying
  FastAPI-shaped error dicts (``type``, ``loc`` starting with ``loc``, ``msg``, ``input``, ``ctx``).
- ``fields(model)``: the model's fields (name, key in input, annotation, required, is a sequence),
  which core uses to collect a parameter group's values from the request.
- ``serializer(tp, options)``: a function from a handler's return value to JSON-ready data, honouring
  the ``response_model_*`` options (``include``, ``exclude``, ``exclude_unset``, ``exclude_defaults``,
  ``exclude_none``, ``by_alias``); it raises ``ResponseValidationError`` when the value does not fit.
- ``json_schemas(entries, ref_prefix, separate_input_output)``: JSON Schemas of ``(type, mode)`` pairs (``mode`` is
  ``"validation"`` for input, ``"serialization"`` for output) plus the shared definitions, whose
  references point at ``ref_prefix + name``; core merges them into ``components.schemas``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from ._model_protocol import AdapterField, ModelAdapter, ModelValidationError, mentions_pydantic, parts

__all__ = [
    "AdapterField",
    "ModelAdapter",
    "ModelValidationError",
    "adapter_for",
    "adapted_model",
    "is_adapted_scalar",
    "refuse_adapted_inside",
    "register_adapter",
]


_ADAPTERS: list[ModelAdapter] = []


def register_adapter(adapter: ModelAdapter) -> None:
    """Make ``adapter``'s models usable in routes (consulted before the built-in pydantic one)."""
    _ADAPTERS.insert(0, adapter)


def adapter_for(tp: Any) -> ModelAdapter | None:
    """The adapter owning ``tp`` (or a type inside it), ``None`` for what msgspec plans itself.

    Registration-time only. pydantic is recognised without importing it: a program that never
    imported pydantic has no pydantic types to hand us.
    """
    if _ADAPTERS:
        inside = list(_inside(tp))
        for adapter in _ADAPTERS:
            if any(adapter.owns(part) for part in inside):
                return adapter
    if "pydantic" in sys.modules and mentions_pydantic(tp):
        try:
            from ._pydantic import adapter
        except ImportError:  # pydantic 1: the declaration check says what to install
            return None
        return adapter
    return None


def adapted_model(tp: Any) -> ModelAdapter | None:
    """The adapter of ``tp`` when ``tp`` is a model class with fields (a pydantic ``BaseModel``), else ``None``."""
    if not isinstance(tp, type):
        return None
    model_adapter = adapter_for(tp)
    return model_adapter if model_adapter is not None and model_adapter.fields(tp) else None


def is_adapted_scalar(tp: Any) -> bool:
    """A value type of an adapted library a single text value can carry (``EmailStr``, ``conint(ge=1)``)."""
    return adapter_for(tp) is not None and not any(adapted_model(part) for part in _inside(tp))


def _inside(tp: Any) -> Iterator[Any]:
    """``tp`` and every type in its generic arguments and ``Annotated`` metadata, depth first."""
    seen: set[int] = set()
    pending = [tp]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(list(parts(current))[1:])


def refuse_adapted_inside(tp: Any, what: str) -> None:
    """Refuse, at registration, an adapted model nested in a msgspec-planned one (a pydantic model in a Struct).

    msgspec cannot validate a pydantic field and pydantic cannot see inside a Struct, so the
    mixture is named with its fix instead of failing on the first request.
    """
    if not _ADAPTERS and "pydantic" not in sys.modules:
        return  # nothing but msgspec's own types can exist
    from ._models import is_model, model_fields

    seen: set[int] = set()
    pending = [tp]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        inner = list(parts(current))[1:]
        if is_model(current):
            try:
                inner.extend(field.annotation for field in model_fields(current))
            except Exception:  # unresolvable hints are reported by msgspec itself
                continue
        for part in inner:
            owner = adapter_for(part)
            if owner is not None:
                from .exceptions import FasterAPIError

                where = getattr(current, "__qualname__", repr(current))
                shown = tp.__qualname__ if isinstance(tp, type) else repr(tp)
                raise FasterAPIError(
                    f"{what} ({shown}): {where} has a field of type {part!r}, a {owner.name} type inside a "
                    f"model msgspec validates. Mixing model libraries in one model is not supported: make "
                    f"{where} a {owner.name} model too, or the field's type a msgspec Struct."
                )
            pending.append(part)
