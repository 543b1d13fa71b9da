from FasterAPI import FastAPI, Request

app = FastAPI()


@app.get("/items/", openapi_extra={"x-aperture-labs-portal": "blue"})
async def read_items():
    return [{"item_id": "portal-gun"}]


def magic_data_reader(raw_body: bytes):
    return {
        "size": len(raw_body),
        "content": {"name": "Maaaagic", "price": 42, "description": "Just kiddin', no magic here. ✨"},
    }


@app.post(
    "/items/",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "required": ["name", "price"],
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "price": {"type": "number"},
                            "description": {"type": "string"},
                        },
                    }
                }
            },
            "required": True,
        },
    },
)
async def create_item(request: Request):
    raw_body = await request.body()
    return magic_data_reader(raw_body)


@app.put(
    "/items/{item_id}",
    openapi_extra={"parameters": [{"name": "x-extra", "in": "header", "schema": {"type": "string"}}]},
)
async def update_item(item_id: int):
    return {"item_id": item_id}
