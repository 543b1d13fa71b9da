"""The model seam: another model library plugs in through ``model_adapters`` without touching msgspec routes.

A toy library (classes declaring ``fields``) is adapted here, so the seam is tested without pydantic.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import httpx
import msgspec
import pytest

from fasterapi_core import Faster, Query, model_adapters
from fasterapi_core.model_adapters import AdapterField, ModelValidationError, adapter_for
from fasterapi_core.params import MISSING


class Checked:
    """The toy library: a class lists its fields and their types; instances are checked on creation."""

    fields: dict[str, type] = {}

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


class ToyAdapter:
    name = "toy"

    def owns(self, tp: Any) -> bool:
        return isinstance(tp, type) and issubclass(tp, Checked)

    def validator(self, tp: Any, loc: tuple[str | int, ...]) -> Callable[[Any], Any]:
        def validate(value: Any) -> Any:
            if not isinstance(value, dict):
                raise ModelValidationError(
                    [{"type": "dict_type", "loc": [*loc], "msg": "not an object", "input": value}]
                )
            errors = []
            value, sent = dict(value), value
            for key, kind in tp.fields.items():
                if key not in value:
                    errors.append({"type": "missing", "loc": [*loc, key], "msg": "Field required", "input": sent})
                elif not isinstance(value[key], kind):
                    try:
                        value[key] = kind(value[key])
                    except ValueError:
                        errors.append({"type": "toy", "loc": [*loc, key], "msg": "wrong kind", "input": value[key]})
            if errors:
                raise ModelValidationError(errors)
            return tp(**value)

        return validate

    def fields(self, model: type) -> list[AdapterField]:
        return [AdapterField(key, key, kind, True, False, MISSING) for key, kind in model.fields.items()]  # type: ignore[attr-defined]

    def serializer(self, tp: Any, options: dict[str, Any]) -> Callable[[Any], Any]:
        exclude = set(options.get("response_model_exclude") or ())
        return lambda result: {key: getattr(result, key) for key in tp.fields if key not in exclude}

    def json_schemas(
        self, entries: list[tuple[Any, str]], ref_prefix: str, separate_input_output: bool = True
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        definitions = {
            tp.__name__: {"type": "object", "required": list(tp.fields), "x-toy-mode": mode} for tp, mode in entries
        }
        return [{"$ref": ref_prefix + tp.__name__} for tp, _ in entries], definitions


class Point(Checked):
    fields = {"x": int, "y": int}


class Label(Checked):
    fields = {"text": str}


class Plain(msgspec.Struct):
    x: int


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ToyAdapter]:
    adapter = ToyAdapter()
    monkeypatch.setattr(model_adapters, "_ADAPTERS", [])
    model_adapters.register_adapter(adapter)
    yield adapter


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def test_adapter_for_finds_the_owner_inside_generic_types(toy: ToyAdapter) -> None:
    assert adapter_for(Point) is toy
    assert adapter_for(list[Point]) is toy
    assert adapter_for(Point | None) is toy
    assert adapter_for(Annotated[dict[str, Point], "meta"]) is toy
    assert adapter_for(Plain) is None
    assert adapter_for(list[int]) is None


async def test_body_response_and_errors_go_through_the_adapter(toy: ToyAdapter) -> None:
    app = Faster()

    @app.post("/points/", response_model=Point, response_model_exclude={"y"})
    async def create(point: Point) -> Any:
        assert isinstance(point, Point)
        return point

    async with client_for(app) as client:
        ok = await client.post("/points/", json={"x": "3", "y": 4})
        bad = await client.post("/points/", json={"x": "three"})
        not_json = await client.post("/points/", content=b"{", headers={"content-type": "application/json"})
    assert ok.status_code == 200
    assert ok.json() == {"x": 3}
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": [
            {"type": "toy", "loc": ["body", "x"], "msg": "wrong kind", "input": "three"},
            {"type": "missing", "loc": ["body", "y"], "msg": "Field required", "input": {"x": "three"}},
        ]
    }
    assert not_json.status_code == 422
    assert not_json.json()["detail"][0]["type"] == "json_invalid"


async def test_embedded_bodies_validate_each_parameter(toy: ToyAdapter) -> None:
    app = Faster()

    @app.post("/pair/")
    async def pair(point: Point, label: Label) -> Any:
        return {"x": point.x, "text": label.text}

    async with client_for(app) as client:
        ok = await client.post("/pair/", json={"point": {"x": 1, "y": 2}, "label": {"text": "a"}})
        missing = await client.post("/pair/", json={"point": {"x": 1, "y": 2}})
        document = (await client.get("/openapi.json")).json()
    assert ok.json() == {"x": 1, "text": "a"}
    assert missing.json() == {
        "detail": [{"type": "missing", "loc": ["body", "label"], "msg": "Field required", "input": None}]
    }
    body = document["paths"]["/pair/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Body_pair_pair__post"}
    assert document["components"]["schemas"]["Body_pair_pair__post"]["required"] == ["point", "label"]


async def test_query_group_and_openapi_through_the_adapter(toy: ToyAdapter) -> None:
    app = Faster()

    @app.get("/near/")
    async def near(point: Annotated[Point, Query()]) -> Point:
        return point

    @app.get("/plain/")
    async def plain() -> Plain:
        return Plain(1)

    async with client_for(app) as client:
        ok = await client.get("/near/?x=1&y=2")
        bad = await client.get("/near/?x=1")
        document = (await client.get("/openapi.json")).json()
    assert ok.json() == {"x": 1, "y": 2}
    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        {"type": "missing", "loc": ["query", "y"], "msg": "Field required", "input": {"x": "1"}}
    ]
    operation = document["paths"]["/near/"]["get"]
    assert [(p["name"], p["in"], p["required"]) for p in operation["parameters"]] == [
        ("x", "query", True),
        ("y", "query", True),
    ]
    schemas = document["components"]["schemas"]
    assert schemas["Point"] == {"type": "object", "required": ["x", "y"], "x-toy-mode": "serialization"}
    assert schemas["Plain"]["properties"]["x"]["type"] == "integer"  # msgspec describes its own types


def test_importing_core_and_serving_msgspec_routes_never_imports_pydantic() -> None:
    script = textwrap.dedent(
        """
        import sys, msgspec, httpx, anyio
        from fasterapi_core import Faster
        from fasterapi_core.model_adapters import adapter_for

        class Item(msgspec.Struct):
            name: str

        app = Faster()

        @app.post("/items/")
        async def create(item: Item) -> Item:
            return item

        async def main():
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                assert (await client.post("/items/", json={"name": "a"})).json() == {"name": "a"}
                assert (await client.get("/openapi.json")).status_code == 200
        anyio.run(main)
        assert adapter_for(Item) is None
        assert "pydantic" not in sys.modules, "pydantic was imported"
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
