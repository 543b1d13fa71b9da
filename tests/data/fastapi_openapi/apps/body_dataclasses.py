from dataclasses import dataclass, field

from FasterAPI import FastAPI


@dataclass
class Item:
    name: str
    price: float
    description: str | None = None
    tax: float | None = None


@dataclass
class Author:
    name: str
    items: list[Item] = field(default_factory=list)


app = FastAPI()


@app.post("/items/")
async def create_item(item: Item):
    return item


@app.get("/items/{item_id}", response_model=Item)
async def read_item(item_id: str):
    return {"name": "Foo", "price": 1.0}


@app.post("/authors/{author_id}/items/", response_model=Author)
async def create_author_items(author_id: str, items: list[Item]):
    return {"name": author_id, "items": items}
