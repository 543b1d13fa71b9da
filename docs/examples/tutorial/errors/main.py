from FasterAPI import Faster, HTTPException, Request, RequestValidationError
from FasterAPI.responses import JSONResponse

app = Faster()
items = {"foo": "The Foo Wrestlers"}


class UnicornError(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


@app.exception_handler(UnicornError)
async def unicorn_handler(request: Request, exc: UnicornError) -> JSONResponse:
    return JSONResponse(status_code=418, content={"message": f"Oops! {exc.name} did something."})


@app.exception_handler(RequestValidationError)
async def validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse(status_code=400, content={"errors": [e["loc"] for e in exc.errors()]})


@app.get("/items/{item_id}")
async def read_item(item_id: str) -> dict[str, str]:
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found", headers={"X-Error": "missing"})
    return {"item": items[item_id]}


@app.get("/unicorns/{name}")
async def read_unicorn(name: str) -> dict[str, str]:
    if name == "yolo":
        raise UnicornError(name)
    return {"unicorn_name": name}


@app.get("/numbers/{number}")
async def read_number(number: int) -> dict[str, int]:
    return {"number": number}
