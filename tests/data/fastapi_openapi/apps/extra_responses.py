from dataclasses import dataclass

from FasterAPI import FastAPI
from FasterAPI.responses import FileResponse, JSONResponse


@dataclass
class Item:
    id: str
    value: str


@dataclass
class Message:
    message: str


app = FastAPI()


@app.get("/items/{item_id}", response_model=Item, responses={404: {"model": Message}})
async def read_item(item_id: str):
    if item_id == "foo":
        return {"id": "foo", "value": "there goes my hero"}
    return JSONResponse(status_code=404, content={"message": "Item not found"})


@app.get(
    "/images/{item_id}",
    response_model=Item,
    responses={200: {"content": {"image/png": {}}, "description": "Return the JSON item or an image."}},
)
async def read_image(item_id: str, img: bool | None = None):
    if img:
        return FileResponse("image.png", media_type="image/png")
    return {"id": "foo", "value": "there goes my hero"}


@app.get(
    "/described/{item_id}",
    responses={
        404: {"description": "Item not found"},
        302: {"description": "The item was moved"},
        403: {"description": "Not enough privileges"},
        "5XX": {"description": "Server trouble"},
    },
)
async def read_described(item_id: str):
    return {"id": item_id}


@app.get(
    "/example/",
    responses={
        200: {
            "description": "Item requested by ID",
            "content": {"application/json": {"example": {"id": "bar", "value": "The bar tenders"}}},
        },
        400: {"description": "Bad", "headers": {"X-Error": {"description": "Why", "schema": {"type": "string"}}}},
    },
)
async def read_example():
    return {"id": "bar"}
