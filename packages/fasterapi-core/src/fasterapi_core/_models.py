"""What the planners read off a model class (msgspec Struct, dataclass, TypedDict).

Parameter groups, form models, the body-error walk and response shaping all need a model's fields
and whether it refuses unknown keys; they read them here, at registration or on an error path.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import Any, NamedTuple

import msgspec

from .params import MISSING

__all__ = ["ModelField", "forbids_unknown_fields", "is_model", "model_fields"]


class ModelField(NamedTuple):
    name: str  #: the attribute
    key: str  #: the key in JSON, forms and query strings (a Struct's ``rename``)
    annotation: object  #: with its ``Annotated`` extras
    default: object  #: ``MISSING`` when there is none
    default_factory: Callable[[], Any] | None
    init: bool = True  #: ``False`` for a dataclass field with ``init=False`` (never read from input)

    @property
    def required(self) -> bool:
        return self.init and self.default is MISSING and self.default_factory is None


def is_model(tp: object) -> bool:
    """A class whose fields are filled from keys: a Struct, a dataclass or a TypedDict."""
    if not isinstance(tp, type):
        return False
    return issubclass(tp, msgspec.Struct) or dataclasses.is_dataclass(tp) or typing.is_typeddict(tp)


def model_fields(model: type) -> list[ModelField]:
    """The fields of ``model`` in declaration order."""
    hints = typing.get_type_hints(model, include_extras=True)
    if issubclass(model, msgspec.Struct):
        return [
            ModelField(
                info.name,
                info.encode_name,
                hints.get(info.name, info.type),
                MISSING if info.default is msgspec.NODEFAULT else info.default,
                None if info.default_factory is msgspec.NODEFAULT else info.default_factory,
            )
            for info in msgspec.structs.fields(model)
        ]
    if dataclasses.is_dataclass(model):
        return [
            ModelField(
                field.name,
                field.name,
                hints.get(field.name, Any),
                MISSING if field.default is dataclasses.MISSING else field.default,
                None if field.default_factory is dataclasses.MISSING else field.default_factory,
                field.init,
            )
            for field in dataclasses.fields(model)
        ]
    required_keys = getattr(model, "__required_keys__", frozenset(hints))
    return [
        ModelField(key, key, annotation, MISSING if key in required_keys else None, None)
        for key, annotation in hints.items()
    ]


def forbids_unknown_fields(model: object) -> bool:
    """msgspec's ``forbid_unknown_fields=True``, which is pydantic's ``extra="forbid"``."""
    return bool(getattr(getattr(model, "__struct_config__", None), "forbid_unknown_fields", False))
