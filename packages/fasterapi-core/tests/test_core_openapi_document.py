"""The OpenAPI 3.1 document: what each route contributes, and that every document is valid."""

from __future__ import annotations

import dataclasses
import enum
from typing import Annotated, Any

import msgspec
import pytest

from fasterapi_core import (
    Body,
    Cookie,
    Depends,
    Faster,
    FasterRouter,
    File,
    Form,
    Header,
    HTMLResponse,
    Path,
    Query,
    Security,
    UploadFile,
)
from fasterapi_core.openapi.generator import generate_openapi, get_openapi
from fasterapi_core.security import APIKeyHeader, HTTPBasic, OAuth2PasswordBearer


class Color(enum.Enum):
    red = "red"
    blue = "blue"


class Tag(msgspec.Struct):
    label: str


class Item(msgspec.Struct):
    """A thing for sale."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=50)]
    price: Annotated[float, msgspec.Meta(gt=0)]
    color: Color | None = None
    tags: list[Tag] = []


@dataclasses.dataclass
class Owner:
    name: str
    age: int = 0


OtherItem = msgspec.defstruct("Item", [("sku", str)], module="elsewhere.models")


class Message(msgspec.Struct):
    detail: str


def checked(app: Faster) -> dict[str, Any]:
    document = app.openapi()
    validate(document)  # type: ignore[arg-type]
    return document


def test_minimal_app_document() -> None:
    app = Faster(title="Shop", version="2.0", description="desc", summary="sum")

    @app.get("/")
    async def root() -> dict[str, str]:
        return {}

    document = checked(app)
    assert document["openapi"] == "3.1.0"
    assert document["info"] == {"title": "Shop", "version": "2.0", "summary": "sum", "description": "desc"}
    operation = document["paths"]["/"]["get"]
    assert operation["summary"] == "Root"
    assert operation["operationId"] == "root__get"
    assert "422" not in operation["responses"]
    assert set(document["paths"]) == {"/"}, "the docs routes are not part of the document"


def test_parameters_from_every_source_and_dependencies() -> None:
    app = Faster()

    def shared(trace: Annotated[str | None, Header(alias="X-Trace", description="trace id")] = None) -> str | None:
        return trace

    def paging(
        skip: int = 0,
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
        t: str | None = Depends(shared),
    ) -> dict[str, int]:
        return {"skip": skip, "limit": limit}

    @app.get("/items/{item_id:int}")
    async def read_item(
        item_id: Annotated[int, Path(description="the id", ge=1)],
        color: Color,
        q: list[str] = Query([]),
        session: str | None = Cookie(None),
        page: dict[str, int] = Depends(paging),
        t: str | None = Depends(shared),
    ) -> Item:
        """Read one item.

        Longer text.
        \f
        Internal notes.
        """
        raise NotImplementedError

    document = checked(app)
    operation = document["paths"]["/items/{item_id}"]["get"]
    assert operation["description"] == "Read one item.\n\nLonger text."
    params = {(p["in"], p["name"]): p for p in operation["parameters"]}
    assert set(params) == {
        ("path", "item_id"),
        ("query", "color"),
        ("query", "q"),
        ("cookie", "session"),
        ("query", "skip"),
        ("query", "limit"),
        ("header", "X-Trace"),
    }
    assert params[("path", "item_id")]["required"] is True
    assert params[("path", "item_id")]["description"] == "the id"
    assert params[("path", "item_id")]["schema"]["minimum"] == 1
    assert params[("query", "color")]["required"] is True
    assert params[("query", "color")]["schema"] == {"$ref": "#/components/schemas/Color"}
    assert params[("query", "q")]["schema"]["type"] == "array"
    assert params[("query", "limit")]["schema"] == {
        "default": 10,
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "title": "Limit",
    }
    assert params[("query", "skip")]["required"] is False
    assert params[("header", "X-Trace")]["description"] == "trace id"
    assert sorted(document["components"]["schemas"]["Color"]["enum"]) == ["blue", "red"]
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert response == {"$ref": "#/components/schemas/Item"}
    item = document["components"]["schemas"]["Item"]
    assert item["description"] == "A thing for sale."
    assert item["properties"]["name"] == {"type": "string", "minLength": 1, "maxLength": 50, "title": "Name"}
    assert item["properties"]["price"] == {"type": "number", "exclusiveMinimum": 0, "title": "Price"}
    assert "Tag" in document["components"]["schemas"]
    assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HTTPValidationError"
    }
    assert "ValidationError" in document["components"]["schemas"]


def test_request_bodies_json_embedded_form_and_multipart() -> None:
    app = Faster()

    @app.post("/items", status_code=201)
    async def create(item: Item) -> Item:
        return item

    @app.put("/pair")
    async def pair(item: Item, owner: Owner, importance: int = Body(1)) -> None:
        return None

    @app.post("/login")
    async def login(username: str = Form(), remember: bool = Form(False)) -> None:
        return None

    @app.post("/upload")
    async def upload(
        file: UploadFile, extra: list[UploadFile] = File([]), raw: bytes = File(), note: str = Form("")
    ) -> None:
        return None

    @app.post("/owner-form")
    async def owner_form(owner: Annotated[Owner, Form()]) -> None:
        return None

    @app.post("/optional")
    async def optional(item: Item | None = None) -> None:
        return None

    document = checked(app)
    paths = document["paths"]
    body = paths["/items"]["post"]["requestBody"]
    assert body == {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
        "required": True,
    }
    assert "201" in paths["/items"]["post"]["responses"]
    pair_ref = paths["/pair"]["put"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    pair_schema = document["components"]["schemas"][pair_ref.rsplit("/", 1)[1]]
    assert set(pair_schema["properties"]) == {"item", "owner", "importance"}
    assert pair_schema["required"] == ["item", "owner"]
    assert document["components"]["schemas"]["Owner"]["properties"]["age"] == {
        "type": "integer",
        "default": 0,
        "title": "Age",
    }
    login_content = paths["/login"]["post"]["requestBody"]["content"]
    assert list(login_content) == ["application/x-www-form-urlencoded"]
    upload_content = paths["/upload"]["post"]["requestBody"]["content"]
    ref = upload_content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    upload_schema = document["components"]["schemas"][ref]
    # OpenAPI 3.1's way, as FastAPI writes it.
    assert upload_schema["properties"]["file"] == {
        "type": "string",
        "contentMediaType": "application/octet-stream",
        "title": "File",
    }
    file_schema = {"type": "string", "contentMediaType": "application/octet-stream"}
    assert upload_schema["properties"]["extra"]["items"] == file_schema
    assert upload_schema["properties"]["raw"] == {**file_schema, "title": "Raw"}
    assert upload_schema["required"] == ["file", "raw"]
    owner_content = paths["/owner-form"]["post"]["requestBody"]["content"]
    assert owner_content["application/x-www-form-urlencoded"]["schema"] == {"$ref": "#/components/schemas/Owner"}
    assert "required" not in paths["/optional"]["post"]["requestBody"]


def test_same_class_name_from_two_modules_gets_two_components() -> None:
    app = Faster()

    @app.post("/a")
    async def a(item: Item) -> OtherItem:  # type: ignore[valid-type]
        raise NotImplementedError

    document = checked(app)
    schemas = document["components"]["schemas"]
    item_names = [name for name in schemas if name.endswith("Item")]
    assert len(item_names) == 2
    request_ref = document["paths"]["/a"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    response_ref = document["paths"]["/a"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert request_ref != response_ref
    assert "sku" in schemas[response_ref.rsplit("/", 1)[1]]["properties"]


def test_route_options_tags_and_metadata() -> None:
    tags = [{"name": "items", "description": "Item things"}]
    app = Faster(openapi_tags=tags, servers=[{"url": "https://api.example.com"}])
    router = FasterRouter(prefix="/r", tags=["items"])

    @router.get(
        "/x",
        summary="Custom",
        description="Described",
        operation_id="custom_op",
        deprecated=True,
        response_description="The X",
        responses={
            404: {"model": Message, "description": "Missing"},
            "5XX": {"description": "Server trouble"},
            409: {"content": {"text/plain": {"schema": {"type": "string"}}}},
            200: {"headers": {"X-Rate": {"schema": {"type": "integer"}, "description": "limit"}}},
        },
        openapi_extra={"x-custom": 1, "responses": {"418": {"description": "Teapot"}}},
    )
    async def x() -> Message:
        raise NotImplementedError

    @router.get("/hidden", include_in_schema=False)
    async def hidden() -> None:
        return None

    @router.get("/same")
    async def same_a() -> None:
        return None

    @router.post("/same2", operation_id="custom_op")
    async def same_b() -> None:
        return None

    @app.get("/html", response_class=HTMLResponse)
    async def page() -> str:
        return "<p>"

    app.include_router(router, tags=["outer"])
    document = checked(app)
    operation = document["paths"]["/r/x"]["get"]
    assert operation["tags"] == ["outer", "items"]
    assert operation["summary"] == "Custom"
    assert operation["description"] == "Described"
    assert operation["operationId"] == "custom_op"
    assert operation["deprecated"] is True
    assert operation["x-custom"] == 1
    responses = operation["responses"]
    assert responses["200"]["description"] == "The X"
    assert responses["200"]["headers"]["X-Rate"]["description"] == "limit"
    assert responses["404"]["description"] == "Missing"
    assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Message"}
    assert responses["5XX"] == {"description": "Server trouble"}
    assert responses["409"]["description"] == "Conflict"
    assert responses["418"] == {"description": "Teapot"}
    assert "/r/hidden" not in document["paths"]
    assert document["paths"]["/r/same2"]["post"]["operationId"] == "custom_op_2"
    assert document["tags"] == tags
    assert document["servers"] == [{"url": "https://api.example.com"}]
    assert document["paths"]["/html"]["get"]["responses"]["200"]["content"] == {
        "text/html": {"schema": {"type": "string"}}
    }


def test_security_schemes_and_requirements() -> None:
    app = Faster()
    oauth2 = OAuth2PasswordBearer(tokenUrl="/token", scopes={"items:read": "Read items"})
    api_key = APIKeyHeader(name="X-Key", description="the key")
    basic = HTTPBasic(scheme_name="basicAuth")

    def current_user(token: str = Depends(oauth2)) -> str:
        return token

    @app.get("/me")
    async def me(user: str = Security(current_user, scopes=["items:read"]), key: str = Depends(api_key)) -> None:
        return None

    @app.get("/admin", dependencies=[Depends(basic)])
    async def admin() -> None:
        return None

    document = checked(app)
    schemes = document["components"]["securitySchemes"]
    assert schemes["OAuth2PasswordBearer"] == {
        "type": "oauth2",
        "flows": {"password": {"tokenUrl": "/token", "scopes": {"items:read": "Read items"}}},
    }
    assert schemes["APIKeyHeader"] == {"type": "apiKey", "in": "header", "name": "X-Key", "description": "the key"}
    assert schemes["basicAuth"] == {"type": "http", "scheme": "basic"}
    assert document["paths"]["/me"]["get"]["security"] == [
        {"OAuth2PasswordBearer": ["items:read"]},
        {"APIKeyHeader": []},
    ]
    assert document["paths"]["/admin"]["get"]["security"] == [{"basicAuth": []}]


def test_unusual_defaults_never_break_the_document() -> None:
    app = Faster()
    sentinel = object()

    @app.get("/odd")
    async def odd(q: str = Query(sentinel), r: str = Query(...), s: set[int] = Query({1, 2})) -> None:
        return None

    document = checked(app)
    params = {p["name"]: p for p in document["paths"]["/odd"]["get"]["parameters"]}
    assert "default" not in params["q"]["schema"]
    assert params["r"]["required"] is True
    assert sorted(params["s"]["schema"]["default"]) == [1, 2]


def test_document_is_cached_and_regenerated_when_routes_change() -> None:
    app = Faster()

    @app.get("/one")
    async def one() -> None:
        return None

    first = app.openapi()
    assert app.openapi() is first
    assert app.openapi_schema is first

    @app.get("/two")
    async def two() -> None:
        return None

    second = checked(app)
    assert second is not first
    assert set(second["paths"]) == {"/one", "/two"}


def test_user_supplied_schema_is_kept() -> None:
    app = Faster()
    app.openapi_schema = {"openapi": "3.1.0", "info": {"title": "mine", "version": "1"}, "paths": {}}
    assert app.openapi()["info"]["title"] == "mine"


def test_generate_openapi_keywords_and_copy() -> None:
    app = Faster(title="App")

    @app.get("/")
    async def root() -> None:
        return None

    document = generate_openapi(
        app,
        title="Other",
        version="9",
        description="d",
        openapi_tags=[{"name": "t"}],
        terms_of_service="https://example.com/tos",
        contact={"name": "me"},
        license_info={"name": "MIT", "identifier": "MIT"},
    )
    validate(document)  # type: ignore[arg-type]
    assert document["info"] == {
        "title": "Other",
        "version": "9",
        "description": "d",
        "termsOfService": "https://example.com/tos",
        "contact": {"name": "me"},
        "license": {"name": "MIT", "identifier": "MIT"},
    }
    document["paths"].clear()
    assert app.openapi()["paths"], "generate_openapi returns a copy"
    plain = get_openapi(title="x", version="1", routes=app.routes)
    assert list(plain["paths"]) == ["/"]


@pytest.mark.parametrize("annotation", [int | None, list[Item], dict[str, Owner], tuple[int, str], Color])
def test_assorted_response_types_validate(annotation: Any) -> None:
    app = Faster()

    async def endpoint() -> Any:
        return None

    app.add_api_route("/t", endpoint, response_model=annotation)
    checked(app)


def test_mounts_and_head_routes_are_handled() -> None:
    from fasterapi_core.staticfiles import StaticFiles

    app = Faster()
    app.mount("/static", StaticFiles(directory=".", check_dir=False), name="static")

    @app.head("/only-head")
    async def only_head() -> None:
        return None

    @app.api_route("/multi", methods=["GET", "POST"])
    async def multi() -> None:
        return None

    document = checked(app)
    assert set(document["paths"]) == {"/only-head", "/multi"}
    assert list(document["paths"]["/only-head"]) == ["head"]
    multi_ops = document["paths"]["/multi"]
    assert sorted(multi_ops) == ["get", "post"]
    assert multi_ops["get"]["operationId"] != multi_ops["post"]["operationId"]


def test_constraints_on_optional_parameters_are_documented() -> None:
    app = Faster()

    @app.get("/opt")
    async def opt(
        limit: Annotated[int | None, Query(ge=1, le=5)] = None, code: str | None = Query(None, pattern="^a")
    ) -> None:
        return None

    document = checked(app)
    params = {p["name"]: p["schema"] for p in document["paths"]["/opt"]["get"]["parameters"]}
    assert {"type": "integer", "minimum": 1, "maximum": 5} in params["limit"]["anyOf"]
    assert {"type": "string", "pattern": "^a"} in params["code"]["anyOf"]


def validate(document: dict[str, Any]) -> None:
    """openapi-spec-validator's check; it needs pydantic, so CI's pydantic-free run skips it."""
    pytest.importorskip("openapi_spec_validator").validate(document)
