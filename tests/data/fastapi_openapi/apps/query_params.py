from FasterAPI import FastAPI

app = FastAPI()


@app.get("/items/")
async def read_items(skip: int = 0, limit: int = 10):
    return {"skip": skip, "limit": limit}


@app.get("/items/{item_id}")
async def read_item(item_id: str, q: str | None = None, short: bool = False):
    return {"item_id": item_id, "q": q, "short": short}


@app.get("/users/{user_id}/items/{item_id}")
async def read_user_item(user_id: int, item_id: str, needy: str, limit: int | None = None, ratio: float = 0.5):
    return {"item_id": item_id, "owner_id": user_id, "needy": needy}
