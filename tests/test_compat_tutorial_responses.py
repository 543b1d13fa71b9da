"""FastAPI tutorial "Response Model", "Extra Models", "Response Status Code", "Path Operation
Configuration", "JSON Compatible Encoder" and "Body - Updates", with msgspec.Struct models; plus what the FastAPI
docs on custom responses, cookies and headers show beyond the advanced tutorial's file."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Iterator
from enum import Enum
from typing import Any, Literal

import msgspec
import pytest

from FasterAPI import Faster, status
from FasterAPI.encoders import jsonable_encoder
from FasterAPI.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from FasterAPI.testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float | None = None
    tags: list[str] = []


class UserIn(msgspec.Struct):
    username: str
    password: str
    email: str
    full_name: str | None = None


class UserOut(msgspec.Struct):
    username: str
    email: str
    full_name: str | None = None


class BaseUser(msgspec.Struct):
    username: str
    email: str
    full_name: str | None = None


class UserWithPassword(BaseUser):
    password: str = ""


ITEMS_SPARSE: dict[str, dict[str, Any]] = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}
ITEMS_FIGHTERS: dict[str, dict[str, Any]] = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The Bar fighters", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": "There goes my baz", "price": 50.2, "tax": 10.5},
}


def _response_model_app() -> Faster:
    app = Faster()

    @app.post("/items/", response_model=Item)
    async def create_item(item: Item) -> Any:
        return item

    @app.get("/items/", response_model=list[Item])
    async def read_items() -> Any:
        return [Item(name="Portal Gun", price=42.0), Item(name="Plumbus", price=32.0)]

    @app.post("/user/", response_model=UserOut)
    async def create_user(user: UserIn) -> Any:
        return user

    @app.post("/annotated-user/")
    async def create_annotated_user(user: UserWithPassword) -> BaseUser:
        return user

    @app.get("/portal")
    async def get_portal(teleport: bool = False) -> Response:
        if teleport:
            return RedirectResponse(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        return JSONResponse(content={"message": "Here's your interdimensional portal."})

    @app.get("/teleport")
    async def get_teleport() -> RedirectResponse:
        return RedirectResponse(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    @app.get("/no-model-portal", response_model=None)
    async def get_no_model_portal(teleport: bool = False) -> Response | dict[str, str]:
        if teleport:
            return RedirectResponse(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        return {"message": "Here's your interdimensional portal."}

    @app.get("/sparse/{item_id}", response_model=Item, response_model_exclude_unset=True)
    async def read_sparse(item_id: str) -> Any:
        return ITEMS_SPARSE[item_id]

    @app.get("/fighters/{item_id}/name", response_model=Item, response_model_include={"name", "description"})
    async def read_item_name(item_id: str) -> Any:
        return ITEMS_FIGHTERS[item_id]

    @app.get("/fighters/{item_id}/public", response_model=Item, response_model_exclude={"tax"})
    async def read_item_public_data(item_id: str) -> Any:
        return ITEMS_FIGHTERS[item_id]

    @app.get("/fighters/{item_id}/list-name", response_model=Item, response_model_include=["name", "description"])
    async def read_item_list_name(item_id: str) -> Any:
        return ITEMS_FIGHTERS[item_id]

    return app


@pytest.fixture(scope="module")
def models() -> TestClient:
    return TestClient(_response_model_app())


def test_response_model_fills_defaults(models: TestClient) -> None:
    response = models.post("/items/", json={"name": "Foo", "price": 50.2})
    assert response.status_code == 200
    assert response.json() == {"name": "Foo", "description": None, "price": 50.2, "tax": None, "tags": []}


def test_response_model_list(models: TestClient) -> None:
    response = models.get("/items/")
    assert response.status_code == 200
    assert response.json() == [
        {"name": "Portal Gun", "description": None, "price": 42.0, "tax": None, "tags": []},
        {"name": "Plumbus", "description": None, "price": 32.0, "tax": None, "tags": []},
    ]


def test_response_model_filters_the_password(models: TestClient) -> None:
    user = {"username": "foo", "password": "fighter", "email": "foo@example.com"}
    response = models.post("/user/", json=user)
    assert response.status_code == 200
    assert response.json() == {"username": "foo", "email": "foo@example.com", "full_name": None}


def test_return_annotation_filters_a_subclass(models: TestClient) -> None:
    user = {"username": "foo", "password": "fighter", "email": "foo@example.com", "full_name": "Grave Dohl"}
    response = models.post("/annotated-user/", json=user)
    assert response.status_code == 200
    assert response.json() == {"username": "foo", "email": "foo@example.com", "full_name": "Grave Dohl"}


def test_list_return_annotation_filters_subclasses() -> None:
    app = Faster()

    @app.get("/users/")
    async def read_users() -> list[BaseUser]:
        return [UserWithPassword(username="foo", email="foo@example.com", password="secret")]

    response = TestClient(app).get("/users/")
    assert response.json() == [{"username": "foo", "email": "foo@example.com", "full_name": None}]


def test_response_annotation_returns_any_response(models: TestClient) -> None:
    response = models.get("/portal", follow_redirects=False)
    assert response.status_code == 200
    assert response.json() == {"message": "Here's your interdimensional portal."}
    response = models.get("/portal?teleport=true", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_response_subclass_annotation(models: TestClient) -> None:
    response = models.get("/teleport", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_response_model_none_with_union_annotation(models: TestClient) -> None:
    response = models.get("/no-model-portal", follow_redirects=False)
    assert response.status_code == 200
    assert response.json() == {"message": "Here's your interdimensional portal."}
    response = models.get("/no-model-portal?teleport=true", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("item_id", "expected"),
    [
        ("foo", {"name": "Foo", "price": 50.2}),
        ("bar", {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2}),
        ("baz", {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []}),
    ],
)
def test_response_model_exclude_unset(models: TestClient, item_id: str, expected: dict[str, Any]) -> None:
    response = models.get(f"/sparse/{item_id}")
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize("suffix", ["name", "list-name"])
def test_response_model_include(models: TestClient, suffix: str) -> None:
    response = models.get(f"/fighters/bar/{suffix}")
    assert response.status_code == 200
    assert response.json() == {"name": "Bar", "description": "The Bar fighters"}


def test_response_model_exclude(models: TestClient) -> None:
    response = models.get("/fighters/bar/public")
    assert response.status_code == 200
    assert response.json() == {"name": "Bar", "description": "The Bar fighters", "price": 62, "tags": []}


class UserInDB(msgspec.Struct):
    username: str
    hashed_password: str
    email: str
    full_name: str | None = None


class PlaneItem(msgspec.Struct):
    description: str
    type: Literal["plane"]
    size: int


class CarItem(msgspec.Struct):
    description: str
    type: Literal["car"]


class SimpleItem(msgspec.Struct):
    name: str
    description: str


def _extra_models_app() -> Faster:
    app = Faster()
    vehicles: dict[str, dict[str, Any]] = {
        "item1": {"description": "All my friends drive a low rider", "type": "car"},
        "item2": {"description": "Music is my aeroplane, it's my aeroplane", "type": "plane", "size": 5},
    }

    def fake_save_user(user_in: UserIn) -> UserInDB:
        hashed_password = "supersecret" + user_in.password
        fields = msgspec.structs.asdict(user_in)
        del fields["password"]
        return UserInDB(**fields, hashed_password=hashed_password)

    @app.post("/user/", response_model=UserOut)
    async def create_user(user_in: UserIn) -> Any:
        return fake_save_user(user_in)

    @app.get("/items/{item_id}", response_model=PlaneItem | CarItem)
    async def read_item(item_id: str) -> Any:
        return vehicles[item_id]

    @app.get("/items/", response_model=list[SimpleItem])
    async def read_items() -> Any:
        return [
            {"name": "Foo", "description": "There comes my hero"},
            {"name": "Red", "description": "It's my aeroplane"},
        ]

    @app.get("/keyword-weights/", response_model=dict[str, float])
    async def read_keyword_weights() -> Any:
        return {"foo": 2.3, "bar": 3.4}

    return app


@pytest.fixture(scope="module")
def extra() -> TestClient:
    return TestClient(_extra_models_app())


def test_extra_models_convert_between_models(extra: TestClient) -> None:
    user = {"username": "johndoe", "password": "secret", "email": "johndoe@example.com", "full_name": "John Doe"}
    response = extra.post("/user/", json=user)
    assert response.status_code == 200
    assert response.json() == {"username": "johndoe", "email": "johndoe@example.com", "full_name": "John Doe"}


def test_union_response_model(extra: TestClient) -> None:
    response = extra.get("/items/item1")
    assert response.status_code == 200
    assert response.json() == {"description": "All my friends drive a low rider", "type": "car"}
    response = extra.get("/items/item2")
    assert response.status_code == 200
    assert response.json() == {"description": "Music is my aeroplane, it's my aeroplane", "type": "plane", "size": 5}


def test_list_response_model(extra: TestClient) -> None:
    response = extra.get("/items/")
    assert response.status_code == 200
    assert response.json() == [
        {"name": "Foo", "description": "There comes my hero"},
        {"name": "Red", "description": "It's my aeroplane"},
    ]


def test_dict_response_model(extra: TestClient) -> None:
    response = extra.get("/keyword-weights/")
    assert response.status_code == 200
    assert response.json() == {"foo": 2.3, "bar": 3.4}


class Tags(Enum):
    items = "items"
    users = "users"


def _configuration_app() -> Faster:
    app = Faster()

    @app.post("/items/", status_code=201)
    async def create_item(name: str) -> dict[str, str]:
        return {"name": name}

    @app.post("/created/", status_code=status.HTTP_201_CREATED)
    async def create_created(name: str) -> dict[str, str]:
        return {"name": name}

    @app.post(
        "/configured/",
        response_model=Item,
        status_code=status.HTTP_201_CREATED,
        tags=["items"],
        summary="Create an item",
        response_description="The created item",
    )
    async def create_configured(item: Item) -> Any:
        """Create an item with all the information.

        - **name**: each item must have a name
        """
        return item

    @app.post("/described/", description="Create an item with all the information")
    async def create_described(item: Item) -> Item:
        return item

    @app.get("/enum-tags/", tags=[Tags.items])
    async def get_enum_tags() -> list[str]:
        return ["Portal gun", "Plumbus"]

    @app.get("/elements/", tags=["items"], deprecated=True)
    async def read_elements() -> list[dict[str, str]]:
        return [{"item_id": "Foo"}]

    return app


@pytest.fixture(scope="module")
def configured() -> TestClient:
    return TestClient(_configuration_app())


@pytest.mark.parametrize("url", ["/items/", "/created/"])
def test_status_code(configured: TestClient, url: str) -> None:
    response = configured.post(f"{url}?name=foo")
    assert response.status_code == 201
    assert response.json() == {"name": "foo"}


def test_path_operation_configuration(configured: TestClient) -> None:
    response = configured.post("/configured/", json={"name": "Foo", "price": 42})
    assert response.status_code == 201
    assert response.json() == {"name": "Foo", "price": 42, "description": None, "tax": None, "tags": []}
    paths = configured.get("/openapi.json").json()["paths"]
    operation = paths["/configured/"]["post"]
    assert operation["tags"] == ["items"]
    assert operation["summary"] == "Create an item"
    assert operation["description"].startswith("Create an item with all the information.")
    assert "- **name**: each item must have a name" in operation["description"]
    assert operation["responses"]["201"]["description"] == "The created item"
    assert paths["/described/"]["post"]["description"] == "Create an item with all the information"
    assert paths["/described/"]["post"]["summary"] == "Create Described"
    assert paths["/enum-tags/"]["get"]["tags"] == ["items"]
    assert paths["/elements/"]["get"]["deprecated"] is True
    assert configured.get("/elements/").json() == [{"item_id": "Foo"}]
    assert configured.get("/enum-tags/").json() == ["Portal gun", "Plumbus"]


class TimedItem(msgspec.Struct):
    title: str
    timestamp: datetime.datetime
    description: str | None = None


def test_jsonable_encoder() -> None:
    fake_db: dict[str, Any] = {}
    app = Faster()

    @app.put("/items/{id}")
    def update_item(id: str, item: TimedItem) -> None:
        fake_db[id] = jsonable_encoder(item)

    client = TestClient(app)
    data = {"title": "Foo", "timestamp": "2023-01-01T12:00:00", "description": "An optional description"}
    response = client.put("/items/123", json=data)
    assert response.status_code == 200
    assert response.json() is None
    assert fake_db["123"] == data


class UpdatableItem(msgspec.Struct):
    name: str | None = None
    description: str | None = None
    price: float | None = None
    tax: float = 10.5
    tags: list[str] = []


class ItemPatch(msgspec.Struct):
    """A partial update: fields left out of the request stay ``UNSET`` (msgspec's exclude_unset)."""

    name: str | msgspec.UnsetType | None = msgspec.UNSET
    description: str | msgspec.UnsetType | None = msgspec.UNSET
    price: float | msgspec.UnsetType | None = msgspec.UNSET
    tax: float | msgspec.UnsetType = msgspec.UNSET
    tags: list[str] | msgspec.UnsetType = msgspec.UNSET


def _updates_app() -> Faster:
    app = Faster()
    items: dict[str, dict[str, Any]] = {
        "foo": {"name": "Foo", "price": 50.2},
        "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
        "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
    }

    @app.get("/items/{item_id}", response_model=UpdatableItem)
    async def read_item(item_id: str) -> Any:
        return items[item_id]

    @app.put("/items/{item_id}", response_model=UpdatableItem)
    async def update_item(item_id: str, item: UpdatableItem) -> Any:
        update_item_encoded = jsonable_encoder(item)
        items[item_id] = update_item_encoded
        return update_item_encoded

    @app.patch("/items/{item_id}", response_model=UpdatableItem)
    async def patch_item(item_id: str, item: ItemPatch) -> Any:
        stored_item_model = msgspec.convert(items[item_id], UpdatableItem)
        update_data = {key: value for key, value in msgspec.structs.asdict(item).items() if value is not msgspec.UNSET}
        updated_item = msgspec.structs.replace(stored_item_model, **update_data)
        items[item_id] = jsonable_encoder(updated_item)
        return updated_item

    return app


def test_body_updates_put() -> None:
    client = TestClient(_updates_app())
    response = client.get("/items/baz")
    assert response.status_code == 200
    assert response.json() == {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []}
    response = client.put("/items/bar", json={"name": "Barz", "price": 3, "description": None})
    assert response.status_code == 200
    assert response.json() == {"name": "Barz", "description": None, "price": 3, "tax": 10.5, "tags": []}
    assert client.get("/items/bar").json() == {"name": "Barz", "description": None, "price": 3, "tax": 10.5, "tags": []}


def test_body_updates_patch_keeps_unset_fields() -> None:
    client = TestClient(_updates_app())
    response = client.patch("/items/bar", json={"name": "Barz", "price": 3})
    assert response.status_code == 200
    assert response.json() == {"name": "Barz", "description": "The bartenders", "price": 3, "tax": 20.2, "tags": []}
    response = client.patch("/items/bar", json={"description": None})
    assert response.json() == {"name": "Barz", "description": None, "price": 3, "tax": 20.2, "tags": []}


def test_body_updates_patch_validates() -> None:
    client = TestClient(_updates_app())
    response = client.patch("/items/bar", json={"tax": None})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "float_type", "loc": ["body", "tax"], "msg": "Input should be a valid number", "input": None}
        ]
    }


# -- beyond the tutorial's own examples: exclude_none, 204, sync streams, cookies, plain values -----------------------


def _more_app() -> Faster:
    app = Faster()

    @app.get("/items/{item_id}/nonone", response_model=Item, response_model_exclude_none=True)
    async def read_item_nonone(item_id: str) -> dict[str, object]:
        return {"name": "Foo", "price": 50.2, "description": None}

    @app.delete("/nocontent/", status_code=204)
    async def no_content() -> None:
        return None

    @app.get("/stream/")
    async def stream() -> StreamingResponse:
        async def gen() -> AsyncIterator[bytes]:
            for i in range(3):
                yield b"some fake video bytes %d;" % i

        return StreamingResponse(gen(), media_type="video/mp4")

    @app.get("/stream-sync/")
    def stream_sync() -> StreamingResponse:
        def gen() -> Iterator[str]:
            yield "a"
            yield "b"

        return StreamingResponse(gen(), media_type="text/plain")

    @app.get("/two-cookies/")
    def two_cookies(response: Response) -> dict[str, bool]:
        response.set_cookie("a", "1")
        response.set_cookie("b", "2", httponly=True, max_age=60)
        return {"ok": True}

    @app.get("/delete-cookie/")
    def delete_cookie(response: Response) -> dict[str, bool]:
        response.delete_cookie("a")
        return {"ok": True}

    @app.get("/when/")
    def when() -> dict[str, object]:
        return {"at": datetime.datetime(2024, 1, 2, 3, 4, 5), "d": datetime.date(2024, 1, 2)}

    @app.get("/str/")
    def a_string() -> str:
        return "hello"

    return app


@pytest.fixture(scope="module")
def more() -> TestClient:
    return TestClient(_more_app())


def test_response_model_exclude_none(more: TestClient) -> None:
    assert more.get("/items/foo/nonone").json() == {"name": "Foo", "price": 50.2, "tags": []}


def test_status_code_204_has_no_body(more: TestClient) -> None:
    response = more.delete("/nocontent/")
    assert response.status_code == 204
    assert response.content == b""


def test_streaming_response_async_and_sync(more: TestClient) -> None:
    response = more.get("/stream/")
    assert response.headers["content-type"] == "video/mp4"
    assert response.content == b"some fake video bytes 0;some fake video bytes 1;some fake video bytes 2;"
    assert more.get("/stream-sync/").text == "ab"


def test_two_set_cookie_headers(more: TestClient) -> None:
    cookies = more.get("/two-cookies/").headers.get_list("set-cookie")
    assert len(cookies) == 2
    assert any(cookie.startswith("a=1") for cookie in cookies)
    b = next(cookie for cookie in cookies if cookie.startswith("b=2"))
    assert "HttpOnly" in b
    assert "Max-Age=60" in b


def test_delete_cookie(more: TestClient) -> None:
    cookie = more.get("/delete-cookie/").headers["set-cookie"]
    assert cookie.startswith("a=")
    assert "Max-Age=0" in cookie


def test_datetimes_serialised_iso(more: TestClient) -> None:
    assert more.get("/when/").json() == {"at": "2024-01-02T03:04:05", "d": "2024-01-02"}


def test_str_return_is_json_string(more: TestClient) -> None:
    response = more.get("/str/")
    assert response.headers["content-type"] == "application/json"
    assert response.json() == "hello"
