# --8<-- [start:app]
from typing import Annotated

import msgspec
from pydantic import BaseModel, Field

from FasterAPI import Faster  # was: from fastapi import FastAPI

app = Faster()  # was: app = FastAPI()


class Item(BaseModel):  # unchanged: pydantic validates it, as in FastAPI
    name: str = Field(min_length=1)
    price: float = Field(gt=0)
    tags: list[str] = []


@app.post("/items")
async def create_item(item: Item) -> Item:
    return item


class FastItem(msgspec.Struct):  # the hot route, moved to msgspec: same JSON in and out
    name: Annotated[str, msgspec.Meta(min_length=1)]
    price: Annotated[float, msgspec.Meta(gt=0)]
    tags: list[str] = []


@app.post("/fast-items")
async def create_fast_item(item: FastItem) -> FastItem:
    return item


# --8<-- [end:app]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_both_routes_answer_the_same() -> None:
    client = TestClient(app)
    for path in ("/items", "/fast-items"):
        response = client.post(path, json={"name": "a", "price": 2})
        assert response.json() == {"name": "a", "price": 2.0, "tags": []}
        assert client.post(path, json={"name": "a", "price": 0}).status_code == 422


def test_pydantic_errors_are_pydantics() -> None:
    response = TestClient(app).post("/items", json={"name": "", "price": 2})
    assert response.json()["detail"] == [
        {
            "type": "string_too_short",
            "loc": ["body", "name"],
            "msg": "String should have at least 1 character",
            "input": "",
            "ctx": {"min_length": 1},
        }
    ]
