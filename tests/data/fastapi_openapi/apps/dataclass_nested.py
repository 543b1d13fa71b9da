from dataclasses import dataclass, field

from FasterAPI import FastAPI


@dataclass
class Image:
    url: str
    name: str


@dataclass
class Item:
    name: str
    price: float
    tags: list[str] = field(default_factory=list)
    images: list[Image] | None = None


app = FastAPI()


@app.put("/items/{item_id}")
async def update_item(item_id: int, item: Item) -> Item:
    return item


@app.post("/images/multiple/")
async def create_multiple_images(images: list[Image]) -> list[Image]:
    return images
