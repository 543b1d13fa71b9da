"""Route decorators take FastAPI's options as explicit keywords: a misspelt option fails when declared."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest

from fasterapi_core import Faster, FasterRouter

#: The keyword options of FastAPI's ``APIRouter.get`` (FastAPI 0.115+), all accepted by name.
FASTAPI_OPTIONS = (
    "response_model",
    "status_code",
    "tags",
    "dependencies",
    "summary",
    "description",
    "response_description",
    "responses",
    "deprecated",
    "operation_id",
    "response_model_include",
    "response_model_exclude",
    "response_model_by_alias",
    "response_model_exclude_unset",
    "response_model_exclude_defaults",
    "response_model_exclude_none",
    "include_in_schema",
    "response_class",
    "name",
    "callbacks",
    "openapi_extra",
    "generate_unique_id_function",
)
METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")


class Item(msgspec.Struct):
    name: str


def owners() -> list[Any]:
    return [Faster(), FasterRouter(), FasterRouter(prefix="/r")]


@pytest.mark.parametrize("owner", owners(), ids=["app", "router", "prefixed-router"])
@pytest.mark.parametrize("method", [*METHODS, "api_route", "add_api_route"])
def test_every_fastapi_option_is_an_explicit_keyword(owner: Any, method: str) -> None:
    parameters = inspect.signature(getattr(owner, method)).parameters
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    for option in FASTAPI_OPTIONS:
        assert parameters[option].kind is inspect.Parameter.KEYWORD_ONLY, option
    assert "max_body_size" in parameters  # ours: a per-route body limit


@pytest.mark.parametrize("owner", owners(), ids=["app", "router", "prefixed-router"])
@pytest.mark.parametrize("method", METHODS)
def test_a_misspelt_option_is_a_type_error_at_declaration(owner: Any, method: str) -> None:
    decorate = getattr(owner, method)
    with pytest.raises(TypeError, match="respons_model"):
        decorate("/t", respons_model=Item)
    with pytest.raises(TypeError, match="status_cod"):
        decorate("/t", status_cod=201)
    assert [r for r in owner.routes if getattr(r, "path", None) == "/t"] == []


def test_api_route_add_api_route_and_include_router_refuse_unknown_options() -> None:
    app = Faster()
    router = FasterRouter()

    async def handler() -> dict[str, str]:
        return {}

    with pytest.raises(TypeError, match="respons_model"):
        app.api_route("/a", methods=["GET"], respons_model=Item)
    with pytest.raises(TypeError, match="respons_model"):
        app.add_api_route("/a", handler, respons_model=Item)
    with pytest.raises(TypeError, match="respons_model"):
        router.add_api_route("/a", handler, respons_model=Item)
    with pytest.raises(TypeError, match="prefx"):
        app.include_router(router, prefx="/v1")
    with pytest.raises(TypeError, match="max_message_sise"):
        app.websocket("/ws", max_message_sise=3)


async def test_the_correctly_spelt_option_hides_the_fields_a_typo_would_leak() -> None:
    app = Faster()

    @app.get("/t", response_model=Item, status_code=201)
    async def handler() -> dict[str, Any]:
        return {"name": "x", "secret": "s"}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/t")
    assert response.status_code == 201
    assert response.json() == {"name": "x"}


def test_route_options_keep_only_what_was_given() -> None:
    app = Faster()

    @app.get("/plain")
    async def plain() -> Item:
        return Item("x")

    @app.get("/no-model", response_model=None, include_in_schema=False, max_body_size=None)
    async def no_model() -> Item:
        return Item("x")

    routes = {route.path: route for route in app.routes}
    assert routes["/plain"].options == {"tags": [], "dependencies": [], "responses": {}}
    assert routes["/plain"].response_model is Item
    options = routes["/no-model"].options
    assert options["response_model"] is None and options["max_body_size"] is None
    assert options["include_in_schema"] is False
    assert routes["/no-model"].response_model is None


def test_decorators_return_the_handler_with_its_type() -> None:
    app = Faster()

    def handler(x: int) -> int:
        return x

    decorate: Callable[[Callable[[int], int]], Callable[[int], int]] = app.get("/h")
    assert decorate(handler) is handler


async def test_include_router_takes_callbacks_and_a_unique_id_function() -> None:
    app = Faster()
    router = FasterRouter()

    @router.get("/items")
    async def list_items() -> list[str]:
        return []

    app.include_router(router, prefix="/v1", generate_unique_id_function=lambda route: f"v1-{route.name}")
    operation = app.openapi()["paths"]["/v1/items"]["get"]
    assert operation["operationId"] == "v1-list_items"
