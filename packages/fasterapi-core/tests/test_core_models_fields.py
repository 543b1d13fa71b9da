"""``_models``: the field facts every planner reads off Structs, dataclasses and TypedDicts."""

from __future__ import annotations

import dataclasses
from typing import Annotated, TypedDict

import msgspec

from fasterapi_core._models import forbids_unknown_fields, is_model, model_fields


class Renamed(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    user_name: str
    page_size: Annotated[int, msgspec.Meta(ge=1)] = 10
    tags: list[str] = msgspec.field(default_factory=list)


@dataclasses.dataclass
class Plain:
    a: int
    b: str = "x"
    computed: int = dataclasses.field(init=False, default=0)


class Movie(TypedDict, total=False):
    title: str


def test_struct_fields_carry_keys_annotations_and_defaults() -> None:
    fields = model_fields(Renamed)
    assert [(f.name, f.key, f.required) for f in fields] == [
        ("user_name", "userName", True),
        ("page_size", "pageSize", False),
        ("tags", "tags", False),
    ]
    assert fields[1].annotation == Annotated[int, msgspec.Meta(ge=1)]
    assert fields[2].default_factory is list
    assert forbids_unknown_fields(Renamed)


def test_dataclass_init_false_fields_are_listed_but_never_required() -> None:
    fields = model_fields(Plain)
    assert [(f.name, f.required, f.init) for f in fields] == [
        ("a", True, True),
        ("b", False, True),
        ("computed", False, False),
    ]
    assert not forbids_unknown_fields(Plain)


def test_typeddict_and_non_models() -> None:
    assert [(f.key, f.required) for f in model_fields(Movie)] == [("title", False)]
    assert all(is_model(tp) for tp in (Renamed, Plain, Movie))
    assert not any(is_model(tp) for tp in (int, list[int], dict, Plain(1)))
