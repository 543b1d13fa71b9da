import msgspec
from msgspec import UNSET, UnsetType

from FasterAPI import Faster

app = Faster()


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float = 10.5
    tags: list[str] = []


class ItemPatch(msgspec.Struct):
    """Every field optional; a field the client did not send stays UNSET (not None)."""

    name: str | UnsetType = UNSET
    price: float | UnsetType = UNSET
    description: str | UnsetType | None = UNSET
    tax: float | UnsetType = UNSET
    tags: list[str] | UnsetType = UNSET


items = {"foo": Item(name="Foo", price=50.2), "bar": Item(name="Bar", price=62, description="The bartenders")}


@app.put("/items/{item_id}")
async def replace_item(item_id: str, item: Item) -> Item:
    # PUT replaces: fields the client leaves out get their defaults again.
    items[item_id] = item
    return item


@app.patch("/items/{item_id}")
async def update_item(item_id: str, patch: ItemPatch) -> Item:
    # PATCH changes only what was sent: UNSET fields are skipped, an explicit null is kept.
    changes = {field: value for field in ItemPatch.__struct_fields__ if (value := getattr(patch, field)) is not UNSET}
    items[item_id] = msgspec.structs.replace(items[item_id], **changes)
    return items[item_id]
