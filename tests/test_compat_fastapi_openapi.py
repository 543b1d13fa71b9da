"""FastAPI parity: metadata, path operation configuration and the OpenAPI document (docs:
tutorial/metadata, path-operation-configuration, advanced/path-operation-advanced-configuration,
how-to/extending-openapi, tutorial/first-steps)."""

from __future__ import annotations

from typing import Annotated

import msgspec

from FasterAPI import Faster, Query
from FasterAPI.testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None


def make_app() -> Faster:
    app = Faster(
        title="ChimichangApp",
        description="ChimichangApp API helps you do awesome stuff.",
        summary="Deadpool's favorite app. Nuff said.",
        version="0.0.1",
        terms_of_service="http://example.com/terms/",
        contact={"name": "Deadpoolio", "url": "http://x-force.example.com/contact/", "email": "dp@x-force.example.com"},
        license_info={"name": "Apache 2.0", "identifier": "Apache-2.0"},
        openapi_tags=[{"name": "users", "description": "Operations with users."}],
    )

    @app.post(
        "/items/",
        tags=["items"],
        summary="Create an item",
        response_description="The created item",
        status_code=201,
    )
    async def create_item(item: Item) -> Item:
        """Create an item with all the information."""
        return item

    @app.get("/users/", tags=["users"], operation_id="some_specific_id_you_define")
    async def read_users(q: Annotated[str | None, Query(description="search", deprecated=True)] = None) -> list[str]:
        return []

    @app.get("/elements/", tags=["items"], deprecated=True)
    async def read_elements() -> list[str]:
        return []

    @app.get("/hidden/", include_in_schema=False)
    async def hidden() -> str:
        return "hidden"

    @app.get("/items/{item_id}", description="Read one item")
    async def read_item(item_id: int, short: bool = False) -> Item:
        return Item(name="x", price=1.0)

    return app


client = TestClient(make_app())
schema = client.get("/openapi.json").json()


def test_openapi_json_served() -> None:
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "ChimichangApp"
    assert schema["info"]["version"] == "0.0.1"
    assert schema["info"]["description"] == "ChimichangApp API helps you do awesome stuff."
    assert schema["info"]["summary"] == "Deadpool's favorite app. Nuff said."
    assert schema["info"]["termsOfService"] == "http://example.com/terms/"
    assert schema["info"]["contact"]["name"] == "Deadpoolio"
    assert schema["info"]["license"] == {"name": "Apache 2.0", "identifier": "Apache-2.0"}
    assert schema["tags"] == [{"name": "users", "description": "Operations with users."}]


def test_default_version_is_0_1_0() -> None:
    assert TestClient(Faster()).get("/openapi.json").json()["info"] == {"title": "FasterAPI", "version": "0.1.0"}


def test_operation_fields() -> None:
    op = schema["paths"]["/items/"]["post"]
    assert op["tags"] == ["items"]
    assert op["summary"] == "Create an item"
    assert op["description"] == "Create an item with all the information."
    assert op["responses"]["201"]["description"] == "The created item"
    assert op["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Item"}
    assert op["requestBody"]["required"] is True
    assert "422" in op["responses"]


def test_default_summary_and_operation_id() -> None:
    op = schema["paths"]["/items/{item_id}"]["get"]
    assert op["summary"] == "Read Item"
    assert op["operationId"] == "read_item_items__item_id__get"
    assert op["description"] == "Read one item"
    assert schema["paths"]["/users/"]["get"]["operationId"] == "some_specific_id_you_define"


def test_parameters() -> None:
    params = {p["name"]: p for p in schema["paths"]["/items/{item_id}"]["get"]["parameters"]}
    assert params["item_id"]["in"] == "path"
    assert params["item_id"]["required"] is True
    assert params["item_id"]["schema"]["type"] == "integer"
    assert params["short"]["in"] == "query"
    assert params["short"]["required"] is False
    assert params["short"]["schema"]["type"] == "boolean"
    q = schema["paths"]["/users/"]["get"]["parameters"][0]
    assert q["description"] == "search"
    assert q["deprecated"] is True


def test_deprecated_and_hidden() -> None:
    assert schema["paths"]["/elements/"]["get"]["deprecated"] is True
    assert "/hidden/" not in schema["paths"]
    assert client.get("/hidden/").json() == "hidden"


def test_component_schema() -> None:
    item = schema["components"]["schemas"]["Item"]
    assert item["type"] == "object"
    assert set(item["required"]) == {"name", "price"}
    assert item["properties"]["price"]["type"] == "number"
    assert "HTTPValidationError" in schema["components"]["schemas"]


def test_docs_and_redoc_pages() -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in docs.text
    assert "/openapi.json" in docs.text
    redoc = client.get("/redoc")
    assert redoc.status_code == 200
    assert "redoc" in redoc.text.lower()


def test_docs_urls_can_be_changed_or_disabled() -> None:
    app = Faster(docs_url="/documentation", redoc_url=None)
    c = TestClient(app)
    assert c.get("/documentation").status_code == 200
    assert c.get("/docs").status_code == 404
    assert c.get("/redoc").status_code == 404
    off = TestClient(Faster(openapi_url=None))
    assert off.get("/openapi.json").status_code == 404
    assert off.get("/docs").status_code == 404


def test_custom_openapi_url() -> None:
    c = TestClient(Faster(openapi_url="/api/v1/openapi.json"))
    assert c.get("/api/v1/openapi.json").status_code == 200
    assert "/api/v1/openapi.json" in c.get("/docs").text


def test_app_openapi_method_and_override() -> None:
    from FasterAPI.openapi.utils import get_openapi

    app = Faster()

    @app.get("/items/")
    async def read_items() -> list[str]:
        return []

    def custom_openapi() -> dict[str, object]:
        if app.openapi_schema:
            return app.openapi_schema
        openapi_schema = get_openapi(title="Custom title", version="2.5.0", routes=app.routes)
        openapi_schema["info"]["x-logo"] = {"url": "logo.png"}
        app.openapi_schema = openapi_schema
        return app.openapi_schema

    app.openapi = custom_openapi  # type: ignore[method-assign]
    doc = TestClient(app).get("/openapi.json").json()
    assert doc["info"]["title"] == "Custom title"
    assert doc["info"]["x-logo"] == {"url": "logo.png"}


def test_openapi_extra_and_responses() -> None:
    app = Faster()

    class Message(msgspec.Struct):
        message: str

    @app.get(
        "/items/{item_id}",
        responses={404: {"model": Message, "description": "Not found"}},
        openapi_extra={"x-aperture-labs-portal": "blue"},
    )
    async def read_item(item_id: str) -> dict[str, str]:
        return {"id": item_id}

    op = TestClient(app).get("/openapi.json").json()["paths"]["/items/{item_id}"]["get"]
    assert op["x-aperture-labs-portal"] == "blue"
    assert op["responses"]["404"]["description"] == "Not found"
    assert op["responses"]["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Message"}
