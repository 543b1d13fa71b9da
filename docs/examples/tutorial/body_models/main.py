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
