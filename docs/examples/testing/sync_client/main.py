# main.py
import msgspec

from FasterAPI import Faster, Header, HTTPException

app = Faster()
fake_db = {"foo": {"id": "foo", "title": "Foo", "description": "There goes my hero"}}


class Item(msgspec.Struct):
    id: str
    title: str
    description: str | None = None


@app.get("/items/{item_id}")
async def read_item(item_id: str, x_token: str = Header()) -> dict[str, str | None]:
    if x_token != "coneofsilence":
        raise HTTPException(status_code=400, detail="Invalid X-Token header")
    if item_id not in fake_db:
        raise HTTPException(status_code=404, detail="Item not found")
    return fake_db[item_id]


@app.post("/items/", status_code=201)
async def create_item(item: Item, x_token: str = Header()) -> Item:
    if x_token != "coneofsilence":
        raise HTTPException(status_code=400, detail="Invalid X-Token header")
    if item.id in fake_db:
        raise HTTPException(status_code=409, detail="Item already exists")
    fake_db[item.id] = msgspec.to_builtins(item)
    return item
