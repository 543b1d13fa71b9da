"""Route decorators, methods, 405/HEAD/slash redirects and how return values are sent."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest

from fasterapi_core import Faster, FasterRouter, PlainTextResponse, Response, ResponseValidationError

ClientFor = Callable[[Any], httpx.AsyncClient]


class Item(msgspec.Struct):
    name: str
    price: float
    secret: str | None = None


class PublicItem(msgspec.Struct):
    name: str
    price: float


@dataclasses.dataclass
class Box:
    size: int


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options", "trace", "head"])
async def test_every_method_decorator_on_app_and_router(method: str, client_for: ClientFor) -> None:
    app = Faster()
    router = FasterRouter(prefix="/r", tags=["r"])

    async def handler() -> dict[str, str]:
        return {"m": method}

    assert getattr(app, method)("/x")(handler) is handler
    assert getattr(router, method)("/x")(handler) is handler
    app.include_router(router)
    async with client_for(app) as client:
        for path in ("/x", "/r/x"):
            response = await client.request(method.upper(), path)
            assert response.status_code == 200
            if method != "head":
                assert response.json() == {"m": method}


async def test_api_route_with_several_methods_and_405_allow(client_for: ClientFor) -> None:
    app = Faster()

    @app.api_route("/multi", methods=["GET", "POST"])
    async def multi() -> str:
        return "multi"

    async with client_for(app) as client:
        assert (await client.get("/multi")).json() == "multi"
        assert (await client.post("/multi")).json() == "multi"
        not_allowed = await client.delete("/multi")
    assert not_allowed.status_code == 405
    assert not_allowed.json() == {"detail": "Method Not Allowed"}
    assert not_allowed.headers["allow"] == "GET, HEAD, POST"


async def test_head_is_answered_for_get_routes_without_body(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/thing")
    async def thing() -> dict[str, int]:
        return {"a": 1}

    @app.get("/text", response_class=PlainTextResponse)
    async def text() -> str:
        return "hello"

    async with client_for(app) as client:
        head = await client.head("/thing")
        get = await client.get("/thing")
        head_text = await client.head("/text")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"] == str(len(get.content))
    assert head_text.content == b""
    assert head_text.headers["content-length"] == "5"


async def test_trailing_slash_redirect(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/items")
    async def items() -> list[int]:
        return []

    async with client_for(app) as client:
        response = await client.get("/items/?x=1")
    assert response.status_code == 307
    assert response.headers["location"] == "http://test/items?x=1"


async def test_sync_handler_and_direct_await_of_async_handler(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/items/{item_id}")
    async def get_item(item_id: int) -> Item:
        return Item(name=f"item{item_id}", price=1.0)

    @app.get("/sync")
    def sync() -> list[int]:
        return [1, 2]

    assert await get_item(3) == Item(name="item3", price=1.0)
    assert sync() == [1, 2]
    async with client_for(app) as client:
        assert (await client.get("/items/3")).json() == {"name": "item3", "price": 1.0, "secret": None}
        assert (await client.get("/sync")).json() == [1, 2]


async def test_return_values_are_json_with_content_length(client_for: ClientFor) -> None:
    app = Faster()
    values: dict[str, Any] = {
        "/dict": {"a": 1},
        "/list": [1, "x"],
        "/str": "plain",
        "/int": 5,
        "/none": None,
        "/struct": PublicItem(name="n", price=2.5),
        "/dataclass": Box(size=3),
    }
    for path, value in values.items():
        app.get(path)(lambda value=value: value)
    async with client_for(app) as client:
        for path, value in values.items():
            response = await client.get(path)
            assert response.headers["content-type"] == "application/json"
            assert response.headers["content-length"] == str(len(response.content))
            assert response.content == msgspec.json.encode(value)
    assert (await client_for(app).get("/str")).content == b'"plain"'


async def test_status_code_and_response_passthrough(client_for: ClientFor) -> None:
    app = Faster()

    @app.post("/created", status_code=201)
    async def created() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/raw", status_code=201)
    async def raw() -> Response:
        return Response(b"raw", status_code=203, media_type="text/x-raw")

    async with client_for(app) as client:
        assert (await client.post("/created")).status_code == 201
        raw_response = await client.get("/raw")
    assert raw_response.status_code == 203
    assert raw_response.content == b"raw"
    assert raw_response.headers["content-type"].startswith("text/x-raw")


async def test_response_model_shapes_and_filters_output(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/item", response_model=PublicItem)
    async def item() -> dict[str, Any]:
        return {"name": "n", "price": 1, "secret": "hidden"}

    @app.get("/annotated")
    async def annotated() -> PublicItem:
        return Item(name="n", price=2.0, secret="s")  # type: ignore[return-value]

    @app.get("/many", response_model=list[PublicItem])
    async def many() -> list[Item]:
        return [Item(name="a", price=1.0, secret="x"), Item(name="b", price=2.0)]

    @app.get("/exclude-none", response_model=Item, response_model_exclude_none=True)
    async def exclude_none() -> Item:
        return Item(name="n", price=1.0)

    @app.get("/include", response_model=Item, response_model_include={"name"})
    async def include() -> Item:
        return Item(name="n", price=1.0)

    @app.get("/exclude", response_model=Item, response_model_exclude={"secret", "price"})
    async def exclude() -> Item:
        return Item(name="n", price=1.0, secret="s")

    async with client_for(app) as client:
        assert (await client.get("/item")).json() == {"name": "n", "price": 1.0}
        assert (await client.get("/annotated")).json() == {"name": "n", "price": 2.0}
        assert (await client.get("/many")).json() == [{"name": "a", "price": 1.0}, {"name": "b", "price": 2.0}]
        assert (await client.get("/exclude-none")).json() == {"name": "n", "price": 1.0}
        assert (await client.get("/include")).json() == {"name": "n"}
        assert (await client.get("/exclude")).json() == {"name": "n"}


async def test_response_model_violation_is_a_server_error(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/bad", response_model=PublicItem)
    async def bad() -> dict[str, Any]:
        return {"name": "n"}

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/bad")
    assert response.status_code == 500
    with pytest.raises(ResponseValidationError):
        async with client_for(app) as client:
            await client.get("/bad")


async def test_url_path_for_and_route_names() -> None:
    app = Faster()

    @app.get("/users/{user_id}", name="user")
    async def user(user_id: int) -> int:
        return user_id

    assert app.url_path_for("user", user_id=5) == "/users/5"


async def test_status_204_sends_no_body(client_for: ClientFor) -> None:
    app = Faster()

    @app.delete("/items/{item_id}", status_code=204)
    async def delete(item_id: int) -> None:
        return None

    @app.delete("/plain", status_code=204)
    async def plain() -> None:
        return None

    async with client_for(app) as client:
        for path in ("/items/1", "/plain"):
            response = await client.delete(path)
            assert response.status_code == 204
            assert response.content == b""
            assert "content-length" not in response.headers or response.headers["content-length"] == "0"


async def test_sync_handler_without_parameters_and_custom_response_class(client_for: ClientFor) -> None:
    from fasterapi_core import HTMLResponse

    app = Faster()

    @app.get("/sync")
    def sync() -> str:
        return "s"

    @app.get("/html", response_class=HTMLResponse)
    async def html() -> str:
        return "<b>x</b>"

    async with client_for(app) as client:
        assert (await client.get("/sync")).json() == "s"
        html_response = await client.get("/html")
    assert html_response.text == "<b>x</b>"
    assert html_response.headers["content-type"].startswith("text/html")
