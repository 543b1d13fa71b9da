from typing import Annotated

from FasterAPI import FastAPI, Form

app = FastAPI()


@app.post("/login/")
async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]):
    return {"username": username}


@app.post("/optional/")
async def optional(name: Annotated[str | None, Form()] = None, age: Annotated[int, Form(ge=0)] = 18):
    return {"name": name}
