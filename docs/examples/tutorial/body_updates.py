# --8<-- [start:app]
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


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_patch_changes_only_the_fields_sent() -> None:
    response = client.patch("/items/bar", json={"tax": 0, "description": None})
    assert response.json() == {"name": "Bar", "price": 62.0, "description": None, "tax": 0.0, "tags": []}
    assert client.patch("/items/bar", json={"tags": ["drinks"]}).json()["tags"] == ["drinks"]


def test_patch_still_validates_what_is_sent() -> None:
    response = client.patch("/items/foo", json={"price": "cheap"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "price"]


def test_put_replaces_the_whole_item() -> None:
    response = client.put("/items/foo", json={"name": "Foo", "price": 1})
    assert response.json() == {"name": "Foo", "price": 1.0, "description": None, "tax": 10.5, "tags": []}


def test_the_patch_model_is_documented() -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["ItemPatch"]
    assert set(schema["properties"]) == {"name", "price", "description", "tax", "tags"}
    assert "required" not in schema


# --8<-- [end:test]
