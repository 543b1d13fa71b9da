# --8<-- [start:app]
from typing import Annotated

import msgspec

from FasterAPI import Body, Faster

app = Faster()


class Image(msgspec.Struct):
    url: str
    name: str


class Item(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=50)]
    price: Annotated[float, msgspec.Meta(gt=0)]
    description: str | None = None
    tags: list[str] = []
    images: list[Image] = []


@app.post("/items/", status_code=201)
async def create_item(item: Item) -> Item:
    return item


@app.put("/items/{item_id}")
async def update_item(item_id: int, item: Item, importance: Annotated[int, Body()]) -> dict[str, object]:
    # Two body parameters: each is read from its own key of the JSON object.
    return {"item_id": item_id, "item": item, "importance": importance}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_valid_body_is_decoded_and_echoed() -> None:
    payload = {"name": "Widget", "price": 9.5, "images": [{"url": "https://x.test/a.png", "name": "a"}]}
    response = client.post("/items/", json=payload)
    assert response.status_code == 201
    assert response.json() == {**payload, "description": None, "tags": []}


def test_invalid_body_is_a_422_naming_the_field() -> None:
    response = client.post("/items/", json={"name": "Widget", "price": -1})
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "price"]
    assert client.post("/items/", json={"price": 1}).json()["detail"][0]["loc"] == ["body", "name"]


def test_several_body_parameters_are_embedded() -> None:
    response = client.put("/items/3", json={"item": {"name": "A", "price": 1.0}, "importance": 5})
    assert response.json() == {
        "item_id": 3,
        "item": {"name": "A", "price": 1.0, "description": None, "tags": [], "images": []},
        "importance": 5,
    }


# --8<-- [end:test]
