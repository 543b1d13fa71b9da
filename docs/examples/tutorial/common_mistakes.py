"""Common mistakes and the errors that name them: each test declares the mistake and checks the message."""

# --8<-- [start:setup]
import sys
from typing import Annotated

import msgspec
import pytest

from FasterAPI import Depends, Faster, FasterRouter, Path, Query, Request
from FasterAPI.exceptions import FasterAPIError
from FasterAPI.testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: float


# --8<-- [end:setup]


# --8<-- [start:typo]
def test_a_misspelt_option_fails_when_declared() -> None:
    app = Faster()
    with pytest.raises(TypeError) as error:

        @app.get("/items", respons_model=Item)  # type: ignore[call-arg]
        async def read_items() -> list[Item]:
            return []

    assert str(error.value) == "Faster.get() got an unexpected keyword argument 'respons_model'"


# --8<-- [end:typo]


# --8<-- [start:plain_class]
class Basket:  # a plain class: no model library can fill it from JSON
    def __init__(self, items: list[str]) -> None:
        self.items = items


def test_a_plain_class_as_body() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.post("/baskets")
        async def create_basket(basket: Basket) -> None: ...

    assert str(error.value) == (
        "POST /baskets: parameter 'basket' of create_basket() would be read from the JSON body as Basket, "
        "but Basket is a class that neither msgspec nor a model library can validate or encode: "
        "make it a msgspec.Struct, a dataclass or a TypedDict"
    )


def test_a_plain_class_as_return_annotation() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.get("/baskets/{basket_id}")
        async def read_basket(basket_id: int) -> Basket:
            return Basket([])

    assert str(error.value).startswith(
        "GET /baskets/{basket_id}: the return annotation of read_basket(), -> Basket: Basket is a class"
    )
    assert str(error.value).endswith("(or pass response_model=None to send what the handler returns as it is)")


# --8<-- [end:plain_class]


# --8<-- [start:constraint]
def test_a_constraint_the_type_cannot_have() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.get("/search")
        async def search(q: Annotated[str, Query(gt=3)]) -> list[str]:  # meant min_length=3
            return []

    assert str(error.value) == (
        "GET /search: parameter 'q' of search(): Query(gt=...) cannot apply to str; "
        "gt needs a number (int, float, Decimal). Change the annotation or drop the constraint"
    )


# --8<-- [end:constraint]


# --8<-- [start:path]
def test_a_path_parameter_marked_query() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.get("/items/{item_id}")
        async def read_item(item_id: Annotated[int, Query()]) -> None: ...

    assert str(error.value) == (
        "GET /items/{item_id}: parameter 'item_id' of read_item(): {item_id} is in the route's path, "
        "so 'item_id' is a path parameter; declare it with Path() or without a marker, not Query()"
    )


def test_a_path_parameter_nobody_takes() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.get("/users/{user_id}/items")
        async def read_items() -> list[Item]:
            return []

    assert str(error.value) == (
        "GET /users/{user_id}/items: the path has {user_id}, but neither read_items() nor its dependencies "
        "take 'user_id': add a parameter `user_id: str` (or the type it should have), or take "
        "`request: Request` and read request.path_params"
    )


def test_path_parameters_can_come_from_the_include_prefix() -> None:
    router = FasterRouter()

    @router.get("/members")
    async def list_members(org_id: Annotated[str, Path()]) -> dict[str, str]:
        return {"org": org_id}

    app = Faster()
    app.include_router(router, prefix="/orgs/{org_id}")
    assert TestClient(app).get("/orgs/acme/members").json() == {"org": "acme"}

    elsewhere = Faster()
    with pytest.raises(FasterAPIError) as error:
        elsewhere.include_router(router, prefix="/teams")
    assert str(error.value).startswith(
        "GET /members (included with prefix '/teams'): 'org_id' is declared with Path(), but the path has no {org_id}"
    )


# --8<-- [end:path]


# --8<-- [start:depends]
def get_db() -> str:
    return "db"


def test_a_dependency_called_instead_of_passed() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.get("/items")
        async def read_items(db: Annotated[str, Depends(get_db())]) -> list[Item]:
            return []

    assert str(error.value) == (
        "GET /items: parameter 'db' of read_items(): Depends() got 'db', which is not callable: pass the "
        "dependency itself, Depends(get_db), not the result of calling it, Depends(get_db())"
    )


# --8<-- [end:depends]


# --8<-- [start:await]
def test_a_forgotten_await_is_named_in_the_error() -> None:
    app = Faster()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, object]:
        return {"data": request.json()}  # should be: await request.json()

    with pytest.raises(TypeError, match="was never awaited; did you forget `await`") as raised:
        TestClient(app).post("/echo", json={"a": 1})  # the error the server would log
    if sys.version_info >= (3, 11):  # the route, as a note under the traceback
        assert raised.value.__notes__ == ["while serving POST /echo (echo())"]
    response = TestClient(app, raise_server_exceptions=False).post("/echo", json={"a": 1})
    assert response.status_code == 500


# --8<-- [end:await]


# --8<-- [start:lists]
def test_a_list_without_query_is_the_body() -> None:
    app = Faster()

    @app.post("/bare")
    async def bare(ids: list[int]) -> list[int]:
        return ids

    @app.get("/query")
    async def query(ids: Annotated[list[int], Query()]) -> list[int]:
        return ids

    client = TestClient(app)
    assert client.post("/bare", json=[1, 2]).json() == [1, 2]
    assert client.get("/query?ids=1&ids=2").json() == [1, 2]


# --8<-- [end:lists]
