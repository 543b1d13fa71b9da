"""The pydantic v2 adapter behind the model seam (``model_adapters``), imported only when a route names pydantic.

It does with pydantic what FastAPI does: input is validated with ``TypeAdapter.validate_python(...,
from_attributes=True)`` and its errors keep pydantic's ``type``, ``msg``, ``input`` and ``ctx`` (no
``url``, as FastAPI asks pydantic); a return value is validated, then dumped in JSON mode with the
``response_model_*`` options; OpenAPI schemas come from one ``GenerateJsonSchema`` run over every
pydantic type of the document, so a model whose input and output schemas differ gets FastAPI's
``Name-Input``/``Name-Output`` pair exactly when pydantic says they differ.
"""

from __future__ import annotations

import types
import typing
import warnings
from collections.abc import Callable
from typing import Any

import msgspec
import pydantic
from pydantic import TypeAdapter, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode

from ._model_protocol import AdapterField, ModelValidationError, mentions_pydantic
from .exceptions import FasterAPIError, ResponseValidationError
from .params import MISSING

__all__ = ["PydanticAdapter", "adapter"]

if not pydantic.VERSION.startswith("2."):  # pragma: no cover - depends on the installed version
    raise ImportError(f"FasterAPI supports pydantic 2, found pydantic {pydantic.VERSION}: pip install 'pydantic>=2'")

_SEQUENCES = (list, set, frozenset, tuple)
_MSGSPEC_OPTIONS = (
    "gt",
    "ge",
    "lt",
    "le",
    "multiple_of",
    "min_length",
    "max_length",
    "pattern",
    "title",
    "description",
    "examples",
)
_MIXED = (
    "a msgspec Struct inside a pydantic model (or a pydantic model inside a Struct) is not supported: "
    "use one model library for a body or a response (make the nested model a pydantic model too)"
)


class PydanticAdapter:
    """pydantic v2 models and types (``BaseModel``, ``EmailStr``, ``Field`` constraints, ...)."""

    name = "pydantic"

    def __init__(self) -> None:
        self._adapters: dict[Any, TypeAdapter[Any]] = {}

    def owns(self, tp: Any) -> bool:
        return mentions_pydantic(tp)

    def type_adapter(self, tp: Any) -> TypeAdapter[Any]:
        """One ``TypeAdapter`` per type, built at registration and shared (building one is slow)."""
        try:
            found = self._adapters.get(tp)
        except TypeError:  # an unhashable annotation: not cached
            found = None
        if found is not None:
            return found
        try:
            with warnings.catch_warnings():
                # ``Annotated[int, Field(alias=...)]`` warns that a lone type has no alias to use; FastAPI hides it too.
                warnings.simplefilter("ignore")
                built: TypeAdapter[Any] = TypeAdapter(_pydantic_annotation(tp))
        except pydantic.PydanticSchemaGenerationError as exc:
            raise FasterAPIError(f"pydantic cannot handle {tp!r}: {_MIXED}. ({exc})") from None
        struct = _struct_inside(tp)
        if struct is not None:
            raise FasterAPIError(f"{tp!r} has a field of type {struct!r}: {_MIXED}")
        try:
            self._adapters[tp] = built
        except TypeError:  # an unhashable annotation is rebuilt when asked again (registration only)
            return built
        return built

    def validator(self, tp: Any, loc: tuple[str | int, ...]) -> Callable[[Any], Any]:
        validate = self.type_adapter(tp).validate_python
        prefix = list(loc)

        def validate_input(value: Any) -> Any:
            try:
                return validate(value, from_attributes=True)
            except ValidationError as exc:
                raise ModelValidationError(errors_of(exc, prefix)) from None

        return validate_input

    def fields(self, model: type) -> list[AdapterField]:
        infos: dict[str, Any] = getattr(model, "model_fields", None) or getattr(model, "__pydantic_fields__", {})
        found = []
        for name, info in infos.items():
            alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
            annotation = _annotated(info.annotation, info.metadata) if info.metadata else info.annotation
            default = MISSING if info.is_required() or info.default_factory is not None else info.default
            sequence = _is_sequence(info.annotation)
            found.append(
                AdapterField(
                    name, alias or name, annotation, info.is_required(), sequence, default, info.title, info.description
                )
            )
        return found

    def serializer(self, tp: Any, options: dict[str, Any]) -> Callable[[Any], Any]:
        type_adapter = self.type_adapter(tp)
        validate = type_adapter.validate_python
        dump = type_adapter.dump_python
        include = options.get("response_model_include")
        exclude = options.get("response_model_exclude")
        by_alias = bool(options.get("response_model_by_alias", True))
        exclude_unset = bool(options.get("response_model_exclude_unset"))
        exclude_defaults = bool(options.get("response_model_exclude_defaults"))
        exclude_none = bool(options.get("response_model_exclude_none"))

        def serialize(result: Any) -> Any:
            try:
                value = validate(result, from_attributes=True)
            except ValidationError as exc:
                raise ResponseValidationError(errors_of(exc, ["response"])) from None
            return dump(
                value,
                mode="json",
                include=include,
                exclude=exclude,
                by_alias=by_alias,
                exclude_unset=exclude_unset,
                exclude_defaults=exclude_defaults,
                exclude_none=exclude_none,
            )

        return serialize

    def json_schemas(
        self, entries: list[tuple[Any, str]], ref_prefix: str, separate_input_output: bool = True
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        generator = GenerateJsonSchema(ref_template=ref_prefix + "{model}")
        modes: list[JsonSchemaMode] = [
            "serialization"
            if mode == "serialization" and (separate_input_output or _computes(self.type_adapter(tp).core_schema))
            else "validation"
            for tp, mode in entries
        ]
        inputs = [(index, modes[index], self.type_adapter(tp).core_schema) for index, (tp, _) in enumerate(entries)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "default is not JSON serializable": pydantic leaves it out, as in FastAPI
            mapping, definitions = generator.generate_definitions(inputs=inputs)
        for schema in definitions.values():
            description = schema.get("description")
            if isinstance(description, str):  # FastAPI cuts docstrings at a form feed
                schema["description"] = description.split("\f")[0]
        schemas = [dict(mapping[(index, mode)]) for index, mode in enumerate(modes)]
        components = {str(name): dict(schema) for name, schema in definitions.items()}
        _drop_null_defaults(schemas)
        _drop_null_defaults(components)
        return schemas, components


adapter = PydanticAdapter()


def errors_of(exc: ValidationError, prefix: list[Any]) -> list[dict[str, Any]]:
    """pydantic's errors with ``loc`` under ``prefix``, JSON-ready as FastAPI's handler sends them."""
    errors: list[dict[str, Any]] = []
    for error in exc.errors(include_url=False):
        shaped: dict[str, Any] = dict(error)
        shaped["loc"] = [*prefix, *error["loc"]]
        ctx = error.get("ctx")
        if ctx:
            # FastAPI's jsonable_encoder turns an exception in ``ctx`` (a validator's ValueError) into {}.
            shaped["ctx"] = {key: {} if isinstance(value, BaseException) else value for key, value in ctx.items()}
        errors.append(shaped)
    return errors


def _computes(core_schema: Any) -> bool:
    """A computed field somewhere in the schema: its output differs from its input even when not asked to."""
    if isinstance(core_schema, dict):
        if core_schema.get("computed_fields"):
            return True
        return any(_computes(value) for value in core_schema.values())
    if isinstance(core_schema, list):
        return any(_computes(value) for value in core_schema)
    return False


def _struct_inside(tp: Any, seen: frozenset[int] = frozenset()) -> Any:
    """A msgspec Struct among ``tp``'s fields (``arbitrary_types_allowed`` would accept it, then refuse every input)."""
    if id(tp) in seen:
        return None
    seen = seen | {id(tp)}
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        return tp
    inner: list[Any] = [*typing.get_args(tp)]
    fields = getattr(tp, "__pydantic_fields__", None) if isinstance(tp, type) else None
    if fields:
        inner.extend(info.annotation for info in fields.values())
    for part in inner:
        found = _struct_inside(part, seen)
        if found is not None:
            return found
    return None


_LITERAL_KEYS = frozenset({"default", "examples", "example", "enum", "const"})


def _drop_null_defaults(node: Any) -> None:
    """``"default": null`` removed, in place: FastAPI's document leaves out every null schema keyword."""
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            del node["default"]
        for key, value in node.items():
            if key not in _LITERAL_KEYS:
                _drop_null_defaults(value)
    elif isinstance(node, list):
        for value in node:
            _drop_null_defaults(value)


def _is_sequence(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return len(members) == 1 and _is_sequence(members[0])
    if origin is typing.Annotated:
        return _is_sequence(typing.get_args(annotation)[0])
    return origin in _SEQUENCES


def _pydantic_annotation(tp: Any) -> Any:
    """``tp`` with msgspec ``Meta`` constraints (from ``Body(gt=0)``) as pydantic ``Field`` constraints."""
    if typing.get_origin(tp) is typing.Annotated:
        inner, *metadata = typing.get_args(tp)
        converted = [_constraint(meta) if isinstance(meta, msgspec.Meta) else meta for meta in metadata]
        return _annotated(_pydantic_annotation(inner), converted)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = tuple(_pydantic_annotation(arg) for arg in typing.get_args(tp))
        return typing.Union[members]  # noqa: UP007 - built at runtime
    return tp


def _annotated(tp: Any, metadata: list[Any]) -> Any:
    params = (tp, *metadata)
    return typing.Annotated[params]


def _constraint(meta: msgspec.Meta) -> Any:
    given = {name: getattr(meta, name) for name in _MSGSPEC_OPTIONS if getattr(meta, name) is not None}
    return pydantic.Field(**given)
