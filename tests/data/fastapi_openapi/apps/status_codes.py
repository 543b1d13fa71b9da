from FasterAPI import FastAPI, status

app = FastAPI()


@app.post("/items/", status_code=201)
async def create_item(name: str):
    return {"name": name}


@app.post("/users/", status_code=status.HTTP_201_CREATED)
async def create_user(name: str):
    return {"name": name}


@app.delete("/items/{item_id}", status_code=204)
async def delete_item(item_id: int):
    return None


@app.get("/moved/", status_code=status.HTTP_301_MOVED_PERMANENTLY)
async def moved():
    return None
