"""FastAPI tutorial "Path Parameters" and "Path Parameters and Numeric Validations", with FasterAPI.

Apps follow the tutorial's examples; expected status codes and bodies are FastAPI's documented ones.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import pytest

from FasterAPI import FastAPI, Faster, Path, Query
from FasterAPI.testclient import TestClient


class ModelName(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"
    lenet = "lenet"


def _path_app() -> Faster:
    app = Faster()

    @app.get("/plain/{item_id}")
    async def read_plain(item_id):  # type: ignore[no-untyped-def]
        return {"item_id": item_id}

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        return {"item_id": item_id}

    @app.get("/users/me")
    async def read_user_me() -> dict[str, str]:
        return {"user_id": "the current user"}

    @app.get("/users/{user_id}")
    async def read_user(user_id: str) -> dict[str, str]:
        return {"user_id": user_id}

    @app.get("/models/{model_name}")
    async def get_model(model_name: ModelName) -> dict[str, str]:
        if model_name is ModelName.alexnet:
            return {"model_name": model_name, "message": "Deep Learning FTW!"}
        if model_name.value == "lenet":
            return {"model_name": model_name, "message": "LeCNN all the images"}
        return {"model_name": model_name, "message": "Have some residuals"}

    @app.get("/files/{file_path:path}")
    async def read_file(file_path: str) -> dict[str, str]:
        return {"file_path": file_path}

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_path_app())


def test_untyped_path_param_is_the_raw_text(client: TestClient) -> None:
    response = client.get("/plain/foo")
    assert response.status_code == 200
    assert response.json() == {"item_id": "foo"}


def test_int_path_param_is_converted(client: TestClient) -> None:
    response = client.get("/items/42")
    assert response.status_code == 200
    assert response.json() == {"item_id": 42}


@pytest.mark.parametrize("raw", ["foo", "4.2"])
def test_int_path_param_rejects_text(client: TestClient, raw: str) -> None:
    response = client.get(f"/items/{raw}")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["path", "item_id"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": raw,
            }
        ]
    }


def test_static_route_beats_the_parameter(client: TestClient) -> None:
    assert client.get("/users/me").json() == {"user_id": "the current user"}
    assert client.get("/users/foo").json() == {"user_id": "foo"}


@pytest.mark.parametrize(
    ("name", "message"),
    [("alexnet", "Deep Learning FTW!"), ("lenet", "LeCNN all the images"), ("resnet", "Have some residuals")],
)
def test_enum_path_param(client: TestClient, name: str, message: str) -> None:
    response = client.get(f"/models/{name}")
    assert response.status_code == 200
    assert response.json() == {"model_name": name, "message": message}


def test_enum_path_param_rejects_other_values(client: TestClient) -> None:
    response = client.get("/models/foo")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "enum",
                "loc": ["path", "model_name"],
                "msg": "Input should be 'alexnet', 'resnet' or 'lenet'",
                "input": "foo",
                "ctx": {"expected": "'alexnet', 'resnet' or 'lenet'"},
            }
        ]
    }


def test_path_converter_keeps_slashes(client: TestClient) -> None:
    response = client.get("/files/home/johndoe/myfile.txt")
    assert response.status_code == 200
    assert response.json() == {"file_path": "home/johndoe/myfile.txt"}


def test_path_converter_keeps_a_leading_slash(client: TestClient) -> None:
    response = client.get("/files//home/johndoe/myfile.txt")
    assert response.status_code == 200
    assert response.json() == {"file_path": "/home/johndoe/myfile.txt"}


def _numeric_app() -> Faster:
    app = Faster()

    @app.get("/alias/{item_id}")
    async def read_alias(
        item_id: Annotated[int, Path(title="The ID of the item to get")],
        q: Annotated[str | None, Query(alias="item-query")] = None,
    ) -> dict[str, object]:
        results: dict[str, object] = {"item_id": item_id}
        if q:
            results["q"] = q
        return results

    @app.get("/star/{item_id}")
    async def read_star(*, item_id: int = Path(title="The ID of the item to get"), q: str) -> dict[str, object]:
        results: dict[str, object] = {"item_id": item_id}
        if q:
            results["q"] = q
        return results

    @app.get("/ge/{item_id}")
    async def read_ge(
        q: str, item_id: Annotated[int, Path(title="The ID of the item to get", ge=1)]
    ) -> dict[str, object]:
        results: dict[str, object] = {"item_id": item_id}
        if q:
            results["q"] = q
        return results

    @app.get("/gtle/{item_id}")
    async def read_gtle(
        q: str, item_id: Annotated[int, Path(title="The ID of the item to get", gt=0, le=1000)]
    ) -> dict[str, object]:
        results: dict[str, object] = {"item_id": item_id}
        if q:
            results["q"] = q
        return results

    @app.get("/floats/{item_id}")
    async def read_floats(
        *,
        item_id: int = Path(title="The ID of the item to get", ge=0, le=1000),
        q: str,
        size: float = Query(gt=0, lt=10.5),
    ) -> dict[str, object]:
        results: dict[str, object] = {"item_id": item_id}
        if q:
            results["q"] = q
        if size:
            results["size"] = size
        return results

    return app


@pytest.fixture(scope="module")
def numeric() -> TestClient:
    return TestClient(_numeric_app())


def test_path_with_title_and_aliased_query(numeric: TestClient) -> None:
    assert numeric.get("/alias/42", params={"item-query": "foo"}).json() == {"item_id": 42, "q": "foo"}
    assert numeric.get("/alias/42").json() == {"item_id": 42}


def test_keyword_only_parameters(numeric: TestClient) -> None:
    assert numeric.get("/star/42?q=foo").json() == {"item_id": 42, "q": "foo"}


@pytest.mark.parametrize(
    ("path", "expected"), [("/ge/42?q=", {"item_id": 42}), ("/ge/1?q=x", {"item_id": 1, "q": "x"})]
)
def test_ge_accepts(numeric: TestClient, path: str, expected: dict[str, object]) -> None:
    response = numeric.get(path)
    assert response.status_code == 200, response.text
    assert response.json() == expected


def test_ge_rejects_non_int(numeric: TestClient) -> None:
    response = numeric.get("/ge/invalid_id?q=somequery")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["path", "item_id"],
                "input": "invalid_id",
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "type": "int_parsing",
            }
        ]
    }


def test_ge_rejects_smaller(numeric: TestClient) -> None:
    response = numeric.get("/ge/0?q=somequery")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["path", "item_id"],
                "input": "0",
                "msg": "Input should be greater than or equal to 1",
                "type": "greater_than_equal",
                "ctx": {"ge": 1},
            }
        ]
    }


def test_required_query_missing(numeric: TestClient) -> None:
    response = numeric.get("/ge/42")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["query", "q"], "input": None, "msg": "Field required", "type": "missing"}]
    }


def test_gt_and_le(numeric: TestClient) -> None:
    assert numeric.get("/gtle/1000?q=x").json() == {"item_id": 1000, "q": "x"}
    response = numeric.get("/gtle/0?q=x")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "greater_than",
                "loc": ["path", "item_id"],
                "msg": "Input should be greater than 0",
                "input": "0",
                "ctx": {"gt": 0},
            }
        ]
    }
    response = numeric.get("/gtle/1001?q=x")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "less_than_equal",
                "loc": ["path", "item_id"],
                "msg": "Input should be less than or equal to 1000",
                "input": "1001",
                "ctx": {"le": 1000},
            }
        ]
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/floats/0?q=&size=0.1", {"item_id": 0, "size": 0.1}),
        ("/floats/1000?q=somequery&size=10.4", {"item_id": 1000, "q": "somequery", "size": 10.4}),
    ],
)
def test_float_query_bounds_accept(numeric: TestClient, path: str, expected: dict[str, object]) -> None:
    response = numeric.get(path)
    assert response.status_code == 200, response.text
    assert response.json() == expected


@pytest.mark.parametrize(
    ("path", "error"),
    [
        (
            "/floats/-1?q=somequery&size=5",
            {
                "loc": ["path", "item_id"],
                "input": "-1",
                "msg": "Input should be greater than or equal to 0",
                "type": "greater_than_equal",
                "ctx": {"ge": 0},
            },
        ),
        (
            "/floats/1001?q=somequery&size=5",
            {
                "loc": ["path", "item_id"],
                "input": "1001",
                "msg": "Input should be less than or equal to 1000",
                "type": "less_than_equal",
                "ctx": {"le": 1000},
            },
        ),
        (
            "/floats/1?q=somequery&size=0.0",
            {
                "loc": ["query", "size"],
                "input": "0.0",
                "msg": "Input should be greater than 0",
                "type": "greater_than",
                "ctx": {"gt": 0.0},
            },
        ),
        (
            "/floats/1?q=somequery&size=10.5",
            {
                "loc": ["query", "size"],
                "input": "10.5",
                "msg": "Input should be less than 10.5",
                "type": "less_than",
                "ctx": {"lt": 10.5},
            },
        ),
    ],
)
def test_float_query_bounds_reject(numeric: TestClient, path: str, error: dict[str, object]) -> None:
    response = numeric.get(path)
    assert response.status_code == 422, response.text
    assert response.json() == {"detail": [error]}


def test_first_steps_with_fastapis_class_name() -> None:
    """The tutorial's first app, written with FastAPI's class name (a ``Faster`` titled "FastAPI")."""
    app = FastAPI()

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "Hello World"}

    assert isinstance(app, Faster)
    assert app.openapi()["info"]["title"] == "FastAPI"
    assert Faster().openapi()["info"]["title"] == "FasterAPI"
    response = TestClient(app).get("/")
    assert response.status_code == 200
    assert response.json() == {"message": "Hello World"}
