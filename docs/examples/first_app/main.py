from FasterAPI import Faster

app = Faster()


@app.get("/")
async def root() -> dict[str, str]:
    return {"message": "Hello, World"}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None) -> dict[str, object]:
    return {"item_id": item_id, "q": q}
