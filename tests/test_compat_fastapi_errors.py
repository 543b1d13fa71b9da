"""FastAPI parity: HTTPException, custom exception handlers, overriding the default handlers, 404/405
(docs: tutorial/handling-errors)."""

from __future__ import annotations

import msgspec

from FasterAPI import Faster, HTTPException, Request
from FasterAPI.exceptions import RequestValidationError
from FasterAPI.responses import JSONResponse, PlainTextResponse
from FasterAPI.testclient import TestClient


class UnicornException(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


class Item(msgspec.Struct):
    title: str
    size: int


def test_http_exception_detail_and_status() -> None:
    app = Faster()
    items = {"foo": "The Foo Wrestlers"}

    @app.get("/items/{item_id}")
    async def read_item(item_id: str) -> dict[str, str]:
        if item_id not in items:
            raise HTTPException(status_code=404, detail="Item not found")
        return {"item": items[item_id]}

    client = TestClient(app)
    assert client.get("/items/foo").json() == {"item": "The Foo Wrestlers"}
    r = client.get("/items/bar")
    assert r.status_code == 404
    assert r.json() == {"detail": "Item not found"}
    assert r.headers["content-type"] == "application/json"


def test_http_exception_detail_can_be_any_json() -> None:
    app = Faster()

    @app.get("/x")
    async def x() -> None:
        raise HTTPException(status_code=400, detail={"msg": "bad", "codes": [1, 2]})

    assert TestClient(app).get("/x").json() == {"detail": {"msg": "bad", "codes": [1, 2]}}


def test_http_exception_without_detail_uses_reason_phrase() -> None:
    app = Faster()

    @app.get("/x")
    async def x() -> None:
        raise HTTPException(status_code=403)

    r = TestClient(app).get("/x")
    assert r.status_code == 403
    assert r.json() == {"detail": "Forbidden"}


def test_custom_exception_handler_decorator() -> None:
    app = Faster()

    @app.exception_handler(UnicornException)
    async def unicorn_exception_handler(request: Request, exc: UnicornException) -> JSONResponse:
        return JSONResponse(
            status_code=418,
            content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."},
        )

    @app.get("/unicorns/{name}")
    async def read_unicorn(name: str) -> dict[str, str]:
        if name == "yolo":
            raise UnicornException(name=name)
        return {"unicorn_name": name}

    client = TestClient(app)
    r = client.get("/unicorns/yolo")
    assert r.status_code == 418
    assert r.json() == {"message": "Oops! yolo did something. There goes a rainbow..."}
    assert client.get("/unicorns/ok").json() == {"unicorn_name": "ok"}


def test_add_exception_handler_method() -> None:
    app = Faster()

    def handler(request: Request, exc: UnicornException) -> JSONResponse:
        return JSONResponse(status_code=418, content={"name": exc.name})

    app.add_exception_handler(UnicornException, handler)

    @app.get("/u")
    def u() -> None:
        raise UnicornException("x")

    assert TestClient(app).get("/u").json() == {"name": "x"}


def test_override_http_exception_handler_plain_text() -> None:
    app = Faster()

    @app.exception_handler(HTTPException)
    async def http_exception_handler(request: Request, exc: HTTPException) -> PlainTextResponse:
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code)

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        if item_id == 3:
            raise HTTPException(status_code=418, detail="Nope! I don't like 3.")
        return {"item_id": item_id}

    client = TestClient(app)
    r = client.get("/items/3")
    assert r.status_code == 418
    assert r.text == "Nope! I don't like 3."
    assert r.headers["content-type"].startswith("text/plain")


def test_http_exception_handler_also_handles_404_not_found() -> None:
    app = Faster()

    @app.exception_handler(HTTPException)
    async def handler(request: Request, exc: HTTPException) -> PlainTextResponse:
        return PlainTextResponse(f"custom {exc.status_code}", status_code=exc.status_code)

    r = TestClient(app).get("/does-not-exist")
    assert r.status_code == 404
    assert r.text == "custom 404"


def test_override_request_validation_handler() -> None:
    app = Faster()

    @app.exception_handler(RequestValidationError)
    async def validation_exception_handler(request: Request, exc: RequestValidationError) -> PlainTextResponse:
        return PlainTextResponse(str(len(exc.errors())) + " errors", status_code=400)

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        return {"item_id": item_id}

    r = TestClient(app).get("/items/foo")
    assert r.status_code == 400
    assert r.text == "1 errors"


def test_reuse_default_handlers() -> None:
    from FasterAPI.exception_handlers import http_exception_handler, request_validation_exception_handler

    seen: list[str] = []
    app = Faster()

    @app.exception_handler(HTTPException)
    async def custom_http(request: Request, exc: HTTPException) -> object:
        seen.append(f"http {exc.status_code}")
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def custom_validation(request: Request, exc: RequestValidationError) -> object:
        seen.append("validation")
        return await request_validation_exception_handler(request, exc)

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        if item_id == 3:
            raise HTTPException(status_code=418, detail="Nope! I don't like 3.")
        return {"item_id": item_id}

    client = TestClient(app)
    r = client.get("/items/3")
    assert r.status_code == 418
    assert r.json() == {"detail": "Nope! I don't like 3."}
    r = client.get("/items/foo")
    assert r.status_code == 422
    assert r.json()["detail"][0]["type"] == "int_parsing"
    assert seen == ["http 418", "validation"]


def test_unknown_route_404_and_wrong_method_405() -> None:
    app = Faster()

    @app.get("/items/")
    async def items() -> list[int]:
        return []

    client = TestClient(app)
    r = client.get("/nothing")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}
    r = client.post("/items/")
    assert r.status_code == 405
    assert r.json() == {"detail": "Method Not Allowed"}
    assert "GET" in r.headers["allow"]


def test_unhandled_exception_is_500_when_server_exceptions_disabled() -> None:
    app = Faster()

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("boom")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500


def test_unhandled_exception_raises_in_test_client() -> None:
    import pytest

    app = Faster()

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        TestClient(app).get("/boom")


def test_catch_all_exception_handler() -> None:
    app = Faster()

    @app.exception_handler(Exception)
    async def catch_all(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=500, content={"error": type(exc).__name__})

    @app.get("/boom")
    async def boom() -> None:
        raise ValueError("x")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500
    assert r.json() == {"error": "ValueError"}


def test_exception_handler_for_status_code() -> None:
    app = Faster()

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=404, content={"missing": request.url.path})

    assert TestClient(app).get("/zzz").json() == {"missing": "/zzz"}


def test_exception_handlers_constructor_kwarg() -> None:
    async def handler(request: Request, exc: UnicornException) -> JSONResponse:
        return JSONResponse(status_code=418, content={"n": exc.name})

    app = Faster(exception_handlers={UnicornException: handler})

    @app.get("/u")
    async def u() -> None:
        raise UnicornException("z")

    assert TestClient(app).get("/u").json() == {"n": "z"}
