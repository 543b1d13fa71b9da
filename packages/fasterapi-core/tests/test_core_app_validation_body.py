"""A custom 422 handler can echo ``exc.body`` as FastAPI's handling-errors tutorial shows."""

import httpx
import msgspec

from fasterapi_core import Faster, JSONResponse, Request, RequestValidationError


class Item(msgspec.Struct):
    title: str
    size: int


async def test_validation_error_body_is_the_parsed_json() -> None:
    app = Faster()

    @app.exception_handler(RequestValidationError)
    async def handler(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": exc.errors(), "body": exc.body}, status_code=422)

    @app.post("/items")
    async def create(item: Item) -> Item:
        return item

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/items", json={"title": "towel", "size": "XL"})
    assert response.status_code == 422
    assert response.json()["body"] == {"title": "towel", "size": "XL"}
