"""FastAPI tutorial chapters with their pydantic models kept as they are: only the import changes.

Chapters: "Request Body", "Body - Multiple Parameters", "Body - Fields", "Body - Nested Models",
"Response Model", "Extra Models", "Query Parameter Models", "Header Parameter Models", "Cookie
Parameter Models" and "Form Models". The expected bodies are FastAPI's (pydantic validates, its
errors and JSON Schemas are sent as they are); the same assertions pass against FastAPI itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest

pydantic = pytest.importorskip("pydantic")

from pydantic import BaseModel, EmailStr, Field, HttpUrl  # noqa: E402

from FasterAPI import Body, Cookie, FastAPI, Form, Header, Query  # noqa: E402
from FasterAPI.testclient import TestClient  # noqa: E402

# -- Request Body / Body - Multiple Parameters / Body - Fields -------------------------------------


class Item(BaseModel):
    name: str
    description: str | None = Field(default=None, title="The description of the item", max_length=300)
    price: float = Field(gt=0, description="The price must be greater than zero")
    tax: float | None = None


class User(BaseModel):
    username: str
    full_name: str | None = None


def _body_app() -> FastAPI:
    app = FastAPI()

    @app.post("/items/")
    async def create_item(item: Item) -> Item:
        return item

    @app.put("/items/{item_id}")
    async def update_item(item_id: int, item: Item, q: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = {"item_id": item_id, **item.model_dump()}
        if q:
            result.update({"q": q})
        return result

    @app.put("/multi/{item_id}")
    async def update_multi(item_id: int, item: Item, user: User, importance: Annotated[int, Body(gt=0)]) -> Any:
        return {"item_id": item_id, "item": item, "user": user, "importance": importance}

    @app.put("/embed/{item_id}")
    async def update_embedded(item_id: int, item: Annotated[Item, Body(embed=True)]) -> Any:
        return {"item_id": item_id, "item": item}

    return app


@pytest.fixture(scope="module")
def body_client() -> TestClient:
    return TestClient(_body_app())


def test_body_model_round_trip(body_client: TestClient) -> None:
    response = body_client.post("/items/", json={"name": "Foo", "price": 50.5})
    assert response.status_code == 200
    assert response.json() == {"name": "Foo", "description": None, "price": 50.5, "tax": None}


def test_body_lax_numbers_as_pydantic_has_them(body_client: TestClient) -> None:
    """pydantic's lax mode (FastAPI's): numeric text is a number."""
    response = body_client.post("/items/", json={"name": "Foo", "price": "50.5"})
    assert response.status_code == 200
    assert response.json()["price"] == 50.5


def test_body_errors_are_pydantics(body_client: TestClient) -> None:
    response = body_client.post("/items/", json={"price": -1, "description": "x" * 301})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "missing",
                "loc": ["body", "name"],
                "msg": "Field required",
                "input": {"price": -1, "description": "x" * 301},
            },
            {
                "type": "string_too_long",
                "loc": ["body", "description"],
                "msg": "String should have at most 300 characters",
                "input": "x" * 301,
                "ctx": {"max_length": 300},
            },
            {
                "type": "greater_than",
                "loc": ["body", "price"],
                "msg": "Input should be greater than 0",
                "input": -1,
                "ctx": {"gt": 0.0},
            },
        ]
    }


def test_body_not_an_object(body_client: TestClient) -> None:
    response = body_client.post("/items/", json=[1, 2])
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": [1, 2],
            }
        ]
    }


def test_body_missing(body_client: TestClient) -> None:
    response = body_client.post("/items/")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}


def test_body_with_path_and_query(body_client: TestClient) -> None:
    response = body_client.put("/items/5?q=hi", json={"name": "Foo", "price": 1})
    assert response.json() == {"item_id": 5, "name": "Foo", "description": None, "price": 1.0, "tax": None, "q": "hi"}


def test_multiple_body_parameters(body_client: TestClient) -> None:
    payload = {"item": {"name": "Foo", "price": 2}, "user": {"username": "dave"}, "importance": 5}
    response = body_client.put("/multi/3", json=payload)
    assert response.status_code == 200
    assert response.json() == {
        "item_id": 3,
        "item": {"name": "Foo", "description": None, "price": 2.0, "tax": None},
        "user": {"username": "dave", "full_name": None},
        "importance": 5,
    }


def test_multiple_body_parameters_errors(body_client: TestClient) -> None:
    response = body_client.put("/multi/3", json={"item": {"name": "Foo", "price": 2}, "importance": 0})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "user"], "msg": "Field required", "input": None},
            {
                "type": "greater_than",
                "loc": ["body", "importance"],
                "msg": "Input should be greater than 0",
                "input": 0,
                "ctx": {"gt": 0},
            },
        ]
    }


def test_embedded_single_body(body_client: TestClient) -> None:
    response = body_client.put("/embed/1", json={"item": {"name": "Foo", "price": 3}})
    assert response.json() == {"item_id": 1, "item": {"name": "Foo", "description": None, "price": 3.0, "tax": None}}
    response = body_client.put("/embed/1", json={"name": "Foo", "price": 3})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None}
    ]


def test_body_openapi_is_pydantics(body_client: TestClient) -> None:
    document = body_client.get("/openapi.json").json()
    assert document["components"]["schemas"]["Item"] == {
        "properties": {
            "name": {"type": "string", "title": "Name"},
            "description": {
                "anyOf": [{"type": "string", "maxLength": 300}, {"type": "null"}],
                "title": "The description of the item",
            },
            "price": {
                "type": "number",
                "exclusiveMinimum": 0.0,
                "title": "Price",
                "description": "The price must be greater than zero",
            },
            "tax": {"anyOf": [{"type": "number"}, {"type": "null"}], "title": "Tax"},
        },
        "type": "object",
        "required": ["name", "price"],
        "title": "Item",
    }
    multi = document["paths"]["/multi/{item_id}"]["put"]["requestBody"]
    assert multi == {
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Body_update_multi_multi__item_id__put"}}
        },
        "required": True,
    }
    assert document["components"]["schemas"]["Body_update_multi_multi__item_id__put"] == {
        "properties": {
            "item": {"$ref": "#/components/schemas/Item"},
            "user": {"$ref": "#/components/schemas/User"},
            "importance": {"type": "integer", "exclusiveMinimum": 0, "title": "Importance"},
        },
        "type": "object",
        "required": ["item", "user", "importance"],
        "title": "Body_update_multi_multi__item_id__put",
    }


# -- Body - Nested Models -------------------------------------------------------------------------


class Image(BaseModel):
    url: HttpUrl
    name: str


class NestedItem(BaseModel):
    name: str
    price: float
    tags: set[str] = set()
    images: list[Image] | None = None


class Offer(BaseModel):
    name: str
    items: list[NestedItem]


@pytest.fixture(scope="module")
def nested_client() -> TestClient:
    app = FastAPI()

    @app.put("/items/{item_id}")
    async def update_item(item_id: int, item: NestedItem) -> Any:
        return {"item_id": item_id, "item": item}

    @app.post("/offers/")
    async def create_offer(offer: Offer) -> Offer:
        return offer

    @app.post("/images/multiple/")
    async def create_images(images: list[Image]) -> list[Image]:
        return images

    @app.post("/index-weights/")
    async def create_index_weights(weights: dict[int, float]) -> dict[int, float]:
        return weights

    return TestClient(app)


def test_nested_models(nested_client: TestClient) -> None:
    item = {"name": "Foo", "price": 1, "tags": ["a", "a"], "images": [{"url": "http://example.com/a.png", "name": "A"}]}
    response = nested_client.put("/items/1", json=item)
    assert response.status_code == 200
    assert response.json() == {
        "item_id": 1,
        "item": {
            "name": "Foo",
            "price": 1.0,
            "tags": ["a"],
            "images": [{"url": "http://example.com/a.png", "name": "A"}],
        },
    }


def test_nested_error_locations(nested_client: TestClient) -> None:
    offer = {"name": "O", "items": [{"name": "Foo", "price": 1, "images": [{"url": "not a url", "name": "A"}]}]}
    response = nested_client.post("/offers/", json=offer)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "url_parsing",
                "loc": ["body", "items", 0, "images", 0, "url"],
                "msg": "Input should be a valid URL, relative URL without a base",
                "input": "not a url",
                "ctx": {"error": "relative URL without a base"},
            }
        ]
    }


def test_list_and_dict_bodies(nested_client: TestClient) -> None:
    images = [{"url": "http://example.com/a.png", "name": "A"}]
    assert nested_client.post("/images/multiple/", json=images).json() == images
    assert nested_client.post("/index-weights/", json={"1": 0.5, "2": 1}).json() == {"1": 0.5, "2": 1.0}
    response = nested_client.post("/index-weights/", json={"x": 0.5})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "int_parsing",
            "loc": ["body", "x", "[key]"],
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": "x",
        }
    ]


# -- Response Model / Extra Models ----------------------------------------------------------------


class UserIn(BaseModel):
    username: str
    password: str
    email: EmailStr
    full_name: str | None = None


class UserOut(BaseModel):
    username: str
    email: EmailStr
    full_name: str | None = None


class PricedItem(BaseModel):
    name: str
    description: str | None = None
    price: float
    tax: float = 10.5
    tags: list[str] = []


_ITEMS = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}


@pytest.fixture(scope="module")
def response_client() -> TestClient:
    app = FastAPI()

    @app.post("/user/", response_model=UserOut)
    async def create_user(user: UserIn) -> Any:
        return user

    @app.get("/items/{item_id}", response_model=PricedItem, response_model_exclude_unset=True)
    async def read_item(item_id: Literal["foo", "bar", "baz"]) -> Any:
        return _ITEMS[item_id]

    @app.get("/items/{item_id}/name", response_model=PricedItem, response_model_include={"name", "description"})
    async def read_item_name(item_id: str) -> Any:
        return _ITEMS[item_id]

    @app.get("/items/{item_id}/public", response_model=PricedItem, response_model_exclude={"tax"})
    async def read_item_public(item_id: str) -> Any:
        return _ITEMS[item_id]

    @app.get("/items/", response_model=list[PricedItem])
    async def read_items() -> Any:
        return [PricedItem(name="Portal Gun", price=42.0), {"name": "Plumbus", "price": 32.0}]

    @app.get("/broken/", response_model=UserOut)
    async def broken() -> Any:
        return {"username": "no email"}

    return TestClient(app, raise_server_exceptions=False)


def test_response_model_filters_the_input_model(response_client: TestClient) -> None:
    user = {"username": "john", "password": "secret", "email": "john@example.com"}
    response = response_client.post("/user/", json=user)
    assert response.status_code == 200
    assert response.json() == {"username": "john", "email": "john@example.com", "full_name": None}


def test_email_checked(response_client: TestClient) -> None:
    response = response_client.post("/user/", json={"username": "john", "password": "x", "email": "nope"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["body", "email"],
            "msg": "value is not a valid email address: An email address must have an @-sign.",
            "input": "nope",
            "ctx": {"reason": "An email address must have an @-sign."},
        }
    ]


def test_response_model_exclude_unset(response_client: TestClient) -> None:
    assert response_client.get("/items/foo").json() == {"name": "Foo", "price": 50.2}
    assert response_client.get("/items/bar").json() == {
        "name": "Bar",
        "description": "The bartenders",
        "price": 62.0,
        "tax": 20.2,
    }
    assert response_client.get("/items/baz").json() == {
        "name": "Baz",
        "description": None,
        "price": 50.2,
        "tax": 10.5,
        "tags": [],
    }


def test_response_model_include_exclude(response_client: TestClient) -> None:
    assert response_client.get("/items/bar/name").json() == {"name": "Bar", "description": "The bartenders"}
    assert response_client.get("/items/bar/public").json() == {
        "name": "Bar",
        "description": "The bartenders",
        "price": 62.0,
        "tags": [],
    }


def test_response_model_list(response_client: TestClient) -> None:
    assert response_client.get("/items/").json() == [
        {"name": "Portal Gun", "description": None, "price": 42.0, "tax": 10.5, "tags": []},
        {"name": "Plumbus", "description": None, "price": 32.0, "tax": 10.5, "tags": []},
    ]


def test_invalid_return_value_is_a_server_error(response_client: TestClient) -> None:
    assert response_client.get("/broken/").status_code == 500


def test_response_schemas(response_client: TestClient) -> None:
    document = response_client.get("/openapi.json").json()
    ok = document["paths"]["/user/"]["post"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/UserOut"}
    listed = document["paths"]["/items/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/PricedItem"},
        "title": "Response Read Items Items  Get",
    }
    assert document["components"]["schemas"]["UserOut"]["properties"]["email"] == {
        "type": "string",
        "format": "email",
        "title": "Email",
    }


# -- Query / Header / Cookie Parameter Models -----------------------------------------------------


class FilterParams(BaseModel):
    model_config = {"extra": "forbid"}

    limit: int = Field(100, gt=0, le=100)
    offset: int = Field(0, ge=0)
    order_by: Literal["created_at", "updated_at"] = "created_at"
    tags: list[str] = []


class CommonHeaders(BaseModel):
    host: str
    save_data: bool
    if_modified_since: str | None = None
    traceparent: str | None = None
    x_tag: list[str] = []


class Cookies(BaseModel):
    model_config = {"extra": "forbid"}

    session_id: str
    fatebook_tracker: str | None = None
    googall_tracker: str | None = None


@pytest.fixture(scope="module")
def params_client() -> TestClient:
    app = FastAPI()

    @app.get("/items/")
    async def read_items(filter_query: Annotated[FilterParams, Query()]) -> FilterParams:
        return filter_query

    @app.get("/headers/")
    async def read_headers(headers: Annotated[CommonHeaders, Header()]) -> CommonHeaders:
        return headers

    @app.get("/cookies/")
    async def read_cookies(cookies: Annotated[Cookies, Cookie()]) -> Cookies:
        return cookies

    return TestClient(app)


def test_query_model(params_client: TestClient) -> None:
    response = params_client.get("/items/?limit=10&tags=a&tags=b")
    assert response.json() == {"limit": 10, "offset": 0, "order_by": "created_at", "tags": ["a", "b"]}


def test_query_model_errors(params_client: TestClient) -> None:
    response = params_client.get("/items/?limit=500&order_by=name&tool=plumbus")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "less_than_equal",
                "loc": ["query", "limit"],
                "msg": "Input should be less than or equal to 100",
                "input": "500",
                "ctx": {"le": 100},
            },
            {
                "type": "literal_error",
                "loc": ["query", "order_by"],
                "msg": "Input should be 'created_at' or 'updated_at'",
                "input": "name",
                "ctx": {"expected": "'created_at' or 'updated_at'"},
            },
            {
                "type": "extra_forbidden",
                "loc": ["query", "tool"],
                "msg": "Extra inputs are not permitted",
                "input": "plumbus",
            },
        ]
    }


def test_query_model_openapi(params_client: TestClient) -> None:
    parameters = params_client.get("/openapi.json").json()["paths"]["/items/"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [
        ("limit", "query", False),
        ("offset", "query", False),
        ("order_by", "query", False),
        ("tags", "query", False),
    ]
    limit = parameters[0]["schema"]
    assert (limit["type"], limit["exclusiveMinimum"], limit["maximum"], limit["default"]) == ("integer", 0, 100, 100)
    assert parameters[2]["schema"]["enum"] == ["created_at", "updated_at"]


def test_header_model(params_client: TestClient) -> None:
    response = params_client.get("/headers/", headers={"save-data": "true", "x-tag": "a"})
    assert response.status_code == 200
    body = response.json()
    assert (body["host"], body["save_data"], body["x_tag"]) == ("testserver", True, ["a"])


def test_header_model_errors(params_client: TestClient) -> None:
    response = params_client.get("/headers/", headers={"save-data": "maybe"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "bool_parsing",
            "loc": ["header", "save-data"],
            "msg": "Input should be a valid boolean, unable to interpret input",
            "input": "maybe",
        }
    ]


def test_cookie_model(params_client: TestClient) -> None:
    response = params_client.get("/cookies/", headers={"cookie": "session_id=123"})
    assert response.json() == {"session_id": "123", "fatebook_tracker": None, "googall_tracker": None}
    response = params_client.get("/cookies/", headers={"cookie": "session_id=123; santa_tracker=good-list-please"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "extra_forbidden",
            "loc": ["cookie", "santa_tracker"],
            "msg": "Extra inputs are not permitted",
            "input": "good-list-please",
        }
    ]


# -- Form Models ----------------------------------------------------------------------------------


class FormData(BaseModel):
    username: str
    password: str
    model_config = {"extra": "forbid"}


@pytest.fixture(scope="module")
def form_client() -> TestClient:
    app = FastAPI()

    @app.post("/login/")
    async def login(data: Annotated[FormData, Form()]) -> FormData:
        return data

    return TestClient(app)


def test_form_model(form_client: TestClient) -> None:
    response = form_client.post("/login/", data={"username": "Foo", "password": "secret"})
    assert response.json() == {"username": "Foo", "password": "secret"}


def test_form_model_errors(form_client: TestClient) -> None:
    response = form_client.post("/login/", data={"username": "Foo", "extra": "x"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "missing",
                "loc": ["body", "password"],
                "msg": "Field required",
                "input": {"username": "Foo", "extra": "x"},
            },
            {
                "type": "extra_forbidden",
                "loc": ["body", "extra"],
                "msg": "Extra inputs are not permitted",
                "input": "x",
            },
        ]
    }


def test_form_model_openapi(form_client: TestClient) -> None:
    document = form_client.get("/openapi.json").json()
    body = document["paths"]["/login/"]["post"]["requestBody"]
    assert body == {
        "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/FormData"}}},
        "required": True,
    }
    assert document["components"]["schemas"]["FormData"] == {
        "properties": {
            "username": {"type": "string", "title": "Username"},
            "password": {"type": "string", "title": "Password"},
        },
        "additionalProperties": False,
        "type": "object",
        "required": ["username", "password"],
        "title": "FormData",
    }
