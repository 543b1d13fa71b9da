from dataclasses import dataclass, field
from typing import Annotated

from FasterAPI import FastAPI, Query


@dataclass
class Basket:
    owner: str
    fruits: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    note: str | None = None


app = FastAPI()


@app.get("/search/")
async def search(tags: Annotated[list, Query()] = [], labels: Annotated[list | None, Query()] = None):  # noqa: B006
    return {"tags": tags, "labels": labels}


@app.post("/baskets/")
async def create_basket(basket: Basket) -> Basket:
    return basket


@app.get("/baskets/{owner}", response_model=Basket)
async def read_basket(owner: str):
    return {"owner": owner, "fruits": ["apple"]}
