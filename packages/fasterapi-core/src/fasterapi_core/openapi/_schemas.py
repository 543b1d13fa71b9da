"""JSON Schemas for Python types, via msgspec, collected into one ``components.schemas`` table.

Types are registered while the document is built; each registration returns a dict that is filled
in by ``resolve()`` after one ``msgspec.json.schema_components`` call over every type, so equal
classes share one component and same-named classes from different modules get distinct names.
"""

from __future__ import annotations

import copy
import enum
import re
import types
import typing
from typing import Any

import msgspec

from ..model_adapters import adapter_for
from ..uploads import UploadFile
from ._formats import Mode, patch_schema

__all__ = ["SchemaRegistry", "annotated_with", "field_title", "rewrite_refs"]

_REF_PREFIX = "#/components/schemas/"
_VALID_NAME = re.compile(r"[^A-Za-z0-9._-]")
#: An uploaded file's schema in OpenAPI 3.1, as FastAPI writes it.
FILE_SCHEMA = {"type": "string", "contentMediaType": "application/octet-stream"}


def field_title(name: str) -> str:
    """The title FastAPI (pydantic) gives a field or parameter without one: ``item_id`` -> ``Item Id``."""
    return name.title().replace("_", " ").strip()


def _schema_hook(tp: Any) -> dict[str, Any]:
    """Types msgspec cannot describe: uploads are binary strings, anything else is unconstrained."""
    if isinstance(tp, type) and issubclass(tp, UploadFile):
        return dict(FILE_SCHEMA)
    return {}


def files_as_uploads(schema: Any) -> None:
    """Bytes read from a form are files: msgspec's base64 strings become FastAPI's file schema, in place."""
    if isinstance(schema, dict):
        if schema.get("contentEncoding") == "base64" and schema.get("type") == "string":
            del schema["contentEncoding"]
            schema["contentMediaType"] = FILE_SCHEMA["contentMediaType"]
        for value in schema.values():
            files_as_uploads(value)
    elif isinstance(schema, list):
        for value in schema:
            files_as_uploads(value)


def annotated_with(tp: Any, **constraints: Any) -> Any:
    """``Annotated[tp, Meta(...)]`` with the constraints msgspec accepts for ``tp`` (others dropped)."""
    given = {key: value for key, value in constraints.items() if value is not None}
    if not given:
        return tp
    split = _lengths_on_list_rest_on_items(tp, given)
    if split is not None:
        return split
    try:
        meta = msgspec.Meta(**given)
        inner = _optional_inner(tp)
        # Constraints on ``X | None`` belong to ``X`` (msgspec refuses them on the union).
        annotated = typing.Annotated[tp, meta] if inner is None else typing.Optional[typing.Annotated[inner, meta]]  # noqa: UP045
        msgspec.json.schema(annotated, schema_hook=_schema_hook)
    except Exception:
        docs = {k: v for k, v in given.items() if k in ("title", "description", "examples")}
        if not docs or docs == given:
            return tp
        return annotated_with(tp, **docs)
    return annotated


_LENGTH_KEYS = ("min_length", "max_length")
_DOC_KEYS = ("title", "description", "examples")


def _lengths_on_list_rest_on_items(tp: Any, given: dict[str, Any]) -> Any:
    """``list[int]`` with ``max_length`` and ``gt``: the length bounds the list, ``gt`` each item, which is
    how such a parameter is checked (one msgspec.Meta cannot carry both kinds). ``None`` when not that case."""
    inner = _optional_inner(tp)
    container = tp if inner is None else inner
    origin, args = typing.get_origin(container), typing.get_args(container)
    if origin not in (list, set, frozenset) or len(args) != 1:
        return None
    lengths = {key: value for key, value in given.items() if key in _LENGTH_KEYS}
    items = {key: value for key, value in given.items() if key not in _LENGTH_KEYS and key not in _DOC_KEYS}
    if not lengths or not items:
        return None
    rebuilt = origin[annotated_with(args[0], **items)]
    rest = {key: value for key, value in given.items() if key not in items}
    return annotated_with(rebuilt if inner is None else typing.Optional[rebuilt], **rest)  # noqa: UP045


def _optional_inner(tp: Any) -> Any:
    """``X`` for ``X | None`` / ``Optional[X]``, else ``None``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0]
    return None


class SchemaRegistry:
    """Collects types, then fills their schemas and the shared components in one pass.

    Types read from requests and types sent in responses are described apart (``output=True``):
    where a component differs between the two (a ``Decimal`` inside is number-or-string in, string
    out), it is split into ``Name-Input`` and ``Name-Output``, as FastAPI names them.

    Types of another model library (pydantic) go to that library's adapter in one batch, with the
    direction they are used in; their definitions join the same components table, renamed on a
    clash with a msgspec one.
    """

    def __init__(self, separate_input_output: bool = True) -> None:
        self._pending: list[tuple[Any, dict[str, Any], Mode]] = []
        #: Keys written next to a type's schema once it is known (title, description...), per slot.
        self._outer: list[tuple[dict[str, Any], dict[str, Any], bool]] = []
        self._adapted: dict[Any, list[tuple[Any, str, dict[str, Any]]]] = {}
        self._separate_input_output = separate_input_output
        self.components: dict[str, Any] = {}
        #: Component names that had to be changed to be valid OpenAPI keys (old -> new).
        self.rename_refs: dict[str, str] = {}

    def add(self, tp: Any, *, output: bool = False) -> dict[str, Any]:
        """A dict that will hold ``tp``'s schema (often a ``$ref``) once ``resolve()`` ran."""
        slot: dict[str, Any] = {}
        model_adapter = adapter_for(tp)
        if model_adapter is not None:
            self._adapted.setdefault(model_adapter, []).append((tp, "serialization" if output else "validation", slot))
        else:
            self._pending.append((tp, slot, "output" if output else "input"))
        return slot

    def add_field(self, tp: Any, outer: dict[str, Any], *, files: bool = False, output: bool = False) -> dict[str, Any]:
        """Like ``add`` for a parameter or field: ``outer`` keys (``title``, ``description``, ``default``...)
        sit next to the type's schema as pydantic places them; a bare ``$ref`` gets no ``title``.
        ``files``: bytes are uploads (form fields), documented as files."""
        slot = self.add(tp, output=output)
        self._outer.append((slot, outer, files))
        return slot

    def add_component(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        """Register a hand-written component; returns a ``$ref`` to it."""
        self.components[name] = schema
        return {"$ref": _REF_PREFIX + name}

    def resolve(self) -> None:
        usable: list[tuple[Any, dict[str, Any], Mode]] = []
        for tp, slot, mode in self._pending:
            try:
                msgspec.json.schema(tp, schema_hook=_schema_hook)
            except Exception:
                continue  # an exotic type or default: leave this schema unconstrained ({}).
            usable.append((tp, slot, mode))
        self._pending.clear()
        if usable:
            self._describe(usable)
        self._resolve_adapted()
        for slot, outer, files in self._outer:
            if files:
                files_as_uploads(slot)
            for key, value in outer.items():
                if key != "title" or "$ref" not in slot:
                    slot[key] = value
        self._outer.clear()
        self._sanitize_names()

    def _resolve_adapted(self) -> None:
        for model_adapter, entries in self._adapted.items():
            schemas, definitions = model_adapter.json_schemas(
                [(tp, mode) for tp, mode, _ in entries], _REF_PREFIX, self._separate_input_output
            )
            renames: dict[str, str] = {}
            for name, schema in definitions.items():
                taken = self.components.get(name)
                if taken is not None and taken != schema:
                    candidate, n = f"{name}_{model_adapter.name}", 2
                    while candidate in self.components or candidate in definitions:
                        candidate, n = f"{name}_{model_adapter.name}{n}", n + 1
                    renames[name] = candidate
            if renames:
                rewrite_refs(schemas, renames)
                rewrite_refs(definitions, renames)
            for (_, _, slot), schema in zip(entries, schemas, strict=True):
                slot.update(schema)
            for name, schema in definitions.items():
                self.components.setdefault(renames.get(name, name), schema)
        self._adapted.clear()

    def _describe(self, usable: list[tuple[Any, dict[str, Any], Mode]]) -> None:
        """One msgspec pass over every type (one name per class), then patched once per direction."""
        schemas: Any
        components: dict[str, Any]
        pairs = [(tp, slot) for tp, slot, _ in usable]
        try:
            schemas, components = msgspec.json.schema_components(
                [tp for tp, _ in pairs], schema_hook=_schema_hook, ref_template=_REF_PREFIX + "{name}"
            )
        except Exception:
            schemas, components = self._one_by_one(pairs)
        _open_objects(schemas)
        _open_objects(components)
        for schema in components.values():
            if schema.get("required") == []:  # msgspec lists none for all-UNSET Structs; FastAPI omits it
                del schema["required"]
            _as_pydantic_writes_it(schema)
        _enums_in_declared_order([tp for tp, _ in pairs], components)
        by_mode: dict[str, dict[str, Any]] = {}
        filled: dict[str, list[dict[str, Any]]] = {}
        for mode in ("input", "output"):
            mode_components = copy.deepcopy(components)
            patched: set[str] = set()
            filled[mode] = []
            for (tp, slot, slot_mode), schema in zip(usable, schemas, strict=True):
                if slot_mode == mode:
                    mode_schema = copy.deepcopy(schema)
                    patch_schema(tp, mode_schema, mode_components, mode, patched)
                    slot.update(mode_schema)
                    filled[mode].append(slot)
            by_mode[mode] = {name: mode_components[name] for name in _reachable(filled[mode], mode_components)}
        split = _differing(by_mode["input"], by_mode["output"])
        for mode, suffix in (("input", "-Input"), ("output", "-Output")):
            renames = {name: name + suffix for name in split}
            for slot in filled[mode]:
                rewrite_refs(slot, renames)
            for name, schema in by_mode[mode].items():
                rewrite_refs(schema, renames)
                self.components.setdefault(renames.get(name, name), schema)

    @staticmethod
    def _one_by_one(usable: list[tuple[Any, dict[str, Any]]]) -> tuple[list[Any], dict[str, Any]]:
        schemas: list[Any] = []
        components: dict[str, Any] = {}
        for tp, _ in usable:
            (schema,), found = msgspec.json.schema_components(
                [tp], schema_hook=_schema_hook, ref_template=_REF_PREFIX + "{name}"
            )
            schemas.append(schema)
            components.update(found)
        return schemas, components

    def _sanitize_names(self) -> None:
        renames: dict[str, str] = {}
        taken = set(self.components)
        for name in list(self.components):
            clean = _VALID_NAME.sub("_", name)
            if clean == name:
                continue
            candidate, n = clean, 2
            while candidate in taken:
                candidate, n = f"{clean}_{n}", n + 1
            taken.add(candidate)
            renames[name] = candidate
        if renames:
            self.components = {renames.get(k, k): v for k, v in self.components.items()}
            self.rename_refs = renames


def _open_objects(schema: Any) -> None:
    """A mapping with values of any type (``dict[str, Any]``) allows any properties, said as pydantic says it."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and not {"properties", "additionalProperties", "$ref"} & schema.keys():
            schema["additionalProperties"] = True
        for value in schema.values():
            _open_objects(value)
    elif isinstance(schema, (list, tuple)):
        for value in schema:
            _open_objects(value)


def _as_pydantic_writes_it(component: dict[str, Any]) -> None:
    """A model's properties as FastAPI documents them: titled after their name, no ``"default": null``."""
    properties = component.get("properties")
    if not isinstance(properties, dict):
        return
    for name, prop in properties.items():
        if not isinstance(prop, dict):
            continue
        if "default" in prop and prop["default"] is None:
            del prop["default"]
        if "$ref" not in prop:
            prop.setdefault("title", field_title(name))


def _enums_in_declared_order(types_: list[Any], components: dict[str, Any]) -> None:
    """msgspec sorts an enum's values; FastAPI lists them as declared, with their JSON ``type``."""
    for cls in _enum_classes(types_):
        for component in components.values():
            values = [member.value for member in cls]
            if component.get("title") != cls.__name__ or sorted(map(repr, component.get("enum") or ())) != sorted(
                map(repr, values)
            ):
                continue
            component["enum"] = values
            if all(isinstance(v, str) for v in values):
                component["type"] = "string"
            elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                component["type"] = "integer"


def _enum_classes(types_: list[Any]) -> list[type[enum.Enum]]:
    """The Enum classes used anywhere inside ``types_`` (fields of models included)."""
    found: list[type[enum.Enum]] = []
    seen: set[int] = set()
    stack: list[Any] = list(msgspec.inspect.multi_type_info(types_))
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, msgspec.inspect.EnumType) and node.cls not in found:
            found.append(node.cls)
        if isinstance(node, msgspec.Struct):  # inspect's Type and Field nodes
            stack.extend(getattr(node, name) for name in node.__struct_fields__)
        elif isinstance(node, (tuple, list)):
            stack.extend(node)
    return found


def rewrite_refs(node: Any, renames: dict[str, str]) -> None:
    """Point ``$ref``s at renamed components, in place."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX) and ref[len(_REF_PREFIX) :] in renames:
            node["$ref"] = _REF_PREFIX + renames[ref[len(_REF_PREFIX) :]]
        for value in node.values():
            rewrite_refs(value, renames)
    elif isinstance(node, list):
        for value in node:
            rewrite_refs(value, renames)


def _differing(inputs: dict[str, Any], outputs: dict[str, Any]) -> set[str]:
    """Components described differently in and out, and those that refer to one of them."""
    shared = set(inputs) & set(outputs)
    differing = {name for name in shared if inputs[name] != outputs[name]}
    grew = bool(differing)
    while grew:
        grew = False
        for name in shared - differing:
            if _refers_to(inputs[name], differing) or _refers_to(outputs[name], differing):
                differing.add(name)
                grew = True
    return differing


def _refers_to(node: Any, names: set[str]) -> bool:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX) and ref[len(_REF_PREFIX) :] in names:
            return True
        return any(_refers_to(value, names) for value in node.values())
    if isinstance(node, list):
        return any(_refers_to(value, names) for value in node)
    return False


def _reachable(roots: list[dict[str, Any]], components: dict[str, Any]) -> list[str]:
    """The names of the components ``roots`` refer to, directly or through other components."""
    found: list[str] = []
    stack: list[Any] = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
                name = ref[len(_REF_PREFIX) :]
                if name in components and name not in found:
                    found.append(name)
                    stack.append(components[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found
