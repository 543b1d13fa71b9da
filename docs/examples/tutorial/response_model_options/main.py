import msgspec

from FasterAPI import Faster

app = Faster()


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float = 10.5
    tags: list[str] = []


class CarItem(msgspec.Struct):
    description: str
    type: str = "car"


class PlaneItem(msgspec.Struct):
    description: str
    size: int
    type: str = "plane"


ITEMS = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
}
VEHICLES = {
    "item1": {"description": "All my friends drive a low rider", "type": "car"},
    "item2": {"description": "Music is my aeroplane", "type": "plane", "size": 5},
}


@app.get("/items/{item_id}", response_model=Item, response_model_exclude_unset=True)
async def read_item(item_id: str) -> dict[str, object]:
    # Only the keys the handler set are sent: defaults are not filled in.
    return ITEMS[item_id]


@app.get("/vehicles/{item_id}", response_model=PlaneItem | CarItem)
async def read_vehicle(item_id: str) -> dict[str, object]:
    # A union of models: the member the value fits best is used.
    return VEHICLES[item_id]
