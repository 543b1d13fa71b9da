# --8<-- [start:app]
from enum import Enum
from typing import Annotated

from FasterAPI import Faster, Path, Query

app = Faster()


class Model(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"


@app.get("/users/me")  # static paths win over parameters, whatever the order
async def read_me() -> dict[str, str]:
    return {"user_id": "the current user"}


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> dict[str, int]:
    return {"user_id": user_id}


@app.get("/models/{model}")
async def read_model(model: Model) -> dict[str, str]:
    return {"model": model.value}


@app.get("/files/{file_path:path}")
async def read_file(file_path: str) -> dict[str, str]:
    return {"file_path": file_path}


@app.get("/items/")
async def list_items(
    skip: int = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    tags: Annotated[list[str], Query()] = [],  # noqa: B006 - a default is copied per request
    q: Annotated[str | None, Query(min_length=3, max_length=50)] = None,
) -> dict[str, object]:
    return {"skip": skip, "limit": limit, "tags": tags, "q": q}


@app.get("/orders/{order_id}")
async def read_order(order_id: Annotated[int, Path(title="The order id", gt=0)], verbose: bool = False) -> dict:
    return {"order_id": order_id, "verbose": verbose}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_path_parameters_are_converted() -> None:
    assert client.get("/users/42").json() == {"user_id": 42}
    assert client.get("/users/me").json() == {"user_id": "the current user"}
    assert client.get("/models/resnet").json() == {"model": "resnet"}
    assert client.get("/files/home/me/notes.txt").json() == {"file_path": "home/me/notes.txt"}
    assert client.get("/models/vgg").status_code == 422


def test_query_parameters_defaults_lists_and_constraints() -> None:
    assert client.get("/items/").json() == {"skip": 0, "limit": 10, "tags": [], "q": None}
    got = client.get("/items/", params={"skip": 5, "limit": 3, "tags": ["a", "b"], "q": "abc"})
    assert got.json() == {"skip": 5, "limit": 3, "tags": ["a", "b"], "q": "abc"}
    too_big = client.get("/items/?limit=1000")
    assert too_big.status_code == 422
    assert too_big.json()["detail"][0]["loc"] == ["query", "limit"]
    assert client.get("/orders/0").status_code == 422
    assert client.get("/orders/7?verbose=yes").json() == {"order_id": 7, "verbose": True}


# --8<-- [end:test]
