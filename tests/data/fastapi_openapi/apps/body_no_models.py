from typing import Annotated, Any

from FasterAPI import Body, FastAPI

app = FastAPI()


@app.post("/dict/")
async def create_dict(payload: dict[str, Any]):
    return payload


@app.post("/weights/")
async def create_index_weights(weights: dict[int, float]):
    return weights


@app.put("/items/{item_id}")
async def update_item(item_id: int, importance: Annotated[int, Body()], note: Annotated[str | None, Body()] = None):
    return {"item_id": item_id, "importance": importance}


@app.post("/embed/")
async def embed(count: Annotated[int, Body(embed=True)]):
    return {"count": count}


@app.post("/tags/")
async def tags(tags: Annotated[list[str], Body()]):
    return tags
