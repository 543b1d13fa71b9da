# --8<-- [start:app]
from typing import Annotated

import msgspec

from FasterAPI import Faster

app = Faster()


class Item(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=1)]
    price: Annotated[float, msgspec.Meta(gt=0)]
    tags: list[str] = []


@app.post("/items")
async def create_item(item: Item) -> dict[str, object]:
    return msgspec.to_builtins(item)  # was: item.model_dump()


# --8<-- [end:app]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_migrated_model_validates_like_the_pydantic_one() -> None:
    client = TestClient(app)
    assert client.post("/items", json={"name": "a", "price": 2}).json() == {"name": "a", "price": 2.0, "tags": []}
    assert client.post("/items", json={"name": "", "price": 2}).status_code == 422
    assert client.post("/items", json={"name": "a", "price": 0}).status_code == 422
