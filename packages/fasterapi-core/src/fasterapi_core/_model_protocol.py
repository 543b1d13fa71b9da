"""The types of the model seam (see ``model_adapters``), kept below both the seam and the adapters."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, Protocol

__all__ = ["AdapterField", "ModelAdapter", "ModelValidationError", "mentions_pydantic", "parts"]


class ModelValidationError(ValueError):
    """Input that a model library refused; ``errors`` are in FastAPI's 422 shape."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors


class AdapterField(NamedTuple):
    """One field of an adapted model, as a parameter group reads it from a request."""

    name: str  #: the attribute
    key: str  #: the key it is read under (its alias)
    annotation: Any
    required: bool
    is_sequence: bool  #: collects every repeated value (``list[str]``) instead of one
    default: Any  #: shown in OpenAPI; ``params.MISSING`` when required or made by a factory
    title: str | None = None  #: for OpenAPI
    description: str | None = None  #: for OpenAPI


class ModelAdapter(Protocol):
    """What a model library provides to core (see the module docstring for each question)."""

    name: str

    def owns(self, tp: Any) -> bool:
        """``tp`` is, or contains, one of this library's types."""
        ...

    def validator(self, tp: Any, loc: tuple[str | int, ...]) -> Callable[[Any], Any]: ...

    def fields(self, model: type) -> list[AdapterField]: ...

    def serializer(self, tp: Any, options: dict[str, Any]) -> Callable[[Any], Any]: ...

    def json_schemas(
        self, entries: list[tuple[Any, str]], ref_prefix: str, separate_input_output: bool = True
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        """``separate_input_output=False``: output uses the input schema where the two only differ in defaults."""
        ...


_PYDANTIC_MODULES = ("pydantic.", "pydantic_core", "annotated_types")


def mentions_pydantic(tp: Any, seen: frozenset[int] = frozenset()) -> bool:
    """A pydantic type or metadata anywhere in ``tp``'s arguments (``list[Item] | None``, ``Annotated``)."""
    if id(tp) in seen:
        return False
    seen = seen | {id(tp)}
    for part in parts(tp):
        if isinstance(part, type) and hasattr(part, "__pydantic_validator__"):
            return True  # a BaseModel (also generic, RootModel) or a pydantic dataclass
        module = getattr(part if isinstance(part, type) else type(part), "__module__", "") or ""
        if module.startswith(_PYDANTIC_MODULES):
            return True  # EmailStr, HttpUrl, SecretStr, Field(...) and annotated-types metadata
        if part is not tp and mentions_pydantic(part, seen):
            return True
    return False


def parts(tp: Any) -> Iterator[Any]:
    """``tp`` itself, then its generic arguments and ``Annotated`` metadata."""
    yield tp
    if isinstance(tp, (str, bytes, int, float)) or tp is None:
        return
    origin = typing.get_origin(tp)
    if origin is not None and isinstance(origin, type) and origin is not types.UnionType:
        yield origin
    yield from typing.get_args(tp)
    yield from getattr(tp, "__metadata__", ())
