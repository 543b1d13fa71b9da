"""``response_model``: validating a handler's return value and shaping what is sent.

Planned once per route. Without filters the common cases (the handler already returned the model's
exact class, or a list of it) pass through untouched; everything else is converted with msgspec.
The ``response_model_exclude_*`` / ``_include`` options dump the validated value to plain data with
the fields FastAPI would leave out removed.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from operator import countOf as count_of
from typing import Any

import msgspec

from ._convert import is_scalar
from ._dataclass_defaults import plan_completion
from ._encoding import json_encoder
from ._models import is_model, model_fields
from .exceptions import FasterAPIError, ResponseValidationError
from .model_adapters import adapter_for, refuse_adapted_inside
from .params import MISSING

__all__ = ["names_a_model", "plan_shaping"]

_MISSING = object()


def plan_shaping(model: object, explicit: bool, options: dict[str, Any]) -> Callable[[Any], Any] | None:
    """The function that validates and shapes a return value, or ``None`` when nothing needs doing.

    An explicit ``response_model=`` always validates. Annotations naming a model (Struct, dataclass,
    TypedDict) are applied, so that extra fields are dropped. A single-value annotation (``-> int``,
    ``-> str | None``, an Enum) is checked as FastAPI does (``"12"`` becomes ``12``, ``"abc"`` is a 500);
    a value of exactly the annotated class passes with one comparison. A container of builtin types
    (``dict[str, int]``, ``list[str]``) is trusted as it is: checking every item would cost on every
    request; ``response_model=dict[str, int]`` has it checked.
    """
    if model is None:
        return None
    model_adapter = adapter_for(model)
    if model_adapter is not None:  # pydantic & co.: the library validates and dumps, as FastAPI has it do
        return model_adapter.serializer(model, options)
    if not explicit and not names_a_model(model):
        return _plan_single_value(model) if model is not Any and is_scalar(model) else None
    refuse_adapted_inside(model, "response_model")
    validate = _plan_validation(model)
    dump = _Dump(
        include=_field_names(options.get("response_model_include")),
        exclude=_field_names(options.get("response_model_exclude")),
        exclude_none=bool(options.get("response_model_exclude_none")),
        exclude_unset=bool(options.get("response_model_exclude_unset")),
        exclude_defaults=bool(options.get("response_model_exclude_defaults")),
    )
    exact_class = model if isinstance(model, type) and not typing.is_typeddict(model) else None
    item_class = None
    if typing.get_origin(model) is list:
        (item,) = typing.get_args(model) or (Any,)
        if isinstance(item, type) and not typing.is_typeddict(item):
            item_class = item

    if not dump.active:

        def shape(result: object) -> Any:
            if exact_class is not None and result.__class__ is exact_class:
                return result
            # Every item of exactly ``item_class``: counted in C, a third cheaper than collecting a set of types.
            if (
                item_class is not None
                and result.__class__ is list
                and count_of(map(type, result), item_class) == len(result)
            ):
                return result
            return validate(result)

        return shape

    def shape_and_filter(result: object) -> Any:
        return dump.top(validate(result), result)

    return shape_and_filter


def _plan_single_value(model: Any) -> Callable[[Any], Any]:
    validate = _plan_validation(model)
    if not isinstance(model, type):
        return validate
    exact = model

    def shape(result: Any) -> Any:
        return result if result.__class__ is exact else validate(result)

    return shape


def names_a_model(tp: object) -> bool:
    # On Python 3.10 ``isinstance(list[Item], type)`` is true: generic aliases go to their arguments.
    if isinstance(tp, type) and typing.get_origin(tp) is None:
        return issubclass(tp, msgspec.Struct) or dataclasses.is_dataclass(tp) or typing.is_typeddict(tp)
    return any(names_a_model(arg) for arg in typing.get_args(tp))


def _field_names(option: Any) -> frozenset[str] | None:
    """FastAPI takes a set of names or a dict ``{name: ...}``; only the top level is honoured here."""
    if not option:
        return None
    return frozenset(option.keys() if isinstance(option, dict) else option)


# --- validation -------------------------------------------------------------------------------------


def _plan_validation(model: object) -> Callable[[Any], Any]:
    """``convert`` to ``model``; unions of several untagged models try each member instead.

    msgspec refuses ``A | B`` when both are untagged Structs; FastAPI's tutorial uses exactly that
    (``response_model=PlaneItem | CarItem``), so the members are tried and the best fit kept.
    """
    try:
        msgspec.json.Decoder(model)
    except TypeError as exc:
        members = _union_members(model)
        if members:
            return _plan_union(model, members)
        if typing.get_origin(model) is list:
            (item,) = typing.get_args(model)
            members = _union_members(item)
            if members:
                one = _plan_union(item, members)
                return lambda result: [one(value) for value in _as_list(result, model)]
        raise FasterAPIError(f"response_model {model!r} is not supported: {exc}") from None
    complete = plan_completion(model)
    if complete is None:
        return lambda result: _convert(result, model)

    def convert_and_complete(result: object) -> Any:
        value = _convert(result, model)
        complete(value)
        return value

    return convert_and_complete


def _union_members(tp: object) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = typing.get_args(tp)
        for member in members:
            msgspec.json.Decoder(member)  # each member alone must be usable (raises TypeError otherwise)
        return members
    return ()


def _as_list(result: object, model: object) -> list[Any]:
    if isinstance(result, (list, tuple)):
        return list(result)
    raise _response_error(f"Expected `array`, got `{type(result).__name__}`", model)


def _plan_union(model: object, members: tuple[Any, ...]) -> Callable[[Any], Any]:
    classes = tuple(member for member in members if isinstance(member, type) and not typing.is_typeddict(member))
    converters = {member: _plan_validation(member) for member in members}

    def validate(result: object) -> Any:
        if result.__class__ in classes:
            return result
        best: Any = _MISSING
        best_score = -1
        for member in members:
            try:
                value = converters[member](result)
            except ResponseValidationError:
                continue
            score = _fields_used(result, member)
            if score > best_score:
                best, best_score = value, score
        if best is _MISSING:
            raise _response_error("the value matches none of the union's members", model)
        return best

    return validate


def _fields_used(result: object, member: Any) -> int:
    """How many of ``member``'s fields ``result`` provides (pydantic's smart unions pick the most)."""
    names = _field_keys(member)
    if not names:
        return 0
    if isinstance(result, dict):
        return sum(1 for name in names if name in result)
    return sum(1 for name in names if hasattr(result, name))


def _field_keys(tp: Any) -> tuple[str, ...]:
    return tuple(field.key for field in model_fields(tp)) if is_model(tp) else ()


def _convert(result: object, model: object) -> Any:
    """``result`` converted to ``model`` (a server bug, answered 500, if it does not fit)."""
    try:
        source = msgspec.to_builtins(result, enc_hook=_enc) if _is_struct_like(result) else result
        return msgspec.convert(source, model, from_attributes=True, strict=False)
    except msgspec.ValidationError as exc:
        raise _response_error(str(exc), model) from exc


def _response_error(message: str, model: object) -> ResponseValidationError:
    return ResponseValidationError([{"type": "value_error", "loc": ["response"], "msg": message, "input": None}])


def _is_struct_like(value: object) -> bool:
    return isinstance(value, msgspec.Struct) or (dataclasses.is_dataclass(value) and not isinstance(value, type))


def _enc(obj: object) -> Any:
    return msgspec.json.decode(json_encoder.encode(obj))


# --- filtering --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Dump:
    """Plain data from a validated value, leaving out what the ``response_model_*`` options say.

    ``exclude_unset`` knows what was set only when the handler returned plain data (dict keys
    present); for model instances a field counts as unset when it still holds its default, since
    msgspec Structs and dataclasses do not record which fields a caller passed.
    """

    include: frozenset[str] | None
    exclude: frozenset[str] | None
    exclude_none: bool
    exclude_unset: bool
    exclude_defaults: bool

    @property
    def active(self) -> bool:
        return bool(self.include or self.exclude or self.exclude_none or self.exclude_unset or self.exclude_defaults)

    def top(self, value: object, source: object) -> Any:
        data = self.value(value, source)
        if isinstance(data, dict):
            if self.include is not None:
                data = {key: item for key, item in data.items() if key in self.include}
            if self.exclude is not None:
                data = {key: item for key, item in data.items() if key not in self.exclude}
        return data

    def value(self, value: object, source: object) -> Any:
        if isinstance(value, msgspec.Struct) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            return self.model(value, source)
        if isinstance(value, dict):
            sources = source if isinstance(source, dict) else {}
            out = {key: self.value(item, sources.get(key, _MISSING)) for key, item in value.items()}
            if self.exclude_none:
                out = {key: item for key, item in out.items() if item is not None}
            return out
        if isinstance(value, (list, tuple, set, frozenset)):
            sources_list = list(source) if isinstance(source, (list, tuple)) else []
            return [
                self.value(item, sources_list[index] if index < len(sources_list) else _MISSING)
                for index, item in enumerate(value)
            ]
        return value

    def model(self, value: object, source: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        source_is_data = isinstance(source, dict)
        for name, key, default in _fields_with_defaults(type(value)):
            item = getattr(value, name)
            if self.exclude_none and item is None:
                continue
            unchanged = default is not _MISSING and _equal(item, default)
            if self.exclude_defaults and unchanged:
                continue
            if self.exclude_unset:
                if source_is_data:
                    if key not in source and name not in source:
                        continue
                elif unchanged:
                    continue
            child = source.get(key, source.get(name, _MISSING)) if source_is_data else _MISSING
            out[key] = self.value(item, child)
        return out


def _equal(item: object, default: object) -> bool:
    try:
        return bool(item == default)
    except Exception:  # a user type with a surprising __eq__: treat as changed
        return False


_FIELDS_CACHE: dict[type, tuple[tuple[str, str, Any], ...]] = {}


def _fields_with_defaults(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """``(attribute, output key, default or _MISSING)`` per field of a Struct or dataclass, cached."""
    cached = _FIELDS_CACHE.get(cls)
    if cached is not None:
        return cached
    fields = []
    for field in model_fields(cls):
        if field.default is not MISSING:
            default = field.default
        elif field.default_factory is not None:
            default = field.default_factory()
        else:
            default = _MISSING
        fields.append((field.name, field.key, default))
    result = tuple(fields)
    _FIELDS_CACHE[cls] = result
    return result
