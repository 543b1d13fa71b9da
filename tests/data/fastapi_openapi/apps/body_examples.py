from typing import Annotated

from FasterAPI import Body, FastAPI, Query

app = FastAPI()


@app.put("/items/{item_id}")
async def update_item(
    item_id: int,
    name: Annotated[str, Body(examples=["Foo"])],
    price: Annotated[float, Body(gt=0, description="The price must be greater than zero")],
):
    return {"item_id": item_id, "name": name}


@app.get("/search/")
async def search(
    q: Annotated[
        str,
        Query(
            openapi_examples={
                "normal": {"summary": "A normal example", "description": "Works", "value": "foo"},
                "empty": {"summary": "Empty", "value": ""},
            }
        ),
    ],
):
    return {"q": q}
